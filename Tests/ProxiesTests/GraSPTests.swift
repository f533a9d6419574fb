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

  @Test func finiteDifferenceMatchesTheExactHessianVectorProduct() throws {
    // An arbitrary direction, against H·v derived by hand (ReLU'' = 0, as autograd).
    let model = try Self.network.double(seed: 12)
    let reference = MLPReference(model, batch: Self.batch)
    var rng = SplitMix64(seed: 40)
    let v1 = reference.w1.map { $0.map { _ in rng.nextUnitDouble() - 0.5 } }
    let v2 = reference.w2.map { $0.map { _ in rng.nextUnitDouble() - 0.5 } }
    let (h1, h2) = reference.hessianProduct(v1, v2)
    let weights = GradientScoring.scoredWeights(model)
    let images = GradientScoring.tensor(Self.batch, as: Double.self)
    let product = FiniteDifferenceHessian<Double>().product(
      weights: weights, direction: [Self.tensor(v1), Self.tensor(v2)],
      batchNorm: .batchStatistics
    ) { pass in
      pass.crossEntropy(model.forward(images, in: pass), labels: Self.batch.labels)
    }
    #expect(product.attempts == 1 && product.flippedUnits == 0)
    let rows = [v1.count, v2.count]
    let computed = zip(product.values, rows).map { tensor, count in
      let columns = tensor.scalarCount / count
      return (0..<count).map { Array(tensor.scalars[($0 * columns)..<(($0 + 1) * columns)]) }
    }
    #expect(Self.relativeError(computed[0], h1) < 1e-6)
    #expect(Self.relativeError(computed[1], h2) < 1e-6)
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
    #expect(abs(score.value - expected) <= 1e-6 * abs(expected), "\(score.value) vs \(expected)")
  }

  @Test func stepShrinksUntilNoReLUInputChangesSign() throws {
    // Put hidden unit 0 of image 0 a hair above its kink: a large step moves it across,
    // which adds a spurious jump to the difference quotient.
    let model = try Self.network.double(seed: 14)
    let parameters = model.parameters
    var reference = MLPReference(model, batch: Self.batch)
    let preactivation = MLPReference.multiply(reference.w1, reference.inputs[0])[0]
    var bias = parameters[1].value
    bias[0] = 1e-4 - preactivation
    parameters[1].value = bias
    reference = MLPReference(model, batch: Self.batch)
    let (g1, g2) = reference.weightGradients()
    let (h1, h2) = reference.hessianProduct(g1, g2)
    let expected =
      -(reference.w1.sum(with: h1) { $0 * $1 } + reference.w2.sum(with: h2) { $0 * $1 })

    let guarded = GraSP(relativeStep: 1e-2).grasp(model, batch: Self.batch)
    #expect(guarded.product.attempts > 1)
    #expect(guarded.product.flippedUnits == 0)
    #expect(
      abs(guarded.value - expected) <= 1e-6 * abs(expected), "\(guarded.value) vs \(expected)")

    // Without the guard the same first step is visibly wrong.
    let weights = GradientScoring.scoredWeights(model)
    let images = GradientScoring.tensor(Self.batch, as: Double.self)
    var unguarded = FiniteDifferenceHessian<Double>(relativeStep: 1e-2)
    unguarded.maximumAttempts = 1
    let product = unguarded.product(
      weights: weights, direction: [Self.tensor(g1), Self.tensor(g2)],
      batchNorm: .batchStatistics
    ) { pass in
      pass.crossEntropy(model.forward(images, in: pass), labels: Self.batch.labels)
    }
    #expect(product.flippedUnits > 0)
    var naive = 0.0
    for (weight, hg) in zip(weights, product.values) {
      naive -= zip(weight.value.scalars, hg.scalars).reduce(0) { $0 + $1.0 * $1.1 }
    }
    #expect(abs(naive - expected) > 1e-3 * abs(expected))
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
    // Halving the step changes the value only by the difference's O(ε²) error.
    let finer = GraSP(relativeStep: 5e-7).score(builder, on: .images(batch), seed: 3)
    #expect(abs(finer.value - first.value) <= 1e-6 * abs(first.value))
  }
}
