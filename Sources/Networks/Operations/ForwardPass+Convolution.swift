extension ForwardPass {
  /// A 2-D cross-correlation (PyTorch's `conv2d`) of `input[N, Cin, H, W]` with
  /// `weight[Cout, Cin, kh, kw]`, plus an optional `bias[Cout]`.
  ///
  /// Reports its output as a ``ObservationPoint/Kind/convolutionOutput`` point and
  /// adds its multiply-accumulates to ``multiplyAccumulates``.
  ///
  /// - Precondition: shapes agree, and the padded input is at least as large as the
  ///   kernel.
  public func convolution(
    _ input: Tensor<Scalar>, weight: Tensor<Scalar>, bias: Tensor<Scalar>? = nil,
    stride: Int = 1, padding: Int = 0
  ) -> Tensor<Scalar> {
    convolution(
      input, weight: weight, bias: bias, stride: stride, padding: padding, ofReLU: false,
      withStatistics: false
    ).output
  }

  /// ``convolution(_:weight:bias:stride:padding:)`` with two options for a convolution
  /// that a batch norm follows.
  ///
  /// `ofReLU` convolves `relu(input)` with the ReLU taken inside the kernel, so the
  /// activated tensor is never written out or read back (forward-only passes; the ReLU's
  /// input is the caller's to report, where ``relu(_:uses:)`` would have).
  /// `withStatistics` asks for the output's per-channel batch mean and biased variance,
  /// which the kernel forms while each image's output is still in cache; they are nil
  /// where its path cannot (and with a bias), and the batch norm then computes them.
  ///
  /// - Precondition: `ofReLU` only in a pass that records no gradients.
  func convolution(
    _ input: Tensor<Scalar>, weight: Tensor<Scalar>, bias: Tensor<Scalar>?, stride: Int,
    padding: Int, ofReLU: Bool, withStatistics: Bool
  ) -> (output: Tensor<Scalar>, statistics: ChannelStatistics<Scalar>?) {
    precondition(!ofReLU || !recordsGradients, "a fused ReLU is for forward-only passes")
    let shape = Self.convolutionShape(
      input, weight: weight, bias: bias, stride: stride, padding: padding)
    var output = Tensor<Scalar>(
      uninitializedShape: [shape.batch, shape.outChannels, shape.outHeight, shape.outWidth])
    // Moments of the output before the bias would not be the batch norm's statistics.
    let wantsMoments = withStatistics && bias == nil
    var moments = [Double](repeating: 0, count: wantsMoments ? 2 * shape.outChannels : 0)
    let formed = moments.withUnsafeMutableBufferPointer { buffer in
      Scalar.convolution2D(
        shape, input: input.storage.base, weight: weight.storage.base,
        output: output.storage.base, rectifyingInput: ofReLU,
        outputMoments: wantsMoments ? buffer.baseAddress : nil)
    }
    let statistics =
      formed
      ? ChannelStatistics<Scalar>(
        moments: moments, count: shape.batch * shape.outHeight * shape.outWidth) : nil
    let plane = shape.outHeight * shape.outWidth
    if let bias { Self.addChannelBias(bias, to: output, planeSize: plane) }
    multiplyAccumulates += shape.multiplyAccumulates

    var inputs = [input, weight]
    if let bias { inputs.append(bias) }
    if shouldRecord(inputs) {
      record(&output, inputs: inputs) { gradient, needed in
        var inputGradient: Tensor<Scalar>?
        if needed[0] {
          let result = Tensor<Scalar>(uninitializedShape: input.shape)
          Scalar.convolution2DInputGradient(
            shape, outputGradient: gradient.storage.base, weight: weight.storage.base,
            inputGradient: result.storage.base)
          inputGradient = result
        }
        var weightGradient: Tensor<Scalar>?
        if needed[1] {
          let result = Tensor<Scalar>(uninitializedShape: weight.shape)
          Scalar.convolution2DWeightGradient(
            shape, input: input.storage.base, outputGradient: gradient.storage.base,
            weightGradient: result.storage.base)
          weightGradient = result
        }
        var gradients = [inputGradient, weightGradient]
        if needed.count == 3 {
          gradients.append(needed[2] ? Self.channelSums(gradient, planeSize: plane) : nil)
        }
        return gradients
      }
    }
    let observed = observe(
      output, as: .convolutionOutput,
      weightsPerChannel: shape.inChannels * shape.kernelHeight * shape.kernelWidth)
    return (observed, statistics)
  }

  /// The shape of a convolution of `input` by `weight`, after checking that they agree.
  private static func convolutionShape(
    _ input: Tensor<Scalar>, weight: Tensor<Scalar>, bias: Tensor<Scalar>?, stride: Int,
    padding: Int
  ) -> ConvolutionShape {
    precondition(input.rank == 4, "convolution input must be NCHW, got \(input.shape)")
    precondition(weight.rank == 4, "convolution weight must be [Cout, Cin, kh, kw]")
    precondition(
      weight.shape[1] == input.shape[1],
      "convolution weight \(weight.shape) does not take \(input.shape[1]) input channels")
    precondition(stride >= 1 && padding >= 0, "stride \(stride), padding \(padding)")
    let shape = ConvolutionShape(
      batch: input.shape[0], inChannels: input.shape[1], inHeight: input.shape[2],
      inWidth: input.shape[3], outChannels: weight.shape[0], kernelHeight: weight.shape[2],
      kernelWidth: weight.shape[3], stride: stride, padding: padding)
    precondition(
      shape.outHeight >= 1 && shape.outWidth >= 1,
      "convolution kernel \(weight.shape) larger than padded input \(input.shape)")
    if let bias {
      precondition(bias.shape == [shape.outChannels], "bias \(bias.shape) for \(weight.shape)")
    }
    return shape
  }

  /// Adds `bias[c]` to every element of channel `c` of `tensor[N, C, ...]` in place
  /// (`tensor` was just created by the caller, so nobody else sees the write).
  static func addChannelBias(_ bias: Tensor<Scalar>, to tensor: Tensor<Scalar>, planeSize: Int) {
    let channels = bias.scalarCount
    let batch = tensor.scalarCount / max(1, channels * planeSize)
    let y = tensor.storage.base
    let b = bias.storage.base
    for n in 0..<batch {
      for c in 0..<channels {
        let row = y + (n * channels + c) * planeSize
        let value = b[c]
        for i in 0..<planeSize { row[i] += value }
      }
    }
  }

  /// `result[c] = Σ_n Σ_i tensor[n, c, i]` for `tensor[N, C, planeSize]`, summed in a
  /// fixed order.
  static func channelSums(_ tensor: Tensor<Scalar>, planeSize: Int) -> Tensor<Scalar> {
    let channels = tensor.shape[1]
    let batch = tensor.shape[0]
    let result = Tensor<Scalar>(zeros: [channels])
    let x = tensor.storage.base
    for n in 0..<batch {
      for c in 0..<channels {
        result.storage.base[c] += Scalar.sum(
          x + (n * channels + c) * planeSize, count: planeSize)
      }
    }
    return result
  }
}
