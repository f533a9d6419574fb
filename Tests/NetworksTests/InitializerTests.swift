import Networks
import SearchSpace
import Testing

/// PyTorch's default initialisation and the seeded initialisers.
struct InitializerTests {
  func moments(_ values: [Double]) -> (mean: Double, variance: Double) {
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    return (mean, variance)
  }

  @Test func sameSeedGivesSameWeightsAndAnotherSeedDoesNot() {
    func weights(_ seed: UInt64) -> [Float] {
      var rng = SplitMix64(seed: seed)
      return Convolution2D<Float>(
        name: "c", inChannels: 4, outChannels: 8, kernelSize: 3, hasBias: true, using: &rng
      ).parameters.flatMap(\.value.scalars)
    }
    #expect(weights(7) == weights(7))
    #expect(weights(7) != weights(8))
  }

  @Test func floatAndDoubleNetworksFromOneSeedAgreeUpToRounding() {
    var a = SplitMix64(seed: 9)
    var b = SplitMix64(seed: 9)
    let f = Linear<Float>(name: "l", inFeatures: 5, outFeatures: 3, using: &a)
    let d = Linear<Double>(name: "l", inFeatures: 5, outFeatures: 3, using: &b)
    #expect(f.weight.value.scalars == d.weight.value.scalars.map(Float.init))
  }

  /// kaiming_uniform_(a=√5) is U(−1/√fanIn, 1/√fanIn): variance bound²/3.
  @Test func convolutionWeightsAndBiasAreUniformInPyTorchBounds() {
    var rng = SplitMix64(seed: 11)
    let conv = Convolution2D<Double>(
      name: "c", inChannels: 16, outChannels: 64, kernelSize: 3, hasBias: true, using: &rng)
    let bound = 1 / Double(16 * 9).squareRoot()
    let weights = conv.weight.value.scalars
    #expect(weights.allSatisfy { abs($0) <= bound })
    let (mean, variance) = moments(weights)
    // 9,216 draws: the standard error of the mean is bound/√(3·9216) ≈ 0.006·bound.
    #expect(abs(mean) < 0.03 * bound)
    #expect(abs(variance / (bound * bound / 3) - 1) < 0.05)
    #expect(conv.bias?.value.scalars.allSatisfy { abs($0) <= bound } == true)
    #expect(conv.weight.fanIn == 144 && conv.bias?.fanIn == 144)
  }

  @Test func batchNormStartsAtOneAndZero() {
    let norm = BatchNorm2D<Float>(name: "bn", channels: 5)
    #expect(norm.scale.value.scalars == Array(repeating: 1, count: 5))
    #expect(norm.shift.value.scalars == Array(repeating: 0, count: 5))
    #expect(norm.runningVariance.scalars == Array(repeating: 1, count: 5))
  }

  @Test func embeddingAndGaussianDrawsAreNormal() {
    var rng = SplitMix64(seed: 12)
    let table = Embedding<Double>(name: "e", vocabulary: 100, dimension: 100, using: &rng).table
    let (mean, variance) = moments(table.value.scalars)
    #expect(abs(mean) < 0.04)
    #expect(abs(variance - 1) < 0.05)
    table.initialize(.gaussian(mean: 3, standardDeviation: 0.5), using: &rng)
    let (m2, v2) = moments(table.value.scalars)
    #expect(abs(m2 - 3) < 0.02)
    #expect(abs(v2 - 0.25) < 0.0125)
  }

  @Test func constantInitialisationSetsEveryElement() {
    var rng = SplitMix64(seed: 13)
    let layer = Linear<Float>(name: "l", inFeatures: 3, outFeatures: 2, using: &rng)
    layer.initializeParameters(.constant(0.25), using: &rng)
    #expect(layer.parameters.allSatisfy { $0.value.scalars.allSatisfy { $0 == 0.25 } })
  }

  @Test func parameterNamesAndKindsAreStable() {
    var rng = SplitMix64(seed: 14)
    let layer = Linear<Float>(name: "head.fc", inFeatures: 3, outFeatures: 2, using: &rng)
    #expect(layer.parameters.map(\.name) == ["head.fc.weight", "head.fc.bias"])
    #expect(layer.parameters.map(\.kind) == [.linearWeight, .bias])
    #expect(layer.parameterCount == 8)
  }
}
