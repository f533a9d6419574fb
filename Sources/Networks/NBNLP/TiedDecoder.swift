/// The decoder of a language model whose weight is its embedding matrix:
/// `logits = h · Eᵀ + b` for `h[..., dimension]` and `E[vocabulary, dimension]`.
///
/// It owns only the bias; the matrix belongs to the embedding, so a network lists it
/// once (as PyTorch does for tied weights) and the pass accumulates one gradient for it.
final class TiedDecoder<Scalar: TensorScalar>: Layer {
  /// The shared matrix `[vocabulary, dimension]`.
  let embedding: Parameter<Scalar>
  /// The bias `[vocabulary]`, initialised to 0.
  let bias: Parameter<Scalar>

  /// Creates the decoder of `embedding` with a zero bias named `<name>.bias`.
  init(name: String, embedding: Parameter<Scalar>) {
    self.embedding = embedding
    bias = Parameter(
      name: name + ".bias", kind: .bias, value: Tensor(zeros: [embedding.shape[0]]))
  }

  /// `input · Eᵀ + b`.
  func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar> {
    pass.linear(input, weight: pass.parameter(embedding), bias: pass.parameter(bias))
  }

  /// The bias.
  var ownParameters: [Parameter<Scalar>] { [bias] }
}
