/// The outcome of ``ForwardPass/batchNormalization(_:scale:shift:epsilon:runningStatistics:)``.
public struct BatchNormalizationResult<Scalar: TensorScalar> {
  /// The normalised, scaled and shifted tensor.
  public var output: Tensor<Scalar>
  /// The per-channel mean used (the batch's, or the running one).
  public var mean: Tensor<Scalar>
  /// The per-channel variance used: the batch's biased variance, or the running one.
  public var variance: Tensor<Scalar>
}

/// Per-channel batch statistics that a convolution formed for the batch norm after it
/// (``ForwardPass/convolution(_:weight:bias:stride:padding:ofReLU:withStatistics:)``).
struct ChannelStatistics<Scalar: TensorScalar> {
  /// The batch mean per channel.
  var mean: Tensor<Scalar>
  /// The biased batch variance per channel.
  var variance: Tensor<Scalar>

  /// The mean `Σy / n` and variance `Σy² / n − mean²` (at least 0) of `count` values per
  /// channel from `moments` (`Σy`, `Σy²` per channel), in Double.
  init(moments: [Double], count: Int) {
    let channels = moments.count / 2
    mean = Tensor(uninitializedShape: [channels])
    variance = Tensor(uninitializedShape: [channels])
    let n = Double(max(1, count))
    for c in 0..<channels {
      let average = moments[2 * c] / n
      mean.storage.base[c] = Scalar(average)
      variance.storage.base[c] = Scalar(max(0, moments[2 * c + 1] / n - average * average))
    }
  }
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
    batchNormalization(
      input, scale: scale, shift: shift, epsilon: epsilon,
      runningStatistics: runningStatistics, batchStatistics: nil)
  }

  /// ``batchNormalization(_:scale:shift:epsilon:runningStatistics:)`` with the batch's
  /// statistics already formed (by the convolution before it): without running
  /// statistics, `batchStatistics` are used as the batch mean and variance, and the
  /// gradient still flows through them.
  func batchNormalization(
    _ input: Tensor<Scalar>, scale: Tensor<Scalar>, shift: Tensor<Scalar>, epsilon: Scalar,
    runningStatistics: (mean: Tensor<Scalar>, variance: Tensor<Scalar>)?,
    batchStatistics: ChannelStatistics<Scalar>?
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
    let givenStatistics =
      runningStatistics ?? batchStatistics.map { (mean: $0.mean, variance: $0.variance) }
    if let givenStatistics {
      precondition(
        givenStatistics.mean.shape == [channels] && givenStatistics.variance.shape == [channels],
        "statistics for \(channels) channels")
      Scalar.batchNormForward(
        batch: batch, channels: channels, spatial: spatial, epsilon: epsilon,
        input: input.storage.base, gamma: scale.storage.base, beta: shift.storage.base,
        statistics: (
          UnsafePointer(givenStatistics.mean.storage.base),
          UnsafePointer(givenStatistics.variance.storage.base)
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
    if let givenStatistics {
      variance = givenStatistics.variance
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
