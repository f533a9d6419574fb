/// The outcome of ``ForwardPass/batchNormalization(_:scale:shift:epsilon:runningStatistics:)``.
public struct BatchNormalizationResult<Scalar: TensorScalar> {
  /// The normalised, scaled and shifted tensor.
  public var output: Tensor<Scalar>
  /// The per-channel mean used (the batch's, or the running one).
  public var mean: Tensor<Scalar>
  /// The per-channel variance used: the batch's biased variance, or the running one.
  public var variance: Tensor<Scalar>
}

extension ForwardPass {
  /// Batch normalisation of `input[N, C, H, W]` (or `[N, C]`) per channel:
  /// `scale · (x − mean) / √(variance + epsilon) + shift`.
  ///
  /// With `runningStatistics` nil it uses the batch's mean and biased variance and
  /// differentiates through them (PyTorch's training mode); otherwise it uses the given
  /// statistics as constants (eval mode). The layer decides which, and updates its
  /// running statistics from the returned batch statistics.
  public func batchNormalization(
    _ input: Tensor<Scalar>, scale: Tensor<Scalar>, shift: Tensor<Scalar>,
    epsilon: Scalar = 1e-5,
    runningStatistics: (mean: Tensor<Scalar>, variance: Tensor<Scalar>)? = nil
  ) -> BatchNormalizationResult<Scalar> {
    precondition(input.rank == 2 || input.rank == 4, "batch norm input \(input.shape)")
    let (batch, channels) = (input.shape[0], input.shape[1])
    let spatial = input.rank == 4 ? input.shape[2] * input.shape[3] : 1
    precondition(
      scale.shape == [channels] && shift.shape == [channels],
      "batch norm parameters \(scale.shape), \(shift.shape) for \(channels) channels")
    var output = Tensor<Scalar>(uninitializedShape: input.shape)
    let savedMean = Tensor<Scalar>(uninitializedShape: [channels])
    let savedInverseStd = Tensor<Scalar>(uninitializedShape: [channels])
    if let runningStatistics {
      precondition(
        runningStatistics.mean.shape == [channels]
          && runningStatistics.variance.shape == [channels],
        "running statistics for \(channels) channels")
      Scalar.batchNormForward(
        batch: batch, channels: channels, spatial: spatial, epsilon: epsilon,
        input: input.storage.base, gamma: scale.storage.base, beta: shift.storage.base,
        statistics: (
          UnsafePointer(runningStatistics.mean.storage.base),
          UnsafePointer(runningStatistics.variance.storage.base)
        ),
        output: output.storage.base, savedMean: savedMean.storage.base,
        savedInverseStd: savedInverseStd.storage.base)
    } else {
      Scalar.batchNormForward(
        batch: batch, channels: channels, spatial: spatial, epsilon: epsilon,
        input: input.storage.base, gamma: scale.storage.base, beta: shift.storage.base,
        statistics: nil, output: output.storage.base, savedMean: savedMean.storage.base,
        savedInverseStd: savedInverseStd.storage.base)
    }
    let variance: Tensor<Scalar>
    if let runningStatistics {
      variance = runningStatistics.variance
    } else {
      variance = Tensor(uninitializedShape: [channels])
      for c in 0..<channels {
        let inverseStd = savedInverseStd.storage.base[c]
        variance.storage.base[c] = max(0, 1 / (inverseStd * inverseStd) - epsilon)
      }
    }

    let usedBatchStatistics = runningStatistics == nil
    if shouldRecord(input, scale, shift) {
      record(&output, inputs: [input, scale, shift]) { gradient, needed in
        let inputGradient = Tensor<Scalar>(uninitializedShape: input.shape)
        let scaleGradient = Tensor<Scalar>(uninitializedShape: [channels])
        let shiftGradient = Tensor<Scalar>(uninitializedShape: [channels])
        Scalar.batchNormBackward(
          batch: batch, channels: channels, spatial: spatial,
          usedBatchStatistics: usedBatchStatistics, input: input.storage.base,
          outputGradient: gradient.storage.base, gamma: scale.storage.base,
          savedMean: savedMean.storage.base, savedInverseStd: savedInverseStd.storage.base,
          inputGradient: inputGradient.storage.base, gammaGradient: scaleGradient.storage.base,
          betaGradient: shiftGradient.storage.base)
        return [
          needed[0] ? inputGradient : nil, needed[1] ? scaleGradient : nil,
          needed[2] ? shiftGradient : nil,
        ]
      }
    }
    return BatchNormalizationResult(output: output, mean: savedMean, variance: variance)
  }
}
