import Foundation
import NASTestSupport
import Networks
import SearchSpace
import Testing

@testable import Proxies

struct AccuracyStabilityTests {
  // MARK: - The coefficient of variation

  @Test func coefficientOfVariationUsesThePopulationStandardDeviation() throws {
    // mean 0.5; deviations −0.25, 0, 0.25, 0; population variance 0.125 / 4 = 1/32,
    // std = √2/8, CV = √2/4. (The sample std, 0.125 / 3 under the root, would give
    // √(1/24)/0.5 ≈ 0.408.)
    let value = try #require(
      AccuracyStability.coefficientOfVariation([0.25, 0.5, 0.75, 0.5]))
    #expect(abs(value - 2.0.squareRoot() / 4) < 1e-15)
    // mean 0.2, population variance (0.01 + 0 + 0.01) / 3: CV = √(0.02/3) / 0.2.
    let other = try #require(AccuracyStability.coefficientOfVariation([0.1, 0.2, 0.3]))
    #expect(abs(other - (0.02 / 3).squareRoot() / 0.2) < 1e-12)
  }

  @Test func zeroSpreadHasNoCoefficientOfVariation() {
    // std 0: the reference scores these 999 (its worst), so they must not come out as
    // a CV of 0, which would be the best.
    #expect(AccuracyStability.coefficientOfVariation([0.5, 0.5]) == nil)
    #expect(AccuracyStability.coefficientOfVariation(Array(repeating: 0.1, count: 100)) == nil)
    #expect(AccuracyStability.coefficientOfVariation([0, 0, 0]) == nil)
    #expect(AccuracyStability.coefficientOfVariation([0.1, .nan]) == nil)
    #expect(AccuracyStability.coefficientOfVariation([]) == nil)
  }

  @Test func top1TakesTheFirstMaximumAndNaNAsTorchArgmaxDoes() {
    let logits = Tensor<Float>(
      shape: [5, 3], scalars: [0, 2, 1, 5, 5, 0, -1, -1, -3, 0.5, 0.1, 0.7, 1, .nan, 9])
    // Predictions: 1, 0 (tie → first), 0 (tie → first), 2, 1 (NaN is the maximum).
    #expect(AccuracyStability.top1Accuracy(logits, labels: [1, 0, 0, 2, 1]) == 1)
    #expect(AccuracyStability.top1Accuracy(logits, labels: [2, 1, 1, 0, 2]) == 0)
  }

  // MARK: - The reference initialisation

  /// The benchmark's CIFAR-10 network of the all-3×3 cell, so that every kind of
  /// convolution shape occurs (stem, 3×3 at 16/32/64 channels, stride-2 3×3, the 1×1
  /// shortcuts).
  static func cifarNetwork() throws -> NB201Network<Float> {
    let cell = try ForwardFixtures.cell(
      "|nor_conv_3x3~0|+|nor_conv_1x1~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_1x1~1|nor_conv_3x3~2|"
    )
    var rng = SplitMix64(seed: 11)
    return try NB201Network<Float>(cell: cell, using: &rng)
  }

  /// σ = √(2 / fan_out) of kaiming_normal_(mode='fan_out', nonlinearity='relu'), by
  /// weight shape [out, in, k, k], worked out by hand: fan_out = out·k·k.
  static let kaimingFanOutDeviation: [[Int]: Double] = [
    [16, 3, 3, 3]: (2.0 / 144).squareRoot(),  // stem: fan_in would be 27
    [16, 16, 3, 3]: (2.0 / 144).squareRoot(),
    [16, 16, 1, 1]: (2.0 / 16).squareRoot(),
    [32, 16, 3, 3]: (2.0 / 288).squareRoot(),  // conv_a of the first reduction
    [32, 32, 3, 3]: (2.0 / 288).squareRoot(),
    [32, 16, 1, 1]: (2.0 / 32).squareRoot(),  // its shortcut
    [32, 32, 1, 1]: (2.0 / 32).squareRoot(),
    [64, 32, 3, 3]: (2.0 / 576).squareRoot(),
    [64, 64, 3, 3]: (2.0 / 576).squareRoot(),
    [64, 32, 1, 1]: (2.0 / 64).squareRoot(),
    [64, 64, 1, 1]: (2.0 / 64).squareRoot(),
  ]

  /// Sample mean and standard deviation (n − 1) of `values`, in Double.
  static func moments(_ values: [Float]) -> (mean: Double, deviation: Double) {
    let n = Double(values.count)
    let mean = values.reduce(0) { $0 + Double($1) } / n
    let squares = values.reduce(0) { $0 + (Double($1) - mean) * (Double($1) - mean) }
    return (mean, (squares / (n - 1)).squareRoot())
  }

  @Test func convolutionWeightsAreKaimingNormalWithFanOut() throws {
    let network = try Self.cifarNetwork()
    ResNetInitialization(network).apply(seed: 5)
    var checked = 0
    for parameter in network.parameters where parameter.kind == .convolutionWeight {
      let sigma = try #require(Self.kaimingFanOutDeviation[parameter.shape], "\(parameter.shape)")
      let n = Double(parameter.scalarCount)
      let (mean, deviation) = Self.moments(parameter.value.scalars)
      // For n normal draws the sample std has standard error ≈ σ/√(2(n − 1)) and the
      // mean σ/√n; five standard errors (about 1 in 1.7 million per check).
      #expect(
        abs(deviation / sigma - 1) < 5 / (2 * (n - 1)).squareRoot(),
        "\(parameter.name): std \(deviation), expected \(sigma)")
      #expect(abs(mean) < 5 * sigma / n.squareRoot(), "\(parameter.name): mean \(mean)")
      checked += 1
    }
    // Stem, 3 stages × 5 cells × 6 convolution edges, 2 reductions × 3.
    #expect(checked == 1 + 15 * 6 + 2 * 3)
  }

  @Test func linearBatchNormAndBiasesAreSetAsTheReference() throws {
    let network = try Self.cifarNetwork()
    // PyTorch's default initialisation (the builder's) gives the classifier a nonzero
    // bias and a uniform weight of std 1/√(3·64) ≈ 0.072.
    #expect(network.classifier.bias?.value.scalars.contains { $0 != 0 } == true)
    ResNetInitialization(network).apply(seed: 8)
    let weight = network.classifier.weight.value.scalars
    #expect(weight.count == 640)
    let (mean, deviation) = Self.moments(weight)
    #expect(abs(deviation / 0.01 - 1) < 5 / (2.0 * 639).squareRoot())
    #expect(abs(mean) < 5 * 0.01 / 640.0.squareRoot())
    #expect(network.classifier.bias?.value.scalars.allSatisfy { $0 == 0 } == true)
    for parameter in network.parameters {
      switch parameter.kind {
      case .batchNormScale: #expect(parameter.value.scalars.allSatisfy { $0 == 1 })
      case .batchNormShift, .bias: #expect(parameter.value.scalars.allSatisfy { $0 == 0 })
      default: break
      }
    }
  }

  @Test func reinitialisationWritesInPlaceAndLeavesCopiesAlone() throws {
    let network = try Self.cifarNetwork()
    let weight = network.stem.weight
    let kept = weight.value
    let address = weight.value.withUnsafeBufferPointer { $0.baseAddress }
    ResNetInitialization(network).apply(seed: 1)
    // The kept copy shared the memory, so the first re-draw copied it once ...
    #expect(kept.scalars != weight.value.scalars)
    #expect(weight.value.withUnsafeBufferPointer { $0.baseAddress } != address)
    // ... and from then on the same memory is rewritten.
    let reused = weight.value.withUnsafeBufferPointer { $0.baseAddress }
    let first = weight.value.scalars
    ResNetInitialization(network).apply(seed: 2)
    #expect(weight.value.withUnsafeBufferPointer { $0.baseAddress } == reused)
    #expect(weight.value.scalars != first)
  }

  @Test func drawsAreOneStreamWhateverTheBlocksAndThreads() throws {
    let network = try Self.cifarNetwork()
    let plan = ResNetInitialization(network)
    ComputeThreads.withCount(1) { plan.apply(seed: 3) }
    let one = network.parameters.map(\.value.scalars)
    ComputeThreads.withCount(2) { plan.apply(seed: 3) }
    let two = network.parameters.map(\.value.scalars)
    #expect(one == two)
    ComputeThreads.withCount(2) { plan.apply(seed: 4) }
    #expect(network.parameters.map(\.value.scalars) != one)

    // The normal parameters, concatenated in order, are one Box–Muller sequence of one
    // SplitMix64 stream (each rounded up to whole pairs), even for weights of 36,864
    // scalars that span several parallel blocks.
    var rng = SplitMix64(seed: 3)
    var largest = 0
    for (parameter, values) in zip(network.parameters, one) {
      let sigma: Double
      switch parameter.kind {
      case .convolutionWeight:
        sigma = try #require(Self.kaimingFanOutDeviation[parameter.shape])
      case .linearWeight: sigma = 0.01
      default: continue
      }
      largest = max(largest, values.count)
      var expected: [Float] = []
      while expected.count < values.count {
        let radius = sigma * (-2 * log(1 - rng.nextUnitDouble())).squareRoot()
        let angle = 2 * Double.pi * rng.nextUnitDouble()
        expected.append(Float(radius * cos(angle)))
        expected.append(Float(radius * sin(angle)))
      }
      #expect(Array(expected.prefix(values.count)) == values, "\(parameter.name)")
    }
    #expect(largest == 64 * 64 * 9)
  }

  // MARK: - Dead edges

  @Test(arguments: [
    // Node 2 reaches the output only through `none`: its two incoming edges are dead.
    (
      "|nor_conv_3x3~0|+|nor_conv_1x1~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|none~2|",
      "|nor_conv_3x3~0|+|none~0|none~1|+|nor_conv_3x3~0|nor_conv_3x3~1|none~2|"
    ),
    // Node 1 is not reached from the input (it is 0): the edges leaving it are dead.
    (
      "|none~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|avg_pool_3x3~1|nor_conv_1x1~2|",
      "|none~0|+|nor_conv_3x3~0|none~1|+|skip_connect~0|none~1|nor_conv_1x1~2|"
    ),
    // Every edge is on an input→output path.
    (ForwardFixtures.skipCell, ForwardFixtures.skipCell),
  ])
  func liveCellDropsExactlyTheDeadEdges(cell: String, live: String) throws {
    let expected = try ForwardFixtures.cell(live)
    #expect(AccuracyStability.liveCell(try ForwardFixtures.cell(cell)) == expected)
    #expect(AccuracyStability.liveCell(expected) == expected)
  }

  @Test(arguments: [
    "|nor_conv_3x3~0|+|nor_conv_1x1~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|none~2|",
    "|none~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|avg_pool_3x3~1|nor_conv_1x1~2|",
  ])
  func liveCellNetworkComputesTheSameLogits(text: String) throws {
    let cell = try ForwardFixtures.cell(text)
    let configuration = NB201NetworkConfiguration(channels: 4, cellsPerStage: 2, classes: 10)
    var rng = SplitMix64(seed: 1)
    let full = try NB201Network<Float>(cell: cell, configuration: configuration, using: &rng)
    let live = try NB201Network<Float>(
      cell: AccuracyStability.liveCell(cell), configuration: configuration, using: &rng)
    ResNetInitialization(full).apply(seed: 9)
    // The live network's parameters are a strict subset of the full one's (by name):
    // give them the full network's values.
    let values = Dictionary(uniqueKeysWithValues: full.parameters.map { ($0.name, $0.value) })
    #expect(live.parameterCount < full.parameterCount)
    for parameter in live.parameters {
      parameter.value = try #require(values[parameter.name], "\(parameter.name)")
    }
    let images = SyntheticBatch.images(count: 16, seed: 4)
    let input = Tensor<Float>(shape: images.shape, scalars: images.pixels)
    let a = full.forward(input, in: ForwardPass(batchNorm: .batchStatistics)).scalars
    let b = live.forward(input, in: ForwardPass(batchNorm: .batchStatistics)).scalars
    #expect(a == b)
    #expect(Set(a).count > 1)
  }

  // MARK: - The score

  /// `Linear(1 → 4)` on inputs of 1: the logits are the weight column, N(0, 0.01²) per
  /// initialisation, so the predicted class (the same for every image) is uniformly
  /// random; on inputs of 0 every logit is 0 and the prediction is always class 0.
  final class LinearGuess: Layer {
    typealias Scalar = Float
    let head: Linear<Float>

    init(using rng: inout SplitMix64) {
      head = Linear(name: "head", inFeatures: 1, outFeatures: 4, using: &rng)
    }

    func forward(_ input: Tensor<Float>, in pass: ForwardPass<Float>) -> Tensor<Float> {
      head.forward(input.reshaped([input.shape[0], 1]), in: pass)
    }

    var sublayers: [any Layer<Float>] { [head] }
  }

  static let guesser = NetworkBuilder(
    architecture: "guess", outputCount: 4,
    float: { rng in LinearGuess(using: &rng) },
    double: { _ throws(ProxyFailure) in throw ProxyFailure("float only") })

  /// Labels 0,0,0,1,1,2,3,3: a network predicting class k for every image scores the
  /// share of label k.
  static let labels = [0, 0, 0, 1, 1, 2, 3, 3]
  static let shares = [3.0 / 8, 2.0 / 8, 1.0 / 8, 2.0 / 8]

  @Test func scoreIsTheNegatedCVOfThePerInitialisationAccuracies() throws {
    let batch = ForwardFixtures.vectors(
      Self.labels.map { _ in [1] }, labels: Self.labels, classes: 4)
    let scorer = AccuracyStability(initializations: 40)
    let accuracies = try scorer.accuracies(Self.guesser, on: batch, seed: 3)
    #expect(accuracies.count == 40)
    #expect(accuracies.allSatisfy { Self.shares.contains($0) })
    // 40 uniform guesses among 4 classes miss a class with probability < 4·(3/4)^40.
    #expect(Set(accuracies).count == 3)
    let n = Double(accuracies.count)
    let mean = accuracies.reduce(0, +) / n
    let std = (accuracies.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n).squareRoot()
    let score = scorer.score(Self.guesser, on: .images(batch), seed: 3)
    #expect(score.isValid)
    #expect(abs(score.value - -(std / mean)) < 1e-12)
  }

  @Test func constantAccuracyIsTheWorstScoreNotTheBest() throws {
    // Inputs of 0: class 0 every time, accuracy 3/8 under every initialisation, std 0.
    let zeros = ForwardFixtures.vectors(
      Self.labels.map { _ in [0] }, labels: Self.labels, classes: 4)
    let scorer = AccuracyStability(initializations: 10)
    #expect(
      try scorer.accuracies(Self.guesser, on: zeros, seed: 1)
        == Array(repeating: 3.0 / 8, count: 10))
    let constant = scorer.score(Self.guesser, on: .images(zeros), seed: 1)
    #expect(!constant.isValid && constant.value == -.infinity)
    #expect(constant.failure?.contains("std 0") == true)
    let ones = ForwardFixtures.vectors(
      Self.labels.map { _ in [1] }, labels: Self.labels, classes: 4)
    let varying = scorer.score(Self.guesser, on: .images(ones), seed: 1)
    #expect(varying.isValid && varying.value > constant.value)
  }

  @Test func zeroAccuracyEverywhereIsAFailureNotNaN() {
    // Inputs of 0 predict class 0; every label is 3.
    let batch = ForwardFixtures.vectors([[0], [0], [0]], labels: [3, 3, 3], classes: 4)
    let score = AccuracyStability(initializations: 5).score(
      Self.guesser, on: .images(batch), seed: 1)
    #expect(!score.isValid && score.value == -.infinity && score.failure?.contains("0.0") == true)
  }

  @Test func disconnectedCellIsTheWorstWithoutRunning() throws {
    let cell = try ForwardFixtures.cell(ForwardFixtures.disconnectedCell)
    let score = AccuracyStability().score(
      .nb201(cell), on: .images(SyntheticBatch.images(count: 4, seed: 1)), seed: 1)
    #expect(!score.isValid && score.failure?.contains("no input→output path") == true)
  }

  @Test func identicalSeedsAndThreadCountsGiveIdenticalScores() throws {
    let cell = try ForwardFixtures.cell(ForwardFixtures.skipCell)
    let input = ProxyInput.images(SyntheticBatch.images(count: 32, seed: 6))
    let scorer = AccuracyStability(initializations: 6)
    let one = ComputeThreads.withCount(1) {
      scorer.score(ForwardFixtures.smallNB201(cell), on: input, seed: 2)
    }
    let two = ComputeThreads.withCount(2) {
      scorer.score(ForwardFixtures.smallNB201(cell), on: input, seed: 2)
    }
    let again = scorer.score(ForwardFixtures.smallNB201(cell), on: input, seed: 2)
    #expect(one.isValid && one == two && one == again)
    let other = scorer.score(ForwardFixtures.smallNB201(cell), on: input, seed: 3)
    #expect(other.isValid && other != one)
  }
}
