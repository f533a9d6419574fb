import Testing

@testable import Networks

struct KernelBatchNormTests {
  /// (batch, channels, spatial): odd spatial sizes exercise the scalar tails.
  static let shapes: [(Int, Int, Int)] = [(3, 5, 7 * 13), (1, 2, 1), (2, 3, 64), (3, 4, 37)]

  /// Whether every element agrees within `terms`·ε relative to max(1, |reference|),
  /// times `amplification` (the largest γ·invStd: a variance near zero magnifies the
  /// rounding of the centred input).
  static func close<T: TensorScalar>(_ a: [T], _ b: [T], terms: Int, amplification: T) -> Bool {
    zip(a, b).allSatisfy {
      abs($0 - $1) <= T(4 * (terms + 2)) * T.ulpOfOne * max(1, abs($1)) * amplification
    }
  }

  static func check<T: TensorScalar>(
    _ shape: (Int, Int, Int), usedBatchStatistics: Bool, as: T.Type
  ) -> Bool {
    let (n, c, hw) = shape
    let count = n * c * hw
    // An offset mean makes the centring matter.
    let x: [T] = KernelTestSupport.random(count, seed: 31).map { $0 * 2 + 3 }
    let dy: [T] = KernelTestSupport.random(count, seed: 32)
    let gamma: [T] = KernelTestSupport.random(c, seed: 33).map { $0 + 1.5 }
    let beta: [T] = KernelTestSupport.random(c, seed: 34)
    let runningMean: [T] = KernelTestSupport.random(c, seed: 35)
    let runningVariance: [T] = KernelTestSupport.random(c, seed: 36).map { abs($0) + 0.25 }
    var results: [[T]] = []
    var amplification: T = 1
    for tuned in [true, false] {
      var y = [T](repeating: .nan, count: count)
      var mean = [T](repeating: .nan, count: c)
      var inverseStd = mean
      var dx = y
      var dGamma = mean
      var dBeta = mean
      runningMean.withUnsafeBufferPointer { rm in
        runningVariance.withUnsafeBufferPointer { rv in
          var statistics: (mean: UnsafePointer<T>, variance: UnsafePointer<T>)?
          if !usedBatchStatistics, let m = rm.baseAddress, let v = rv.baseAddress {
            statistics = (m, v)
          }
          if tuned {
            T.batchNormForward(
              batch: n, channels: c, spatial: hw, epsilon: 1e-5, input: x, gamma: gamma,
              beta: beta, statistics: statistics, output: &y, savedMean: &mean,
              savedInverseStd: &inverseStd)
            T.batchNormBackward(
              batch: n, channels: c, spatial: hw, usedBatchStatistics: usedBatchStatistics,
              input: x, outputGradient: dy, gamma: gamma, savedMean: mean,
              savedInverseStd: inverseStd, inputGradient: &dx, gammaGradient: &dGamma,
              betaGradient: &dBeta)
          } else {
            referenceBatchNormForward(
              batch: n, channels: c, spatial: hw, epsilon: 1e-5, input: x, gamma: gamma,
              beta: beta, statistics: statistics, output: &y, savedMean: &mean,
              savedInverseStd: &inverseStd)
            referenceBatchNormBackward(
              batch: n, channels: c, spatial: hw, usedBatchStatistics: usedBatchStatistics,
              input: x, outputGradient: dy, gamma: gamma, savedMean: mean,
              savedInverseStd: inverseStd, inputGradient: &dx, gammaGradient: &dGamma,
              betaGradient: &dBeta)
          }
        }
      }
      results.append(y + mean + inverseStd + dx + dGamma + dBeta)
      for ch in 0..<c { amplification = max(amplification, abs(gamma[ch] * inverseStd[ch])) }
    }
    return close(results[0], results[1], terms: n * hw, amplification: amplification)
  }

  @Test(arguments: [true, false])
  func matchesReference(usedBatchStatistics: Bool) {
    for shape in Self.shapes {
      #expect(
        Self.check(shape, usedBatchStatistics: usedBatchStatistics, as: Float.self), "\(shape)")
      #expect(
        Self.check(shape, usedBatchStatistics: usedBatchStatistics, as: Double.self), "\(shape)")
    }
  }

  @Test func threadCountDoesNotChangeBits() {
    let (n, c, hw) = (8, 16, 32 * 32)
    let x: [Float] = KernelTestSupport.random(n * c * hw, seed: 37)
    let gamma: [Float] = KernelTestSupport.random(c, seed: 38)
    let beta: [Float] = KernelTestSupport.random(c, seed: 39)
    func run() -> [Float] {
      var y = [Float](repeating: 0, count: n * c * hw)
      var mean = [Float](repeating: 0, count: c)
      var inverseStd = mean
      var dx = y
      var dGamma = mean
      var dBeta = mean
      Float.batchNormForward(
        batch: n, channels: c, spatial: hw, epsilon: 1e-5, input: x, gamma: gamma, beta: beta,
        statistics: nil, output: &y, savedMean: &mean, savedInverseStd: &inverseStd)
      Float.batchNormBackward(
        batch: n, channels: c, spatial: hw, usedBatchStatistics: true, input: x,
        outputGradient: y, gamma: gamma, savedMean: mean, savedInverseStd: inverseStd,
        inputGradient: &dx, gammaGradient: &dGamma, betaGradient: &dBeta)
      return y + mean + inverseStd + dx + dGamma + dBeta
    }
    #expect(KernelTestSupport.withThreads(1, run) == KernelTestSupport.withThreads(2, run))
  }
}
