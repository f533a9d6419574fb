/// A fully connected layer (PyTorch's `nn.Linear`): `y = x·weightᵀ + bias` with
/// `weight[outFeatures, inFeatures]`.
public final class Linear<Scalar: TensorScalar>: Layer {
  /// The matrix, of kind ``ParameterKind/linearWeight``.
  public let weight: Parameter<Scalar>
  /// The bias, if the layer has one.
  public let bias: Parameter<Scalar>?

  /// Creates a linear layer initialised with PyTorch's defaults from `rng`.
  public init(
    name: String, inFeatures: Int, outFeatures: Int, hasBias: Bool = true,
    using rng: inout some RandomNumberGenerator
  ) {
    weight = Parameter(
      name: name + ".weight", kind: .linearWeight, value: Tensor(zeros: [outFeatures, inFeatures]),
      fanIn: inFeatures)
    bias =
      hasBias
      ? Parameter(
        name: name + ".bias", kind: .bias, value: Tensor(zeros: [outFeatures]), fanIn: inFeatures)
      : nil
    initializeParameters(using: &rng)
  }

  /// Maps `input[..., inFeatures]` to `[..., outFeatures]`.
  public func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar> {
    pass.linear(input, weight: pass.parameter(weight), bias: bias.map { pass.parameter($0) })
  }

  /// The weight, then the bias.
  public var ownParameters: [Parameter<Scalar>] { [weight] + (bias.map { [$0] } ?? []) }
}

/// A lookup table of learnt vectors (PyTorch's `nn.Embedding`), initialised N(0, 1).
///
/// Its input is integer indices rather than a tensor, so it is not a ``Layer``; call
/// ``forward(indices:shape:in:)``. Networks that tie the decoder to the embedding use
/// ``table`` as a linear weight too; the pass accumulates one gradient for it.
public final class Embedding<Scalar: TensorScalar> {
  /// The table `[vocabulary, dimension]`, of kind ``ParameterKind/embedding``.
  public let table: Parameter<Scalar>

  /// Creates a table initialised N(0, 1) from `rng`.
  public init(
    name: String, vocabulary: Int, dimension: Int, using rng: inout some RandomNumberGenerator
  ) {
    table = Parameter(
      name: name + ".weight", kind: .embedding, value: Tensor(zeros: [vocabulary, dimension]))
    table.initialize(.pytorchDefault, using: &rng)
  }

  /// The rows for `indices`, shaped `shape + [dimension]`.
  public func forward(indices: [Int], shape: [Int], in pass: ForwardPass<Scalar>) -> Tensor<Scalar>
  {
    pass.embedding(pass.parameter(table), indices: indices, shape: shape)
  }
}
