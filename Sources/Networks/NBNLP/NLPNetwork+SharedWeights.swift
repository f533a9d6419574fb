extension NLPNetwork {
  /// The last recurrent layer's outputs `[T, B, embeddingSize]`, without the decoder, with
  /// every hidden state of every layer starting at `initialState` instead of 0.
  ///
  /// The epsilon scorer's protocol (egracheva/epsinas, NAS-Bench-NLP) fills the initial
  /// hidden states with its shared constant weight (`init_hidden(batch_size, weight)`);
  /// `initialState` 0 is the benchmark's own start.
  ///
  /// - Precondition: `tokens.count == sequenceLength · batchSize`, every id in
  ///   `0..<vocabulary`.
  public func recurrentOutput(
    tokens: [Int], sequenceLength: Int, batchSize: Int, initialState: Scalar,
    in pass: ForwardPass<Scalar>
  ) -> Tensor<Scalar> {
    precondition(
      tokens.count == sequenceLength * batchSize,
      "\(tokens.count) tokens for \(sequenceLength)×\(batchSize)")
    var x = pass.embedding(
      pass.parameter(embedding), indices: tokens, shape: [sequenceLength, batchSize])
    for layer in recurrentLayers { x = layer.forward(x, initialState: initialState, in: pass) }
    return x
  }

  /// Sets every parameter of the recurrent layers, the `linear` nodes' weight matrices
  /// and their biases alike, to `value`.
  ///
  /// This is what epsinas's NAS-Bench-NLP initialisation does to `CustomRNNCell`
  /// (`nn.init.constant_` on every parameter of the cell, biases included). The embedding
  /// (also the tied decoder's weight) and the decoder bias are left as they are.
  public func setRecurrentParameters(to value: Scalar) {
    for layer in recurrentLayers {
      for parameter in layer.ownParameters {
        parameter.value = Tensor(repeating: value, shape: parameter.shape)
      }
    }
  }
}
