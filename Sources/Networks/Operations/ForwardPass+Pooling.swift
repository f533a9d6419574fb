extension ForwardPass {
  /// Average pooling over `window × window` patches of `input[N, C, H, W]`, dividing by
  /// the number of in-bounds elements (PyTorch's `count_include_pad=False`).
  public func averagePool(
    _ input: Tensor<Scalar>, window: Int, stride: Int, padding: Int = 0
  ) -> Tensor<Scalar> {
    let shape = poolingShape(input, window: window, stride: stride, padding: padding)
    var output = Tensor<Scalar>(
      uninitializedShape: [shape.batch, shape.channels, shape.outHeight, shape.outWidth])
    Scalar.averagePool2D(shape, input: input.storage.base, output: output.storage.base)
    if shouldRecord(input) {
      record(&output, inputs: [input]) { gradient, _ in
        let inputGradient = Tensor<Scalar>(uninitializedShape: input.shape)
        Scalar.averagePool2DGradient(
          shape, outputGradient: gradient.storage.base,
          inputGradient: inputGradient.storage.base)
        return [inputGradient]
      }
    }
    return output
  }

  /// Max pooling over `window × window` patches of `input[N, C, H, W]`.
  ///
  /// Padding never wins. The gradient goes to the first maximal element of each window.
  public func maxPool(
    _ input: Tensor<Scalar>, window: Int, stride: Int, padding: Int = 0
  ) -> Tensor<Scalar> {
    let shape = poolingShape(input, window: window, stride: stride, padding: padding)
    var output = Tensor<Scalar>(
      uninitializedShape: [shape.batch, shape.channels, shape.outHeight, shape.outWidth])
    let argmax = UnsafeMutableBufferPointer<Int32>.allocate(capacity: output.scalarCount)
    Scalar.maxPool2D(
      shape, input: input.storage.base, output: output.storage.base,
      argmax: argmax.baseAddress.unsafelyUnwrapped)
    if shouldRecord(input) {
      let indices = Array(argmax)
      record(&output, inputs: [input]) { gradient, _ in
        let inputGradient = Tensor<Scalar>(uninitializedShape: input.shape)
        indices.withUnsafeBufferPointer { indices in
          Scalar.maxPool2DGradient(
            shape, outputGradient: gradient.storage.base,
            argmax: indices.baseAddress.unsafelyUnwrapped,
            inputGradient: inputGradient.storage.base)
        }
        return [inputGradient]
      }
    }
    argmax.deallocate()
    return output
  }

  /// The mean of each channel of `input[N, C, H, W]` over its `H × W` plane: `[N, C]`.
  ///
  /// Reports its input as a ``ObservationPoint/Kind/globalPoolInput`` point.
  public func globalAveragePool(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
    precondition(input.rank == 4, "global average pool input must be NCHW, got \(input.shape)")
    let input = observe(input, as: .globalPoolInput)
    let (batch, channels) = (input.shape[0], input.shape[1])
    let plane = input.shape[2] * input.shape[3]
    var output = Tensor<Scalar>(uninitializedShape: [batch, channels])
    let divisor = Scalar(plane)
    for row in 0..<(batch * channels) {
      output.storage.base[row] =
        Scalar.sum(input.storage.base + row * plane, count: plane) / divisor
    }
    if shouldRecord(input) {
      record(&output, inputs: [input]) { gradient, _ in
        let inputGradient = Tensor<Scalar>(uninitializedShape: input.shape)
        for row in 0..<(batch * channels) {
          Scalar.fill(
            inputGradient.storage.base + row * plane,
            with: gradient.storage.base[row] / divisor, count: plane)
        }
        return [inputGradient]
      }
    }
    return output
  }

  private func poolingShape(
    _ input: Tensor<Scalar>, window: Int, stride: Int, padding: Int
  ) -> PoolingShape {
    precondition(input.rank == 4, "pooling input must be NCHW, got \(input.shape)")
    precondition(window >= 1 && stride >= 1 && padding >= 0, "pooling window/stride/padding")
    precondition(padding * 2 <= window, "pooling padding \(padding) exceeds half the window")
    let shape = PoolingShape(
      batch: input.shape[0], channels: input.shape[1], inHeight: input.shape[2],
      inWidth: input.shape[3], window: window, stride: stride, padding: padding)
    precondition(
      shape.outHeight >= 1 && shape.outWidth >= 1,
      "pooling window \(window) larger than padded input \(input.shape)")
    return shape
  }
}
