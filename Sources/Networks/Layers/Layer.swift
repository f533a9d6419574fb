/// A building block of a network: a function of one tensor that may own parameters
/// and contain other layers.
///
/// Networks are assembled at run time from genotypes, so they are graphs of
/// `any Layer<Scalar>` (the mlx-swift shape): each call does a tensor's worth of work,
/// so the one dynamic dispatch per layer costs nothing measurable. Layers are classes
/// because parameters and batch-norm running statistics are shared, mutable state; a
/// layer is used by one pass at a time.
public protocol Layer<Scalar>: AnyObject {
  /// The element type the layer computes in.
  associatedtype Scalar: TensorScalar

  /// Applies the layer to `input` within `pass` (which may record gradients or show
  /// activations to an observer).
  func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar>

  /// The parameters this layer owns directly, in a stable order (not its sublayers').
  var ownParameters: [Parameter<Scalar>] { get }

  /// The layers this layer contains, in execution order.
  var sublayers: [any Layer<Scalar>] { get }
}

extension Layer {
  /// No parameters of its own, by default.
  public var ownParameters: [Parameter<Scalar>] { [] }

  /// No sublayers, by default.
  public var sublayers: [any Layer<Scalar>] { [] }

  /// Every parameter of this layer and its sublayers, depth first (own parameters
  /// before sublayers'), in a stable order.
  public var parameters: [Parameter<Scalar>] {
    var result = ownParameters
    for layer in sublayers { result += layer.parameters }
    return result
  }

  /// The total number of scalars in ``parameters`` (PyTorch's
  /// `sum(p.numel() for p in net.parameters())`).
  public var parameterCount: Int { parameters.reduce(0) { $0 + $1.scalarCount } }

  /// This layer and all layers inside it, depth first (for example to find every
  /// ``BatchNorm2D`` and read its running statistics).
  public var allLayers: [any Layer<Scalar>] {
    var result: [any Layer<Scalar>] = [self]
    for layer in sublayers { result += layer.allLayers }
    return result
  }

  /// Same as ``forward(_:in:)``.
  public func callAsFunction(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<
    Scalar
  > {
    forward(input, in: pass)
  }

  /// Sets every parameter (of this layer and its sublayers) from `initializer`, in the
  /// order of ``parameters``, drawing from `rng`.
  public func initializeParameters(
    _ initializer: Initializer = .pytorchDefault, using rng: inout some RandomNumberGenerator
  ) {
    for parameter in parameters { parameter.initialize(initializer, using: &rng) }
  }
}

/// Layers applied one after the other.
public final class Sequential<Scalar: TensorScalar>: Layer {
  /// The layers, in order.
  public let layers: [any Layer<Scalar>]

  /// Creates a chain of `layers`.
  public init(_ layers: [any Layer<Scalar>]) {
    self.layers = layers
  }

  /// Feeds the input through every layer in order.
  public func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar> {
    var x = input
    for layer in layers { x = layer.forward(x, in: pass) }
    return x
  }

  /// The chained layers.
  public var sublayers: [any Layer<Scalar>] { layers }
}
