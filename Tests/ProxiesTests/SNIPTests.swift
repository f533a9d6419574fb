import Networks
import SearchSpace
import Testing

@testable import Proxies

struct SNIPTests {
  static let batch = SyntheticBatch.images(
    count: 6, channels: 2, height: 2, width: 2, classCount: 3, seed: 11)
  static let network = GradientTestNetworks.mlp(inputs: 8, hidden: 5, classes: 3)

  /// Σ |θ ⊙ ∂L/∂θ| over both weight matrices, from the hand-derived gradients.
  static func expected(seed: UInt64) throws -> Double {
    let reference = MLPReference(try network.double(seed: seed), batch: batch)
    let (g1, g2) = reference.weightGradients()
    return reference.w1.sum(with: g1) { abs($0 * $1) } + reference.w2.sum(with: g2) { abs($0 * $1) }
  }

  @Test(arguments: [GradientPrecision.float64, .float32])
  func equalsTheHandDerivedSaliencyOfATwoLayerNetwork(precision: GradientPrecision) throws {
    let expected = try Self.expected(seed: 3)
    let score = SNIP(precision: precision).score(Self.network, on: .images(Self.batch), seed: 3)
    #expect(score.isValid)
    let tolerance = precision == .float64 ? 1e-12 : 1e-5
    #expect(abs(score.value - expected) <= tolerance * expected, "\(score.value) vs \(expected)")
  }

  @Test func cellWithoutInputOutputPathScoresZeroAsTheReference() throws {
    let batch = SyntheticBatch.images(count: 4, seed: 1)
    let builder = GradientTestNetworks.smallNB201(GradientTestNetworks.deadCell)
    #expect(SNIP().score(builder, on: .images(batch), seed: 1) == ProxyScore(0))
    // The shortcut gives what the computation gives: every weight gradient is zero.
    #expect(
      try GradientScoring.saliencyValue(
        SNIP.self, of: builder, batch: batch, seed: 1, as: Float.self) == 0)
  }

  @Test func badInputsFailWithAReason() {
    let network = GradientTestNetworks.smallNB201(GradientTestNetworks.liveCell)
    let gray = SyntheticBatch.images(count: 2, channels: 1, seed: 1)
    let wrongChannels = SNIP().score(network, on: .images(gray), seed: 1)
    #expect(!wrongChannels.isValid)
    #expect(wrongChannels.failure?.contains("3 channels") == true)

    var mislabelled = SyntheticBatch.images(count: 2, seed: 1)
    mislabelled.labels[1] = 10
    let badLabel = SNIP().score(network, on: .images(mislabelled), seed: 1)
    #expect(badLabel.failure?.contains("label 10") == true)

    let tokens = TokenBatch(
      inputs: [1, 2], targets: [2, 3], sequenceLength: 1, batchSize: 2, vocabularySize: 5)
    #expect(SNIP().score(network, on: .tokens(tokens), seed: 1).failure?.contains("image") == true)
  }
}

struct GradNormTests {
  @Test(arguments: [GradientPrecision.float64, .float32])
  func equalsTheSumOfTheHandDerivedGradientNorms(precision: GradientPrecision) throws {
    let reference = MLPReference(try SNIPTests.network.double(seed: 5), batch: SNIPTests.batch)
    let (g1, g2) = reference.weightGradients()
    let expected =
      g1.sum(with: g1) { $0 * $1 }.squareRoot() + g2.sum(with: g2) { $0 * $1 }.squareRoot()
    let score = GradNorm(precision: precision).score(
      SNIPTests.network, on: .images(SNIPTests.batch), seed: 5)
    let tolerance = precision == .float64 ? 1e-12 : 1e-5
    #expect(abs(score.value - expected) <= tolerance * expected, "\(score.value) vs \(expected)")
  }

  @Test func cellWithoutInputOutputPathScoresZeroAsTheReference() throws {
    let batch = SyntheticBatch.images(count: 4, seed: 1)
    let builder = GradientTestNetworks.smallNB201(GradientTestNetworks.deadCell)
    #expect(GradNorm().score(builder, on: .images(batch), seed: 1) == ProxyScore(0))
    #expect(
      try GradientScoring.saliencyValue(
        GradNorm.self, of: builder, batch: batch, seed: 1, as: Float.self) == 0)
  }
}
