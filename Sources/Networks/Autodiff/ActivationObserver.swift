/// Watches the activations of a forward pass, and optionally their gradients, without
/// the network knowing who is watching.
///
/// Pass an observer to ``ForwardPass/init(recordsGradients:batchNorm:observer:)``.
/// Operations call ``observe(_:at:)`` with every ``ObservationPoint`` they reach (for
/// example each ReLU input, for NASWOT). When the pass records gradients and
/// ``wantsGradient(at:)`` is true for a point, ``ForwardPass/backward(from:seed:)``
/// later calls ``observe(_:gradient:at:)`` with the activation and the gradient of the
/// backward output with respect to it (for fisher).
///
/// The tensors are values: an observer can keep them, but never changes the network's.
public protocol ActivationObserver<Scalar>: AnyObject {
  /// The element type of the observed network.
  associatedtype Scalar: TensorScalar

  /// Called during the forward pass at each point.
  func observe(_ activation: Tensor<Scalar>, at point: ObservationPoint)

  /// Whether the gradient at `point` should be kept and reported after backward.
  func wantsGradient(at point: ObservationPoint) -> Bool

  /// Called by ``ForwardPass/backward(from:seed:)`` for each point whose gradient was
  /// wanted, in forward order.
  func observe(
    _ activation: Tensor<Scalar>, gradient: Tensor<Scalar>, at point: ObservationPoint)
}

extension ActivationObserver {
  /// By default an observer wants no gradients.
  public func wantsGradient(at point: ObservationPoint) -> Bool { false }

  /// By default gradients are ignored.
  public func observe(
    _ activation: Tensor<Scalar>, gradient: Tensor<Scalar>, at point: ObservationPoint
  ) {}
}

/// An ``ActivationObserver`` made of closures, for scorers that need no state of
/// their own beyond what the closures capture.
///
/// ```swift
/// var reluInputs = 0
/// let counter = ClosureObserver<Float> { _, point in
///   if point.kind == .reluInput { reluInputs += 1 }
/// }
/// ```
public final class ClosureObserver<Scalar: TensorScalar>: ActivationObserver {
  private let forward: (Tensor<Scalar>, ObservationPoint) -> Void
  private let gradientFilter: (ObservationPoint) -> Bool
  private let backward: (Tensor<Scalar>, Tensor<Scalar>, ObservationPoint) -> Void

  /// Creates an observer; `wantsGradient` selects the points whose gradients reach
  /// `gradient` (none by default).
  public init(
    wantsGradient: @escaping (ObservationPoint) -> Bool = { _ in false },
    gradient: @escaping (Tensor<Scalar>, Tensor<Scalar>, ObservationPoint) -> Void = { _, _, _ in
    },
    activation: @escaping (Tensor<Scalar>, ObservationPoint) -> Void
  ) {
    forward = activation
    gradientFilter = wantsGradient
    backward = gradient
  }

  /// Forwards to the `activation` closure.
  public func observe(_ activation: Tensor<Scalar>, at point: ObservationPoint) {
    forward(activation, point)
  }

  /// Forwards to the `wantsGradient` closure.
  public func wantsGradient(at point: ObservationPoint) -> Bool { gradientFilter(point) }

  /// Forwards to the `gradient` closure.
  public func observe(
    _ activation: Tensor<Scalar>, gradient: Tensor<Scalar>, at point: ObservationPoint
  ) {
    backward(activation, gradient, point)
  }
}
