import Foundation
import Networks
import SearchSpace
import Testing

@testable import Proxies

struct JacobianCovarianceTests {
  static func expected(eigenvalues: [Double]) -> Double {
    let k = 1e-5
    return -eigenvalues.reduce(0) { $0 + log($1 + k) + 1 / ($1 + k) }
  }

  @Test func linearNetworkHasIdenticalJacobiansAndARankOneCorrelation() throws {
    // f(x) = Wx: every image's Jacobian of Σf is Wᵀ1, so C is all ones, with
    // eigenvalues B (once) and 0 (B − 1 times).
    let network = GradientTestNetworks.builder("linear", outputs: 3) { rng, _ in
      func make<S: TensorScalar>(_: S.Type, _ rng: inout SplitMix64) -> any Layer<S> {
        Sequential<S>([
          Flatten(),
          Linear(name: "fc", inFeatures: 12, outFeatures: 3, hasBias: false, using: &rng),
        ])
      }
      var copy = rng
      return (make(Float.self, &rng), make(Double.self, &copy))
    }
    let batch = SyntheticBatch.images(count: 5, channels: 3, height: 2, width: 2, seed: 3)
    let expected = Self.expected(eigenvalues: [5, 0, 0, 0, 0])
    for precision in GradientPrecision.allCases {
      let score = JacobianCovariance(precision: precision).score(
        network, on: .images(batch), seed: 1)
      #expect(abs(score.value - expected) <= 1e-9 * abs(expected), "\(score.value) vs \(expected)")
    }
  }

  @Test func twoImagesGiveEigenvaluesOnePlusAndMinusTheirCorrelation() {
    // f(x) = ReLU(x) (flattened): each image's Jacobian of Σf is its mask x > 0, C is
    // [[1, r], [r, 1]] with r the masks' Pearson correlation, eigenvalues 1 ± r.
    let network = GradientTestNetworks.builder("relu", outputs: 12) { _, _ in
      (Sequential<Float>([Flatten(), ReLU()]), Sequential<Double>([Flatten(), ReLU()]))
    }
    let batch = SyntheticBatch.images(count: 2, channels: 3, height: 2, width: 2, seed: 17)
    let masks = (0..<2).map { n in
      batch.pixels[(n * 12)..<((n + 1) * 12)].map { $0 > 0 ? 1.0 : 0.0 }
    }
    let means = masks.map { $0.reduce(0, +) / 12 }
    let centred = (0..<2).map { n in masks[n].map { $0 - means[n] } }
    let dot = zip(centred[0], centred[1]).reduce(0) { $0 + $1.0 * $1.1 }
    let norms = centred.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    let r = dot / (norms[0] * norms[1])
    #expect(abs(r) < 1)
    let expected = Self.expected(eigenvalues: [1 + r, 1 - r])
    let score = JacobianCovariance().score(network, on: .images(batch), seed: 1)
    #expect(abs(score.value - expected) <= 1e-12 * abs(expected), "\(score.value) vs \(expected)")
  }

  @Test func undefinedCorrelationsFailWithAReason() {
    let batch = SyntheticBatch.images(count: 4, seed: 1)
    let dead = JacobianCovariance().score(
      GradientTestNetworks.smallNB201(GradientTestNetworks.deadCell), on: .images(batch), seed: 1)
    #expect(dead.value == -.infinity)
    #expect(dead.failure?.contains("no path from input to output") == true)

    // A constant Jacobian row (here: an image whose pixels are all negative under ReLU).
    let zeroRow = JacobianCovariance.score(jacobians: [0, 0, 0, 1, 2, 4], rows: 2)
    #expect(zeroRow.failure?.contains("constant") == true)
    let infinite = JacobianCovariance.score(jacobians: [1, .infinity, 0, 1, 2, 4], rows: 2)
    #expect(!infinite.isValid)

    let one = SyntheticBatch.images(count: 1, seed: 1)
    let single = JacobianCovariance().score(
      GradientTestNetworks.smallNB201(GradientTestNetworks.liveCell), on: .images(one), seed: 1)
    #expect(single.failure?.contains("two images") == true)
  }

  @Test func batchNormCouplesTheImagesAsInTheReference() throws {
    // With batch statistics, image n's output depends on every image, so Σf's gradient
    // with respect to x_n is not image n's own Jacobian: check it against a central
    // difference of Σf over the whole batch, in Double, for a few pixels.
    let builder = GradientTestNetworks.smallNB201(GradientTestNetworks.liveCell, channels: 2)
    let batch = SyntheticBatch.images(count: 3, height: 8, width: 8, seed: 5)
    let model = try builder.double(seed: 3)
    let images = Tensor<Double>(
      shape: batch.shape, scalars: batch.pixels.map(Double.init))
    let jacobians = JacobianCovariance.jacobians(model, images: images)
    func total(_ x: Tensor<Double>) -> Double {
      model.forward(x, in: ForwardPass(batchNorm: .batchStatistics)).scalars.reduce(0, +)
    }
    for index in [0, 100, 200, 400, 575] {
      var up = images
      var down = images
      let h = 1e-5
      up.withUnsafeMutableBufferPointer { $0[index] += h }
      down.withUnsafeMutableBufferPointer { $0[index] -= h }
      let numeric = (total(up) - total(down)) / (2 * h)
      #expect(abs(jacobians[index] - numeric) <= 1e-6 * max(1, abs(numeric)), "pixel \(index)")
    }
  }
}

struct SymmetricEigenvaluesTests {
  @Test(arguments: [1, 2, 5, 17, 64])
  func tridiagonalToeplitzMatrixHasCosineEigenvalues(order n: Int) throws {
    // a on the diagonal and b beside it: λ_k = a + 2b·cos(kπ/(n+1)), k = 1…n.
    let (a, b) = (0.7, -1.3)
    var m = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      m[i * n + i] = a
      if i + 1 < n {
        m[i * n + i + 1] = b
        m[(i + 1) * n + i] = b
      }
    }
    let expected = (1...n).map { a + 2 * b * cos(Double($0) * .pi / Double(n + 1)) }.sorted()
    let computed = try #require(SymmetricEigenvalues.of(m, order: n))
    for (x, y) in zip(computed, expected) { #expect(abs(x - y) <= 1e-12, "\(x) vs \(y)") }
  }

  @Test(arguments: [3, 10, 64, 130])
  func denseMatrixWithAPrescribedSpectrum(order n: Int) throws {
    // A = Q·diag(λ)·Qᵀ with Q a product of three Householder reflections: a full matrix
    // whose eigenvalues are known, including a repeated one and a near-zero one.
    var rng = SplitMix64(seed: UInt64(n))
    var spectrum = (0..<n).map { _ in 4 * rng.nextUnitDouble() - 1 }
    spectrum[0] = 1e-9
    if n > 2 { spectrum[2] = spectrum[1] }
    var a = [Double](repeating: 0, count: n * n)
    for i in 0..<n { a[i * n + i] = spectrum[i] }
    for _ in 0..<3 {
      let v = (0..<n).map { _ in rng.nextUnitDouble() - 0.5 }
      let norm2 = v.reduce(0) { $0 + $1 * $1 }
      // A ← H A H with H = I − 2vvᵀ/‖v‖².
      var h = [Double](repeating: 0, count: n * n)
      for i in 0..<n {
        for j in 0..<n { h[i * n + j] = (i == j ? 1 : 0) - 2 * v[i] * v[j] / norm2 }
      }
      a = Self.product(Self.product(h, a, n), h, n)
    }
    let computed = try #require(SymmetricEigenvalues.of(a, order: n))
    for (x, y) in zip(computed, spectrum.sorted()) { #expect(abs(x - y) <= 1e-12, "\(x) vs \(y)") }
  }

  static func product(_ a: [Double], _ b: [Double], _ n: Int) -> [Double] {
    var c = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for k in 0..<n { for j in 0..<n { c[i * n + j] += a[i * n + k] * b[k * n + j] } }
    }
    return c
  }

  @Test func nonFiniteMatricesHaveNoEigenvalues() {
    #expect(SymmetricEigenvalues.of([1, .nan, .nan, 1], order: 2) == nil)
    #expect(SymmetricEigenvalues.of([], order: 0) == [])
    #expect(SymmetricEigenvalues.of([0, 0, 0, 0], order: 2) == [0, 0])
  }
}

struct CorrelationMatrixTests {
  @Test func rowsCorrelateAsNumPyCorrcoef() throws {
    // Rows: x, 2x + 1 (ρ = 1), −x (ρ = −1), and y with a hand-computed ρ(x, y).
    let x = [1.0, 2, 4, 7]
    let y = [3.0, 1, 2, 2]
    let rows = x + x.map { 2 * $0 + 1 } + x.map { -$0 } + y
    let c = try #require(CorrelationMatrix.ofRows(rows, rows: 4, columns: 4))
    // x̄ = 3.5, ȳ = 2: Σ(x−x̄)(y−ȳ) = −2.5·1 + −1.5·−1 + 0.5·0 + 3.5·0 = −1,
    // Σ(x−x̄)² = 6.25 + 2.25 + 0.25 + 12.25 = 21, Σ(y−ȳ)² = 2.
    let rxy = -1 / (21.0 * 2).squareRoot()
    let expected: [Double] = [
      1, 1, -1, rxy,
      1, 1, -1, rxy,
      -1, -1, 1, -rxy,
      rxy, rxy, -rxy, 1,
    ]
    for (a, b) in zip(c, expected) { #expect(abs(a - b) <= 1e-15) }
    #expect(CorrelationMatrix.ofRows([1, 1, 1, 1, 2, 3], rows: 2, columns: 3) == nil)
  }
}
