extension ForwardPass {
  /// `max(x, 0)` element-wise (NaN stays NaN, as in PyTorch).
  ///
  /// Reports its input as a ``ObservationPoint/Kind/reluInput`` point `uses` times:
  /// a network that feeds one tensor to several ReLU modules (an NB201 node with two
  /// convolution edges) computes the ReLU once and still shows observers one point per
  /// module, as PyTorch hooks would see them.
  public func relu(_ input: Tensor<Scalar>, uses: Int = 1) -> Tensor<Scalar> {
    var input = input
    for _ in 0..<uses { input = observe(input, as: .reluInput) }
    var output = Tensor<Scalar>(uninitializedShape: input.shape)
    Scalar.relu(input.storage.base, output.storage.base, count: input.scalarCount)
    if shouldRecord(input) {
      let result = output
      record(&output, inputs: [input]) { gradient, _ in
        let inputGradient = Tensor<Scalar>(uninitializedShape: gradient.shape)
        Scalar.reluGradient(
          gradient.storage.base, result.storage.base, inputGradient.storage.base,
          count: gradient.scalarCount)
        return [inputGradient]
      }
    }
    return output
  }

  /// `x` where `x > 0`, else `slope · x` (PyTorch's `leaky_relu`, default slope 0.01).
  public func leakyReLU(_ input: Tensor<Scalar>, slope: Scalar = 0.01) -> Tensor<Scalar> {
    var output = Tensor<Scalar>(uninitializedShape: input.shape)
    Scalar.leakyReLU(
      slope: slope, input.storage.base, output.storage.base, count: input.scalarCount)
    if shouldRecord(input) {
      record(&output, inputs: [input]) { gradient, _ in
        let inputGradient = Tensor<Scalar>(uninitializedShape: gradient.shape)
        Scalar.leakyReLUGradient(
          slope: slope, gradient.storage.base, input.storage.base, inputGradient.storage.base,
          count: gradient.scalarCount)
        return [inputGradient]
      }
    }
    return output
  }

  /// The hyperbolic tangent, element-wise.
  public func tanh(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
    var output = Tensor<Scalar>(uninitializedShape: input.shape)
    Scalar.tanh(input.storage.base, output.storage.base, count: input.scalarCount)
    if shouldRecord(input) {
      let result = output
      record(&output, inputs: [input]) { gradient, _ in
        let inputGradient = Tensor<Scalar>(uninitializedShape: gradient.shape)
        Scalar.tanhGradient(
          gradient.storage.base, result.storage.base, inputGradient.storage.base,
          count: gradient.scalarCount)
        return [inputGradient]
      }
    }
    return output
  }

  /// The logistic function `1 / (1 + e^(−x))`, element-wise.
  public func sigmoid(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
    var output = Tensor<Scalar>(uninitializedShape: input.shape)
    Scalar.sigmoid(input.storage.base, output.storage.base, count: input.scalarCount)
    if shouldRecord(input) {
      let result = output
      record(&output, inputs: [input]) { gradient, _ in
        let inputGradient = Tensor<Scalar>(uninitializedShape: gradient.shape)
        Scalar.sigmoidGradient(
          gradient.storage.base, result.storage.base, inputGradient.storage.base,
          count: gradient.scalarCount)
        return [inputGradient]
      }
    }
    return output
  }
}
