/// Batch normalisation with an affine transform and running statistics (PyTorch's
/// `nn.BatchNorm2d` with `affine=True, track_running_stats=True`).
///
/// The pass's ``BatchNormMode`` picks the behaviour: batch statistics (and an update
/// of the running ones, as PyTorch does in training mode), running statistics, or the
/// identity.
public final class BatchNorm2D<Scalar: TensorScalar>: Layer {
  /// γ, of kind ``ParameterKind/batchNormScale``.
  public let scale: Parameter<Scalar>
  /// β, of kind ``ParameterKind/batchNormShift``.
  public let shift: Parameter<Scalar>
  /// The running mean (starts at 0).
  public var runningMean: Tensor<Scalar>
  /// The running unbiased variance (starts at 1).
  public var runningVariance: Tensor<Scalar>
  /// The weight of the newest batch in the running statistics (PyTorch: 0.1).
  public var momentum: Scalar
  /// Added to the variance before the square root (PyTorch: 1e-5).
  public let epsilon: Scalar

  /// Creates a batch norm over `channels` with γ = 1, β = 0.
  public init(name: String, channels: Int, epsilon: Scalar = 1e-5, momentum: Scalar = 0.1) {
    scale = Parameter(
      name: name + ".weight", kind: .batchNormScale, value: Tensor(repeating: 1, shape: [channels]))
    shift = Parameter(
      name: name + ".bias", kind: .batchNormShift, value: Tensor(zeros: [channels]))
    runningMean = Tensor(zeros: [channels])
    runningVariance = Tensor(repeating: 1, shape: [channels])
    self.epsilon = epsilon
    self.momentum = momentum
  }

  /// Normalises `input[N, C, H, W]` (or `[N, C]`) as the pass's mode says.
  public func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar> {
    forward(input, batchStatistics: nil, in: pass)
  }

  /// ``forward(_:in:)`` with the batch statistics already formed by the convolution
  /// before (used in the batch-statistics mode only).
  func forward(
    _ input: Tensor<Scalar>, batchStatistics: ChannelStatistics<Scalar>?,
    in pass: ForwardPass<Scalar>
  ) -> Tensor<Scalar> {
    switch pass.batchNorm {
    case .identity:
      return input
    case .runningStatistics:
      return pass.batchNormalization(
        input, scale: pass.parameter(scale), shift: pass.parameter(shift), epsilon: epsilon,
        runningStatistics: (runningMean, runningVariance)
      ).output
    case .batchStatistics:
      let result = pass.batchNormalization(
        input, scale: pass.parameter(scale), shift: pass.parameter(shift), epsilon: epsilon,
        runningStatistics: nil, batchStatistics: batchStatistics)
      updateRunningStatistics(
        mean: result.mean, variance: result.variance,
        count: input.scalarCount / max(1, input.shape[1]))
      return result.output
    }
  }

  /// The forward pass with the normalisation left to the consumer.
  ///
  /// Returns the input and the per-channel map to apply to it (nil in `.identity`
  /// mode). Statistics and the update of the running statistics are exactly those of
  /// ``forward(_:in:)``.
  ///
  /// - Precondition: `pass` records no gradients.
  func deferredForward(
    _ input: Tensor<Scalar>, batchStatistics: ChannelStatistics<Scalar>? = nil,
    in pass: ForwardPass<Scalar>
  ) -> NormalizedTerm<Scalar> {
    switch pass.batchNorm {
    case .identity:
      return NormalizedTerm(tensor: input, weight: 1, normalization: nil)
    case .runningStatistics:
      let normalization = pass.batchNormalizationStatistics(
        input, scale: pass.parameter(scale), shift: pass.parameter(shift), epsilon: epsilon,
        runningStatistics: (runningMean, runningVariance))
      return NormalizedTerm(tensor: input, weight: 1, normalization: normalization)
    case .batchStatistics:
      let normalization = pass.batchNormalizationStatistics(
        input, scale: pass.parameter(scale), shift: pass.parameter(shift), epsilon: epsilon,
        batchStatistics: batchStatistics)
      updateRunningStatistics(
        mean: normalization.mean, variance: normalization.variance,
        count: input.scalarCount / max(1, input.shape[1]))
      return NormalizedTerm(tensor: input, weight: 1, normalization: normalization)
    }
  }

  /// γ, then β.
  public var ownParameters: [Parameter<Scalar>] { [scale, shift] }

  /// `running = (1 − momentum)·running + momentum·batch`, with the batch variance made
  /// unbiased (`× n/(n − 1)`) as PyTorch does.
  private func updateRunningStatistics(mean: Tensor<Scalar>, variance: Tensor<Scalar>, count: Int) {
    let correction = count > 1 ? Scalar(count) / Scalar(count - 1) : 1
    let keep = 1 - momentum
    runningMean.withUnsafeMutableBufferPointer { running in
      for c in running.indices { running[c] = keep * running[c] + momentum * mean[c] }
    }
    runningVariance.withUnsafeMutableBufferPointer { running in
      for c in running.indices {
        running[c] = keep * running[c] + momentum * variance[c] * correction
      }
    }
  }
}
