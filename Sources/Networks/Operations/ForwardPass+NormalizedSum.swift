/// One term of ``ForwardPass/normalizedSum(_:)``: a tensor, its weight, and possibly a
/// batch normalisation that is still to be applied to it.
struct NormalizedTerm<Scalar: TensorScalar> {
  /// The tensor, `[N, C, H, W]`.
  var tensor: Tensor<Scalar>
  /// The term's weight in the sum.
  var weight: Scalar
  /// Per channel: the mean, `γ / σ` and `β`.
  ///
  /// The term's value is then `fma(x − mean, γ/σ, β)`, exactly what
  /// ``batchNormalize`` writes; nil for the tensor itself.
  var normalization: ChannelNormalization<Scalar>?
  /// A size-preserving stride-1 average pooling (window, padding) to apply to the
  /// tensor first, as ``ForwardPass/averagePool(_:window:stride:padding:)`` computes it.
  var pool: (window: Int, padding: Int)? = nil
}

/// A batch normalisation's per-channel affine map, `x ↦ fma(x − mean, scale, shift)`.
struct ChannelNormalization<Scalar: TensorScalar> {
  /// Channel means.
  var mean: Tensor<Scalar>
  /// `γ / σ` per channel.
  var scale: Tensor<Scalar>
  /// `β` per channel.
  var shift: Tensor<Scalar>
  /// The variance per channel (what the running statistics are updated with).
  var variance: Tensor<Scalar>
}

extension ForwardPass {
  /// The statistics of ``batchNormalization(_:scale:shift:epsilon:runningStatistics:)``
  /// without its output: for forward-only passes that apply the normalisation later,
  /// inside ``normalizedSum(_:)``, instead of writing and re-reading it.
  ///
  /// Means, inverse standard deviations and variances are computed by the same kernel
  /// and the same arithmetic as the full operation, from `batchStatistics` when the
  /// convolution before formed them.
  ///
  /// - Precondition: the pass records no gradients; the input is `[N, C, H, W]`.
  func batchNormalizationStatistics(
    _ input: Tensor<Scalar>, scale: Tensor<Scalar>, shift: Tensor<Scalar>, epsilon: Scalar,
    runningStatistics: (mean: Tensor<Scalar>, variance: Tensor<Scalar>)? = nil,
    batchStatistics: ChannelStatistics<Scalar>? = nil
  ) -> ChannelNormalization<Scalar> {
    precondition(!recordsGradients, "deferred batch norm is for forward-only passes")
    precondition(input.rank == 4, "batch norm input \(input.shape)")
    let (batch, channels) = (input.shape[0], input.shape[1])
    let spatial = input.shape[2] * input.shape[3]
    precondition(
      scale.shape == [channels] && shift.shape == [channels],
      "batch norm parameters \(scale.shape), \(shift.shape) for \(channels) channels")
    let savedMean = Tensor<Scalar>(uninitializedShape: [channels])
    let savedInverseStd = Tensor<Scalar>(uninitializedShape: [channels])
    let given =
      runningStatistics ?? batchStatistics.map { (mean: $0.mean, variance: $0.variance) }
    let statistics = given.map {
      (UnsafePointer($0.mean.storage.base), UnsafePointer($0.variance.storage.base))
    }
    Scalar.batchNormForward(
      batch: batch, channels: channels, spatial: spatial, epsilon: epsilon,
      input: input.storage.base, gamma: scale.storage.base, beta: shift.storage.base,
      statistics: statistics, output: nil, savedMean: savedMean.storage.base,
      savedInverseStd: savedInverseStd.storage.base)
    let channelScale = Tensor<Scalar>(uninitializedShape: [channels])
    let variance = given?.variance ?? Tensor<Scalar>(uninitializedShape: [channels])
    for c in 0..<channels {
      let inverseStd = savedInverseStd.storage.base[c]
      // As in the kernel: scale = γ · (1/σ).
      channelScale.storage.base[c] = scale.storage.base[c] * inverseStd
      if given == nil {
        variance.storage.base[c] = max(0, 1 / (inverseStd * inverseStd) - epsilon)
      }
    }
    return ChannelNormalization(
      mean: savedMean, scale: channelScale, shift: shift, variance: variance)
  }

  /// `Σ weight · term` over `[N, C, H, W]` tensors, applying each term's pending batch
  /// normalisation on the fly: one pass over memory, bitwise the result of normalising
  /// each term and then calling ``weightedSum(_:weights:)``.
  ///
  /// - Precondition: the pass records no gradients; at least one term; equal shapes.
  func normalizedSum(_ terms: [NormalizedTerm<Scalar>]) -> Tensor<Scalar> {
    precondition(!recordsGradients, "normalizedSum is for forward-only passes")
    precondition(!terms.isEmpty, "normalizedSum of no terms")
    let shape = terms[0].tensor.shape
    precondition(shape.count == 4, "normalizedSum of shape \(shape)")
    for term in terms {
      precondition(term.tensor.shape == shape, "normalizedSum of \(shape) and \(term.tensor.shape)")
      if let pool = term.pool {
        precondition(
          pool.window > 0 && 2 * pool.padding == pool.window - 1,
          "normalizedSum pools only size-preserving windows, not \(pool)")
      }
    }
    let output = Tensor<Scalar>(uninitializedShape: shape)
    let kernelTerms = terms.map { term in
      NormalizedTermPointers(
        values: UnsafePointer(term.tensor.storage.base), weight: term.weight,
        mean: term.normalization.map { UnsafePointer($0.mean.storage.base) },
        scale: term.normalization.map { UnsafePointer($0.scale.storage.base) },
        shift: term.normalization.map { UnsafePointer($0.shift.storage.base) },
        poolWindow: term.pool?.window ?? 0, poolPadding: term.pool?.padding ?? 0)
    }
    withExtendedLifetime(terms) {
      kernelTerms.withUnsafeBufferPointer { pointers in
        Scalar.normalizedSum(
          pointers, planes: shape[0] * shape[1], channels: shape[1], height: shape[2],
          width: shape[3], into: output.storage.base)
      }
    }
    return output
  }
}
