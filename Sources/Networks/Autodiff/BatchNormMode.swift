/// How batch normalisation layers behave in a ``ForwardPass``.
public enum BatchNormMode: Hashable, Sendable {
  /// Normalise with the batch's own mean and (biased) variance, and update the layers'
  /// running statistics: PyTorch's training mode, which NASWOT and most zero-cost
  /// proxies use.
  case batchStatistics
  /// Normalise with the layers' running mean and variance: PyTorch's eval mode.
  case runningStatistics
  /// Skip batch normalisation entirely (synflow replaces BN by the identity).
  case identity
}
