import Foundation
import NASTestSupport
import Networks
import SearchSpace
import Testing

@testable import Proxies

struct EpsilonTests {
  // MARK: - The statistic, by hand

  @Test func normalisationMapsTheRangeOntoZeroOne() throws {
    #expect(try #require(EpsilonStatistic.normalised([2, 4, 6] as [Double])) == [0, 0.5, 1])
    #expect(try #require(EpsilonStatistic.normalised([-1, 3] as [Float])) == [0, 1])
    #expect(EpsilonStatistic.normalised([5, 5, 5] as [Float]) == nil)
    #expect(EpsilonStatistic.normalised([1, .nan, 2] as [Float]) == nil)
    #expect(EpsilonStatistic.normalised([1, .infinity] as [Double]) == nil)
    #expect(EpsilonStatistic.normalised([] as [Double]) == nil)
  }

  @Test func epsilonDropsZerosAsTheReferenceDoes() throws {
    // numpy: preds[preds == 0] = nan; nanmean(|p − q|) = mean(|1−1|, |0.25−0.75|) = 0.25;
    // nanmean(preds) = (0.5 + 1 + 0.25 + 0.5 + 1 + 0.75) / 6 = 2/3; ε = 0.375.
    let value = try #require(EpsilonStatistic.epsilon([0, 0.5, 1, 0.25], [0.5, 0, 1, 0.75]))
    #expect(abs(value - 0.375) < 1e-15)
    #expect(EpsilonStatistic.epsilon([0, 1], [1, 0]) == nil)
  }

  // MARK: - A network whose ε has a closed form

  /// Row sums of the probe's inputs, chosen unevenly so that the ReLU branch matters.
  static let rows: [[Float]] = [
    [0.5, 1], [-2, 0.25], [3, -1], [0, 0], [1.5, 2], [-0.5, -1.5],
  ]

  /// ε of ``ResidualProbe`` from its closed form, in Double.
  static func expectedEpsilon(low: Double, high: Double) -> Double {
    let sums = rows.map { $0.reduce(0.0) { $0 + Double($1) } }
    let mean = sums.reduce(0, +) / Double(sums.count)
    let variance = sums.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(sums.count)
    func normalised(_ c: Double) -> [Double] {
      let r = c / (c * c * variance + 1e-5).squareRoot()
      let outputs = sums.map { c * c * ($0 + r * max(0, $0 - mean)) }
      let (lo, hi) = (outputs.min() ?? 0, outputs.max() ?? 1)
      return outputs.map { ($0 - lo) / (hi - lo) }
    }
    let (p, q) = (normalised(low), normalised(high))
    var difference = 0.0
    var pairs = 0.0
    var kept: [Double] = []
    for i in p.indices {
      if p[i] != 0 { kept.append(p[i]) }
      if q[i] != 0 { kept.append(q[i]) }
      if p[i] != 0 && q[i] != 0 {
        difference += abs(p[i] - q[i])
        pairs += 1
      }
    }
    return (difference / pairs) / (kept.reduce(0, +) / Double(kept.count))
  }

  static let probe = ForwardFixtures.builder("probe", outputs: 3) { rng in
    (
      ResidualProbe<Float>(features: 2, outputs: 3, using: &rng),
      ResidualProbe<Double>(features: 2, outputs: 3, using: &rng)
    )
  }

  @Test(arguments: [Epsilon.Precision.float32, .float64])
  func residualProbeMatchesItsClosedForm(precision: Epsilon.Precision) throws {
    let constants = EpsilonConstants(low: 1e-3, high: 1)
    let expected = Self.expectedEpsilon(low: 1e-3, high: 1)
    // The two constants give visibly different shapes (not a degenerate 0).
    #expect(expected > 0.01)
    let scorer = Epsilon(constants: constants, precision: precision)
    let score = scorer.score(
      Self.probe, on: .images(ForwardFixtures.vectors(Self.rows)), seed: 1)
    #expect(score.isValid)
    let tolerance = precision == .float64 ? 1e-10 : 1e-5
    #expect(abs(score.value - expected) < tolerance * max(1, expected))
  }

  @Test func scoreDoesNotDependOnTheSeedOrTheHeadWidth() {
    let input = ProxyInput.images(ForwardFixtures.vectors(Self.rows))
    let oneOutput = ForwardFixtures.builder("probe1") { rng in
      (
        ResidualProbe<Float>(features: 2, outputs: 1, using: &rng),
        ResidualProbe<Double>(features: 2, outputs: 1, using: &rng)
      )
    }
    let scorer = Epsilon(constants: EpsilonConstants(low: 1e-3, high: 1))
    let reference = scorer.score(oneOutput, on: input, seed: 1)
    #expect(scorer.score(Self.probe, on: input, seed: 99) == reference)
    #expect(scorer.score(oneOutput, on: input, seed: 12_345) == reference)
  }

  // MARK: - NB201: underflow, disconnected cells, determinism

  /// Each convolution + batch-norm stage at weight 1e-7 shrinks activations by about
  /// 1e-9: 15 stages (one convolution per cell) underflow float32 but not float64;
  /// 45 stages (three in a row per cell) underflow both.
  @Test func convolutionChainsUnderflowFloat32AndLongOnesFloat64() throws {
    let input = ProxyInput.images(SyntheticBatch.images(count: 6, seed: 2))
    let single = try ForwardFixtures.cell(ForwardFixtures.singleConvolutionCell)
    let float32 = Epsilon().evaluate(.nb201(single), on: input, seed: 1)
    #expect(float32 == .failure(.outputUnderflows(weight: 1e-7, precision: .float32)))
    if case .failure(let failure) = float32 { #expect(failure.isUnscoreableOutput) }
    let float64 = Epsilon(precision: .float64).score(.nb201(single), on: input, seed: 1)
    #expect(float64.isValid && float64.value > 0)
    let chain = try ForwardFixtures.cell(ForwardFixtures.allConvolutionCell)
    let chain64 = Epsilon(precision: .float64).evaluate(.nb201(chain), on: input, seed: 1)
    #expect(chain64 == .failure(.outputUnderflows(weight: 1e-7, precision: .float64)))
  }

  @Test func skipCellIsScoredInFloat32() throws {
    let cell = try ForwardFixtures.cell(ForwardFixtures.skipCell)
    let input = ProxyInput.images(SyntheticBatch.images(count: 6, seed: 2))
    let score = Epsilon().score(.nb201(cell), on: input, seed: 1)
    #expect(score.isValid && score.value > 0 && score.value.isFinite)
  }

  @Test func disconnectedCellIsUnscoreableWithTheReason() throws {
    let cell = try ForwardFixtures.cell(ForwardFixtures.disconnectedCell)
    let input = ProxyInput.images(SyntheticBatch.images(count: 4, seed: 2))
    for precision in Epsilon.Precision.allCases {
      let score = Epsilon(precision: precision).score(.nb201(cell), on: input, seed: 1)
      #expect(!score.isValid && score.value == -.infinity)
      #expect(score.failure == EpsilonFailure.noInputOutputPath.description)
    }
  }

  @Test func constantOutputIsAFailureNotNaN() {
    // A builder that claims to depend on its input but whose network ignores it.
    let flat = ForwardFixtures.builder("constant") { rng in
      (
        Sequential<Float>([Linear(name: "l", inFeatures: 2, outFeatures: 1, using: &rng)]),
        Sequential<Double>([Linear(name: "l", inFeatures: 2, outFeatures: 1, using: &rng)])
      )
    }
    let identical = ForwardFixtures.vectors([[1, 2], [2, 1], [0, 3]])
    let outcome = Epsilon().evaluate(flat, on: .images(identical), seed: 1)
    #expect(outcome == .failure(.constantOutput(weight: 1e-7)))
  }

  @Test func identicalSeedsAndThreadCountsGiveIdenticalScores() throws {
    let cell = try ForwardFixtures.cell(ForwardFixtures.skipCell)
    let input = ProxyInput.images(SyntheticBatch.images(count: 8, seed: 5))
    let one = ComputeThreads.withCount(1) {
      Epsilon().score(ForwardFixtures.smallNB201(cell), on: input, seed: 3)
    }
    let two = ComputeThreads.withCount(2) {
      Epsilon().score(ForwardFixtures.smallNB201(cell), on: input, seed: 3)
    }
    #expect(one == two)
    #expect(Epsilon().score(ForwardFixtures.smallNB201(cell), on: input, seed: 3) == two)
  }

  // MARK: - Real data

  /// 19 of the 217 reference cells (every 12th), scored as in a search.
  ///
  /// On all 217 at batch 256 (release build) this implementation left exactly the 87
  /// cells without a convolution-free input→output path unscoreable in float32 and
  /// ranked the other 130 with Spearman ρ = 0.90 against validation accuracy (the
  /// authors' code measured with PyTorch on 300 cells: 0.90). To stay fast here, predicted-unscoreable cells
  /// run on 4 images (they fail after the first pass) and the others on 16, which
  /// measured ρ = 0.90 on these 10 cells.
  @Test(.requiresData) func ranksRealCellsAndFailsExactlyThePredictedOnes() throws {
    let rows = ForwardFixtures.every(12, of: try ForwardFixtures.referenceRows())
    let (small, large) = (
      ProxyInput.images(try ForwardFixtures.cifarBatch(size: 4)),
      ProxyInput.images(try ForwardFixtures.cifarBatch(size: 16))
    )
    var scores: [Double] = []
    var accuracies: [Double] = []
    for row in rows {
      let cell = try NB201Cell(parsing: row.architecture)
      if ForwardFixtures.hasConvolutionFreePath(cell) {
        let score = Epsilon().score(.nb201(cell), on: large, seed: 1)
        #expect(score.isValid, "\(row.architecture)")
        scores.append(score.value)
        accuracies.append(row.accuracy)
      } else {
        let outcome = Epsilon().evaluate(.nb201(cell), on: small, seed: 1)
        #expect(outcome == .failure(.outputUnderflows(weight: 1e-7, precision: .float32)))
      }
    }
    #expect(scores.count == 10)
    let rho = try #require(RankCorrelation.spearman(scores, accuracies))
    #expect(rho > 0.7)
  }
}
