import Foundation

/// Hessian-vector products of a loss with respect to parameters, for GraSP.
///
/// The engine's tape is first-order (gradient rules are not themselves recorded), so
/// `H·v` is formed by a central difference of gradients:
/// `H·v ≈ (∇L(θ + εv) − ∇L(θ − εv)) / 2ε`, with two recording passes. The error is
/// O(ε²·‖∇³L‖) plus rounding; `ε` defaults to `∛ulp · max(1, ‖θ‖) / ‖v‖`, the usual
/// balance for central differences (about 6e-6 relative in `Double`). Exact
/// double-backward could replace it behind the same API if a scorer needs it.
public enum HessianVectorProduct {
  /// Returns `H·v` for the loss `loss` at the current parameter values, one tensor per
  /// parameter.
  ///
  /// The parameters are restored afterwards. Batch-norm layers in batch-statistics
  /// mode update their running statistics during the two passes, as any PyTorch
  /// forward in training mode would.
  ///
  /// - Parameters:
  ///   - parameters: The parameters `θ` to differentiate with respect to.
  ///   - direction: `v`, one tensor per parameter with the parameter's shape.
  ///   - step: `ε`; nil picks the default above.
  ///   - batchNorm: The batch-norm mode of both passes.
  ///   - loss: Computes the scalar loss within the given recording pass.
  /// - Returns: `H·v`, one tensor per parameter, in the order of `parameters`.
  public static func compute<Scalar: TensorScalar>(
    parameters: [Parameter<Scalar>], direction: [Tensor<Scalar>], step: Scalar? = nil,
    batchNorm: BatchNormMode = .batchStatistics,
    loss: (ForwardPass<Scalar>) -> Tensor<Scalar>
  ) -> [Tensor<Scalar>] {
    precondition(parameters.count == direction.count, "one direction tensor per parameter")
    for (parameter, v) in zip(parameters, direction) {
      precondition(
        parameter.shape == v.shape, "direction for \(parameter.name) has shape \(v.shape)")
    }
    let originals = parameters.map(\.value)
    var thetaNorm: Scalar = 0
    var directionNorm: Scalar = 0
    for (theta, v) in zip(originals, direction) {
      thetaNorm += Scalar.dot(
        theta.storage.base, theta.storage.base, count: theta.scalarCount)
      directionNorm += Scalar.dot(v.storage.base, v.storage.base, count: v.scalarCount)
    }
    (thetaNorm, directionNorm) = (thetaNorm.squareRoot(), directionNorm.squareRoot())
    guard directionNorm > 0 else { return originals.map { Tensor(zeros: $0.shape) } }
    let epsilon =
      step ?? Scalar(Foundation.cbrt(Double(Scalar.ulpOfOne))) * max(1, thetaNorm) / directionNorm

    func gradients(at sign: Scalar) -> [Tensor<Scalar>] {
      for (parameter, (theta, v)) in zip(parameters, zip(originals, direction)) {
        var shifted = theta
        shifted.makeUnique()
        Scalar.addScaled(
          sign * epsilon, v.storage.base, into: shifted.storage.base, count: v.scalarCount)
        parameter.value = shifted
      }
      let pass = ForwardPass<Scalar>(recordsGradients: true, batchNorm: batchNorm)
      for parameter in parameters { _ = pass.parameter(parameter) }
      pass.backward(from: loss(pass))
      return parameters.map { pass.gradient(of: $0) ?? Tensor(zeros: $0.shape) }
    }
    let up = gradients(at: 1)
    let down = gradients(at: -1)
    for (parameter, theta) in zip(parameters, originals) { parameter.value = theta }
    return zip(up, down).map { plus, minus in
      let result = Tensor<Scalar>(uninitializedShape: plus.shape)
      Scalar.subtract(
        plus.storage.base, minus.storage.base, result.storage.base, count: plus.scalarCount)
      Scalar.scale(
        1 / (2 * epsilon), result.storage.base, result.storage.base, count: plus.scalarCount)
      return result
    }
  }
}
