import Foundation
import NASTestSupport
import Networks
import SearchSpace
import Testing

@testable import Proxies

/// `conv1×1 → [bn] → global pool`: small enough that the Zen-score has a closed form.
final class ZenProbe: Layer {
  typealias Scalar = Float
  let convolution: Convolution2D<Float>
  let norm: BatchNorm2D<Float>?

  init(normalised: Bool, using rng: inout SplitMix64) {
    convolution = Convolution2D(
      name: "conv", inChannels: 1, outChannels: 1, kernelSize: 1, using: &rng)
    norm = normalised ? BatchNorm2D(name: "bn", channels: 1) : nil
  }

  func forward(_ input: Tensor<Float>, in pass: ForwardPass<Float>) -> Tensor<Float> {
    var x = convolution.forward(input, in: pass)
    if let norm { x = norm.forward(x, in: pass) }
    return pass.globalAveragePool(x)
  }

  var sublayers: [any Layer<Float>] { [convolution] + (norm.map { [$0] } ?? []) }
}

struct ZenTests {
  @Test func closedFormOfAConvolutionWithBatchNorm() throws {
    var rng = SplitMix64(seed: 1)
    let probe = ZenProbe(normalised: true, using: &rng)
    probe.convolution.weight.value = Tensor(shape: [1, 1, 1, 1], scalars: [2])
    // 3 samples of 1×1×2 pixels, and a perturbed copy.
    let x: [Float] = [0.5, -1, 2, 0, 1.5, -0.5]
    let y: [Float] = [0.6, -1, 2, 0.1, 1.5, -0.7]
    let score = try Zen.zen(
      probe, clean: Tensor(shape: [3, 1, 1, 2], scalars: x),
      perturbed: Tensor(shape: [3, 1, 1, 2], scalars: y)
    ).get()

    // By hand: the conv doubles, BN standardises with the biased variance and eps 1e-5.
    func standardised(_ v: [Float]) -> (values: [Double], variance: Double) {
      let z = v.map { 2 * Double($0) }
      let mean = z.reduce(0, +) / Double(z.count)
      let variance = z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(z.count)
      return (z.map { ($0 - mean) / (variance + 1e-5).squareRoot() }, variance)
    }
    let (a, varianceA) = standardised(x)
    let (b, varianceB) = standardised(y)
    let delta = zip(a, b).reduce(0) { $0 + abs($1.0 - $1.1) } / 3
    // Running variance: starts at 1, momentum 0.1, unbiased batch variance (n = 6).
    var running = 1.0
    for variance in [varianceA, varianceB] { running = 0.9 * running + 0.1 * variance * 6 / 5 }
    let expected = log(delta) + log(running.squareRoot())
    #expect(abs(score - expected) < 1e-5)
  }

  @Test func withoutBatchNormTheScoreShiftsByLogGamma() {
    // f is linear, so Δ = γ · mean Σ|f(ε)| and score(γ₁) − score(γ₂) = log(γ₁/γ₂).
    let linear = ForwardFixtures.builder("linear") { rng in
      (ZenProbe(normalised: false, using: &rng), Sequential<Double>([]))
    }
    let input = ProxyInput.images(
      SyntheticBatch.images(count: 4, channels: 1, height: 3, width: 3, seed: 1))
    let coarse = Zen(mixupGamma: 0.1).score(linear, on: input, seed: 5)
    let fine = Zen(mixupGamma: 0.001).score(linear, on: input, seed: 5)
    #expect(coarse.isValid && fine.isValid)
    #expect(abs((coarse.value - fine.value) - log(100)) < 1e-3)
  }

  @Test func disconnectedCellGetsTheWorstScoreWithTheReason() throws {
    let cell = try ForwardFixtures.cell(ForwardFixtures.disconnectedCell)
    let score = Zen().score(
      .nb201(cell), on: .images(SyntheticBatch.images(count: 4, seed: 1)), seed: 1)
    #expect(!score.isValid && score.value == -.infinity)
    #expect(score.failure?.contains("no input→output path") == true)
  }

  @Test func aNetworkWithoutGlobalPoolIsRefused() {
    let plain = ForwardFixtures.builder("plain") { rng in
      (
        Sequential<Float>([Linear(name: "l", inFeatures: 2, outFeatures: 1, using: &rng)]),
        Sequential<Double>([])
      )
    }
    let score = Zen().score(
      plain, on: .images(ForwardFixtures.vectors([[1, 2], [3, 4]])), seed: 1)
    #expect(!score.isValid && score.failure?.contains("global average pool") == true)
  }

  @Test func identicalSeedsAndThreadCountsGiveIdenticalScores() throws {
    let cell = try ForwardFixtures.cell(ForwardFixtures.skipCell)
    let input = ProxyInput.images(SyntheticBatch.images(count: 8, seed: 4))
    let one = ComputeThreads.withCount(1) {
      Zen().score(ForwardFixtures.smallNB201(cell), on: input, seed: 9)
    }
    let two = ComputeThreads.withCount(2) {
      Zen().score(ForwardFixtures.smallNB201(cell), on: input, seed: 9)
    }
    #expect(one.isValid && one == two)
    #expect(Zen().score(ForwardFixtures.smallNB201(cell), on: input, seed: 9) == two)
    #expect(Zen().score(ForwardFixtures.smallNB201(cell), on: input, seed: 10) != two)
  }

  /// 10 cells of NASLib's zen file (every 469th CIFAR-10 row), Gaussian inputs of batch 4.
  ///
  /// The scores themselves are comparable: in a release build, ours differ from
  /// NASLib's by at most 4.9% (mean 1.6%) on these cells, with ρ = 0.988; on 217 random
  /// cells of the file at NASLib's batch of 64, ρ(ours, NASLib) = 0.999.
  @Test(.requiresData) func scoresCellsLikeNASLib() throws {
    let table = try ReferenceRows.dataFile("nasbench201/nb201_zen_reference_dev.csv")
      .filtered("dataset", equals: "cifar10")
    let architecture = try #require(table.index(of: "arch_str"))
    let zen = try #require(table.index(of: "zen_score"))
    let rows = ForwardFixtures.every(469, of: table.rows)
    #expect(rows.count == 10)
    let input = ProxyInput.images(SyntheticBatch.images(count: 4, seed: 1))
    var ours: [Double] = []
    var theirs: [Double] = []
    for row in rows {
      let cell = try NB201Cell(parsing: row[architecture])
      let score = Zen().score(.nb201(cell), on: input, seed: 1)
      let reference = try #require(Double(row[zen]))
      #expect(score.isValid && abs(score.value - reference) < 0.1 * abs(reference))
      ours.append(score.value)
      theirs.append(reference)
    }
    let rho = try #require(RankCorrelation.spearman(ours, theirs))
    #expect(rho > 0.9)
  }
}
