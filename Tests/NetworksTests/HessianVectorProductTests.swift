import Networks
import SearchSpace
import Testing

/// Finite-difference Hessian-vector products against closed forms.
struct HessianVectorProductTests {
  let x = GradientCheck.random([5, 3], seed: 50)
  let y = GradientCheck.random([5, 2], seed: 51)
  let v = GradientCheck.random([2, 3], seed: 52)

  func weight() -> Parameter<Double> {
    Parameter(name: "w", kind: .linearWeight, value: GradientCheck.random([2, 3], seed: 53))
  }

  /// For `L = ½ Σ_n ‖W xₙ − yₙ‖²`, `H·V = V·XᵀX` exactly.
  @Test func quadraticLossHasTheClosedFormProduct() {
    let w = weight()
    let before = w.value
    let product = HessianVectorProduct.compute(parameters: [w], direction: [v]) { pass in
      let d = pass.subtract(pass.linear(x, weight: pass.parameter(w)), y)
      return pass.scale(pass.sum(pass.multiply(d, d)), by: 0.5)
    }
    #expect(w.value.isIdentical(to: before))
    for o in 0..<2 {
      for i in 0..<3 {
        var expected = 0.0
        for k in 0..<3 {
          var gram = 0.0
          for n in 0..<5 { gram += x[n, k] * x[n, i] }
          expected += v[o, k] * gram
        }
        #expect(abs(product[0][o, i] - expected) < 1e-6 * max(1, abs(expected)))
      }
    }
  }

  /// For a non-quadratic loss, `vᵀ(H·v)` equals the second difference of the loss
  /// along `v`.
  @Test func curvatureAlongTheDirectionMatchesSecondDifferences() {
    let w = weight()
    func loss(_ pass: ForwardPass<Double>) -> Tensor<Double> {
      pass.crossEntropy(
        pass.tanh(pass.linear(x, weight: pass.parameter(w))), labels: [0, 1, 1, 0, 1])
    }
    let product = HessianVectorProduct.compute(parameters: [w], direction: [v], loss: loss)
    let curvature = zip(product[0].scalars, v.scalars).reduce(0) { $0 + $1.0 * $1.1 }
    let h = 1e-4
    let original = w.value
    func lossAlong(_ t: Double) -> Double {
      w.value = Tensor(
        shape: [2, 3], scalars: zip(original.scalars, v.scalars).map { $0 + t * $1 })
      return loss(ForwardPass())[]
    }
    let second = (lossAlong(h) - 2 * lossAlong(0) + lossAlong(-h)) / (h * h)
    w.value = original
    #expect(abs(curvature - second) < 1e-5 * max(1, abs(second)))
  }

  @Test func mapValuesTransformsEveryElement() {
    let w = weight()
    let before = w.value.scalars
    w.mapValues { abs($0) }
    #expect(w.value.scalars == before.map { abs($0) })
  }
}
