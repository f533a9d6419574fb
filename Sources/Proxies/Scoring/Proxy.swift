/// A zero-cost proxy: a cheap estimate of how well an architecture will train.
///
/// It is computed from the untrained network and one batch of data. Higher is better (scorers whose
/// paper's quantity is "lower is better" negate it).
///
/// Write one type conforming to `Proxy`, register it in ``ProxyRegistry`` under a name,
/// and configs and the command line can select it:
///
/// ```swift
/// struct WeightCount: Proxy {
///   var name: String { "weights" }
///   var requirements: ProxyRequirements { .noData }
///   func supports(_ space: ProxySpace) -> Bool { true }
///   func score(_ context: ProxyContext) -> ProxyScore {
///     guard let net = try? context.network.float(seed: context.seed) else {
///       return .failed("cannot build")
///     }
///     return ProxyScore(Double(net.parameterCount))
///   }
/// }
/// ProxyRegistry.register("weights", summary: "weight count") { _ in WeightCount() }
/// ```
public protocol Proxy: Sendable {
  /// The registered name, such as `naswot`.
  var name: String { get }
  /// What the scorer needs to run.
  var requirements: ProxyRequirements { get }
  /// The batch size of the scorer's paper (NASWOT 128, Abdelfattah et al. 64 on NB201,
  /// epsilon 256); configs and `--batch-size` override it.
  var defaultBatchSize: Int { get }

  /// Whether the scorer can score the networks of `space` at all; asked before any
  /// network is built, so that an unsupported pair is a usage error, not a table of
  /// failures. The default accepts spaces whose networks classify images.
  func supports(_ space: ProxySpace) -> Bool

  /// Scores the network `context.network` builds, initialised from `context.seed`, on
  /// `context.input`.
  ///
  /// Must not crash and must not return NaN: a score that cannot be computed (no
  /// input-output path, a singular kernel, an overflow) is ``ProxyScore/failed(_:)``.
  func score(_ context: ProxyContext) -> ProxyScore
}

extension Proxy {
  /// Image classifiers only.
  public func supports(_ space: ProxySpace) -> Bool { space.input == .images }

  /// Scores `network` on `input` from `seed`, outside any named space.
  public func score(_ network: NetworkBuilder, on input: ProxyInput, seed: UInt64) -> ProxyScore {
    score(
      ProxyContext(
        space: ProxySpace(name: "", input: input.kind), network: network, input: input, seed: seed))
  }
}

/// What a scorer needs: only a forward pass, or gradients; labels or not.
public struct ProxyRequirements: OptionSet, Sendable, Hashable {
  /// The raw bits.
  public let rawValue: Int
  /// Creates a set from raw bits.
  public init(rawValue: Int) { self.rawValue = rawValue }

  /// One forward pass, no tape (NASWOT, epsilon).
  public static let forwardOnly = ProxyRequirements([])
  /// A backward pass (snip, grad_norm, synflow, fisher, jacob_cov, grasp).
  public static let gradients = ProxyRequirements(rawValue: 1)
  /// Real labels for a loss (snip, grad_norm, fisher, grasp, accuracy stability).
  public static let labels = ProxyRequirements(rawValue: 2)
  /// No data at all (params, flops, synflow).
  public static let noData = ProxyRequirements(rawValue: 4)
}
