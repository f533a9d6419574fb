import Networks

/// `params`: the number of trainable parameters of the network, a strong zero-cost
/// baseline (NASLib's `params`; Spearman 0.71 with NB201 CIFAR-10 validation accuracy
/// on the reference subset).
///
/// Counts every scalar of every parameter the built network owns, each parameter
/// object once (so tied weights count once), like PyTorch's
/// `sum(p.numel() for p in net.parameters())`. For NB201 on CIFAR-10 this is
/// `73,306 + 243,040·n_conv3x3 + 28,000·n_conv1x1`. The score is the count itself
/// (NASLib tabulates it in millions); it needs no data and never fails for a network
/// that can be built, including cells without an input→output path.
public struct ParameterCount: Proxy {
  /// Creates the scorer.
  public init() {}

  /// `params`.
  public var name: String { "params" }
  /// No data.
  public var requirements: ProxyRequirements { .noData }
  /// Unused; 1 so that callers build the smallest batch.
  public var defaultBatchSize: Int { 1 }

  /// Any space whose architectures have networks.
  public func supports(_ space: ProxySpace) -> Bool { true }

  /// The trainable parameter count.
  public func score(_ context: ProxyContext) -> ProxyScore {
    let (network, seed) = (context.network, context.seed)
    do {
      let model = try network.float(seed: seed)
      var seen = Set<ObjectIdentifier>()
      var count = 0
      for parameter in model.parameters where seen.insert(ObjectIdentifier(parameter)).inserted {
        count += parameter.scalarCount
      }
      return ProxyScore(Double(count))
    } catch {
      return .failed(error.reason)
    }
  }
}
