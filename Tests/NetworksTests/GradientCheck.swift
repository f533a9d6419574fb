import Networks
import SearchSpace
import Testing

/// Central-difference gradient checks in `Double`: the reference every gradient rule
/// of the engine is tested against.
///
/// The checked function is reduced to a scalar with a fixed random projection,
/// `L = Σ r ⊙ f(x)`, so every output element contributes with a distinct weight.
enum GradientCheck {
  /// The step of the central difference; the truncation error is O(h²) ≈ 1e-12 and
  /// the rounding error about 1e-16 / h ≈ 1e-10 relative.
  static let step = 1e-6

  /// Whether an analytic derivative `a` agrees with a numerical one `n`.
  static func agree(_ a: Double, _ n: Double, tolerance: Double) -> Bool {
    abs(a - n) <= tolerance * max(1, abs(n))
  }

  /// Uniform values in `range` from a seeded generator.
  static func random(
    _ shape: [Int], in range: ClosedRange<Double> = -1...1, seed: UInt64
  ) -> Tensor<Double> {
    var rng = SplitMix64(seed: seed)
    let count = shape.reduce(1, *)
    let values = (0..<count).map { _ in
      range.lowerBound + (range.upperBound - range.lowerBound) * rng.nextUnitDouble()
    }
    return Tensor(shape: shape, scalars: values)
  }

  /// Uniform `Float` values in `range` from a seeded generator.
  static func randomFloat(
    _ shape: [Int], in range: ClosedRange<Double> = -1...1, seed: UInt64
  ) -> Tensor<Float> {
    Tensor(converting: random(shape, in: range, seed: seed))
  }

  /// `Σ r ⊙ y` for the projection `r`.
  static func project(_ y: Tensor<Double>, _ r: Tensor<Double>) -> Double {
    zip(y.scalars, r.scalars).reduce(0) { $0 + $1.0 * $1.1 }
  }

  /// Checks the gradients of `f` with respect to each of `inputs` (and each parameter in
  /// `parameters`) against central differences; records an issue per mismatch and
  /// returns the largest relative error seen.
  ///
  /// `elementsPerTensor` limits how many elements of each tensor are perturbed (evenly
  /// spaced, always including the first and the last), for networks with thousands of
  /// weights; every tensor is still checked.
  @discardableResult
  static func check(
    inputs: [Tensor<Double>], parameters: [Parameter<Double>] = [],
    batchNorm: BatchNormMode = .batchStatistics, tolerance: Double = 1e-6,
    elementsPerTensor: Int = .max, sourceLocation: SourceLocation = #_sourceLocation,
    _ f: (ForwardPass<Double>, [Tensor<Double>]) -> Tensor<Double>
  ) -> Double {
    let pass = ForwardPass<Double>(recordsGradients: true, batchNorm: batchNorm)
    let tracked = inputs.map { pass.requiringGradient($0) }
    let output = f(pass, tracked)
    let r = random(output.shape, seed: 99)
    pass.backward(from: output, seed: r)

    func loss(_ xs: [Tensor<Double>]) -> Double {
      project(f(ForwardPass<Double>(batchNorm: batchNorm), xs), r)
    }
    var worst = 0.0
    func compare(_ analytic: Double, _ numeric: Double, _ what: String) {
      let error = abs(analytic - numeric) / max(1, abs(numeric))
      worst = max(worst, error)
      if !agree(analytic, numeric, tolerance: tolerance) {
        Issue.record(
          "\(what): analytic \(analytic) vs numeric \(numeric)", sourceLocation: sourceLocation)
      }
    }
    for (k, input) in inputs.enumerated() {
      guard let analytic = pass.gradient(of: tracked[k]) else {
        Issue.record("no gradient for input \(k)", sourceLocation: sourceLocation)
        continue
      }
      #expect(analytic.shape == input.shape, sourceLocation: sourceLocation)
      for j in sample(input.scalarCount, elementsPerTensor) {
        var plus = inputs
        var minus = inputs
        plus[k].withUnsafeMutableBufferPointer { $0[j] += step }
        minus[k].withUnsafeMutableBufferPointer { $0[j] -= step }
        let numeric = (loss(plus) - loss(minus)) / (2 * step)
        compare(analytic.scalars[j], numeric, "input \(k)[\(j)]")
      }
    }
    for parameter in parameters {
      guard let analytic = pass.gradient(of: parameter) else {
        Issue.record("no gradient for \(parameter.name)", sourceLocation: sourceLocation)
        continue
      }
      let original = parameter.value
      for j in sample(original.scalarCount, elementsPerTensor) {
        var plus = original
        plus.withUnsafeMutableBufferPointer { $0[j] += step }
        parameter.value = plus
        let up = loss(inputs)
        var minus = original
        minus.withUnsafeMutableBufferPointer { $0[j] -= step }
        parameter.value = minus
        let down = loss(inputs)
        parameter.value = original
        compare(analytic.scalars[j], (up - down) / (2 * step), "\(parameter.name)[\(j)]")
      }
    }
    return worst
  }

  /// At most `limit` indices of `0..<count`, evenly spaced, including both ends.
  static func sample(_ count: Int, _ limit: Int) -> [Int] {
    guard count > limit, limit >= 2 else { return Array(0..<count) }
    return (0..<limit).map { $0 * (count - 1) / (limit - 1) }
  }
}
