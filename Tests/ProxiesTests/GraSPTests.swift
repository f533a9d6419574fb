import Foundation
import Networks
import SearchSpace
import Testing

@testable import Proxies

struct GraSPTests {
  static let batch = SNIPTests.batch
  static let network = SNIPTests.network

  static func tensor(_ m: [[Double]]) -> Tensor<Double> {
    Tensor(shape: [m.count, m[0].count], scalars: m.flatMap { $0 })
  }

  static func relativeError(_ a: [[Double]], _ b: [[Double]]) -> Double {
    let difference = a.sum(with: b) { ($0 - $1) * ($0 - $1) }.squareRoot()
    return difference / b.sum(with: b) { $0 * $1 }.squareRoot()
  }

  /// `H·v` by ``FiniteDifferenceHessian`` at the current weights of `model`.
  static func product(
    _ model: any Layer<Double>, direction: [[[Double]]], hessian: FiniteDifferenceHessian<Double>
  ) -> FiniteDifferenceHessian<Double>.Product {
    let weights = GradientScoring.scoredWeights(model)
    let pattern = ReLUPattern<Double>()
    let first = GradientScoring.crossEntropyPass(model, on: batch, observer: pattern)
    let gradient = weights.map { first.gradient(of: $0) ?? Tensor(zeros: $0.shape) }
    let images = GradientScoring.tensor(batch, as: Double.self)
    return hessian.product(
      weights: weights, gradient: gradient, pattern: pattern, direction: direction.map(tensor),
      batchNorm: .batchStatistics
    ) { pass in
      pass.crossEntropy(model.forward(images, in: pass), labels: batch.labels)
    }
  }

  /// The two weight matrices of an MLP product, as rows.
  static func matrices(_ product: FiniteDifferenceHessian<Double>.Product, like w: [[[Double]]])
    -> [[[Double]]]?
  {
    product.values.map { values in
      zip(values, w).map { tensor, m in
        let columns = m[0].count
        return (0..<m.count).map { Array(tensor.scalars[($0 * columns)..<(($0 + 1) * columns)]) }
      }
    }
  }

  @Test func oneSidedDifferenceMatchesTheExactHessianVectorProduct() throws {
    // An arbitrary direction, against H·v derived by hand (ReLU'' = 0, as autograd).
    let model = try Self.network.double(seed: 12)
    let reference = MLPReference(model, batch: Self.batch)
    var rng = SplitMix64(seed: 40)
    let v1 = reference.w1.map { $0.map { _ in rng.nextUnitDouble() - 0.5 } }
    let v2 = reference.w2.map { $0.map { _ in rng.nextUnitDouble() - 0.5 } }
    let (h1, h2) = reference.hessianProduct(v1, v2)
    let product = Self.product(model, direction: [v1, v2], hessian: FiniteDifferenceHessian())
    #expect(product.passes == 1 && product.rejectedFlips == 0 && product.step > 0)
    let computed = try #require(Self.matrices(product, like: [v1, v2]))
    // Rounding of the gradients divided by the tiny step: a few 1e-6.
    #expect(Self.relativeError(computed[0], h1) < 1e-5)
    #expect(Self.relativeError(computed[1], h2) < 1e-5)
    // The weights are restored.
    #expect(MLPReference(model, batch: Self.batch).w1 == reference.w1)
  }

  @Test func scoreIsMinusThetaDotHessianTimesGradient() throws {
    let reference = MLPReference(try Self.network.double(seed: 13), batch: Self.batch)
    let (g1, g2) = reference.weightGradients()
    let (h1, h2) = reference.hessianProduct(g1, g2)
    let expected =
      -(reference.w1.sum(with: h1) { $0 * $1 } + reference.w2.sum(with: h2) { $0 * $1 })
    let score = GraSP().score(Self.network, on: .images(Self.batch), seed: 13)
    #expect(score.isValid)
    #expect(abs(score.value - expected) <= 1e-5 * abs(expected), "\(score.value) vs \(expected)")
  }

  /// An MLP in which, for image 0, hidden units `up` and `down` sit just above their
  /// kink, so that the first step along `g` crosses `up`'s kink going backward and
  /// `down`'s going forward, while a 16 times smaller step crosses neither (`margin` of
  /// the first step's move); and its exact GraSP score.
  static func nearKinkNetwork(margin: Double, relativeStep: Double) throws -> (
    model: any Layer<Double>, expected: Double
  ) {
    let model = try network.double(seed: 14)
    let bias = model.parameters[1]
    var reference = MLPReference(model, batch: batch)
    // First make every hidden unit of image 0 active (input 0.1), so that the ReLU
    // masks (and g) stay as they are when the margins are set below.
    let products = MLPReference.multiply(reference.w1, reference.inputs[0])
    bias.value = Tensor(shape: [products.count], scalars: products.map { 0.1 - $0 })
    reference = MLPReference(model, batch: batch)
    var (g1, g2) = reference.weightGradients()
    // Along g, unit j's input moves by ε·(g1·x₀)_j exactly (the first layer is linear).
    let rates = MLPReference.multiply(g1, reference.inputs[0])
    let up = try #require(rates.firstIndex { $0 > 0 })
    let down = try #require(rates.firstIndex { $0 < 0 })
    let thetaNorm =
      (reference.w1.sum(with: reference.w1) { $0 * $1 }
      + reference.w2.sum(with: reference.w2) { $0 * $1 }).squareRoot()
    let gradientNorm = (g1.sum(with: g1) { $0 * $1 } + g2.sum(with: g2) { $0 * $1 }).squareRoot()
    let step = relativeStep * max(1, thetaNorm) / gradientNorm
    var values = bias.value.scalars
    values[up] += margin * step * abs(rates[up]) - 0.1
    values[down] += margin * step * abs(rates[down]) - 0.1
    bias.value = Tensor(shape: [values.count], scalars: values)
    reference = MLPReference(model, batch: batch)
    (g1, g2) = reference.weightGradients()
    let (h1, h2) = reference.hessianProduct(g1, g2)
    let expected =
      -(reference.w1.sum(with: h1) { $0 * $1 } + reference.w2.sum(with: h2) { $0 * $1 })
    return (model, expected)
  }

  @Test func stepTurnsAndShrinksUntilNoReLUInputChangesSign() throws {
    let (model, expected) = try Self.nearKinkNetwork(margin: 0.25, relativeStep: 1e-6)
    let result = GraSP(relativeStep: 1e-6).grasp(model, batch: Self.batch)
    // Forward and backward at the first step each cross a kink; the smaller step is
    // accepted forward.
    #expect(result.product.passes == 3)
    #expect(result.product.rejectedFlips == 2)
    let value = try #require(result.value)
    #expect(abs(value - expected) <= 1e-6 * abs(expected), "\(value) vs \(expected)")
  }

  @Test func scoreFailsWhenEveryStepCrossesAKink() throws {
    let (model, _) = try Self.nearKinkNetwork(margin: 1e-9, relativeStep: 1e-6)
    let result = GraSP(relativeStep: 1e-6).grasp(model, batch: Self.batch)
    #expect(result.value == nil)
    #expect(result.product.passes == 6)

  }

  @Test func crossingAKinkSpoilsAnUnguardedDifference() throws {
    // The same network with a 1e-3 margin: the first forward step crosses `down`'s kink.
    let (model, expected) = try Self.nearKinkNetwork(margin: 1e-3, relativeStep: 1e-6)
    let weights = GradientScoring.scoredWeights(model)
    let first = GradientScoring.crossEntropyPass(model, on: Self.batch)
    let g = weights.map { first.gradient(of: $0) ?? Tensor(zeros: $0.shape) }
    let thetaNorm = FiniteDifferenceHessian<Double>.norm(weights.map(\.value))
    let step = 1e-6 * max(1, thetaNorm) / FiniteDifferenceHessian<Double>.norm(g)
    let originals = weights.map(\.value)
    for (weight, (theta, v)) in zip(weights, zip(originals, g)) {
      weight.value = Tensor(
        shape: theta.shape, scalars: zip(theta.scalars, v.scalars).map { $0 + step * $1 })
    }
    let shifted = GradientScoring.crossEntropyPass(model, on: Self.batch)
    var naive = 0.0
    for (index, weight) in weights.enumerated() {
      let moved = shifted.gradient(of: weight)?.scalars ?? []
      for (theta, (up, base)) in zip(originals[index].scalars, zip(moved, g[index].scalars)) {
        naive -= theta * (up - base) / step
      }
    }
    #expect(abs(naive - expected) > 0.1 * abs(expected), "\(naive) vs \(expected)")
    // The guard rejects that step (and its 16 and 256 times smaller ones, which cross
    // the same kink one way or the other).
    for (weight, theta) in zip(weights, originals) { weight.value = theta }
    #expect(GraSP(relativeStep: 1e-6).grasp(model, batch: Self.batch).value == nil)
  }

  @Test func cellWithoutInputOutputPathGetsTheWorstValueWithTheReason() {
    let batch = SyntheticBatch.images(count: 4, seed: 1)
    let score = GraSP().score(
      GradientTestNetworks.smallNB201(GradientTestNetworks.deadCell), on: .images(batch), seed: 1)
    #expect(score.value == -.infinity)
    #expect(score.failure?.contains("reference scores 0") == true)
  }

  @Test func nb201ScoresAreReproducibleAndAgreeWithTheHessianOnBatchNorm() throws {
    let batch = SyntheticBatch.images(count: 4, height: 8, width: 8, seed: 2)
    let builder = GradientTestNetworks.smallNB201(GradientTestNetworks.liveCell)
    let first = GraSP().score(builder, on: .images(batch), seed: 3)
    #expect(first.isValid)
    #expect(GraSP().score(builder, on: .images(batch), seed: 3) == first)
    // A 5 times smaller step changes the value only by rounding (batch norm included).
    let finer = GraSP(relativeStep: 2e-11).score(builder, on: .images(batch), seed: 3)
    #expect(abs(finer.value - first.value) <= 1e-5 * abs(first.value))
  }
}
