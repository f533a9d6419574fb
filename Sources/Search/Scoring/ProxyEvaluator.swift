import Foundation
import Proxies
import SearchSpace

/// The cheap evaluator: a zero-cost proxy scoring each architecture's real network.
///
/// Each network is freshly initialised and scored on a fixed batch. Its simulated cost is the measured scoring
/// time, unless a fixed cost is configured.
public struct ProxyEvaluator<Space: SearchSpace>: Evaluator {
  /// The scorer.
  public let proxy: any Proxy
  /// The batch every architecture is scored on.
  public let input: ProxyInput
  /// The seed of every network's initialisation (the same for all architectures, so a
  /// score depends only on the architecture).
  public let seed: UInt64
  /// Builds an architecture's network.
  public let network: @Sendable (Space.Architecture) -> NetworkBuilder
  /// A fixed simulated cost per evaluation, replacing the measured time.
  public let costSeconds: Double?

  /// Creates an evaluator.
  public init(
    proxy: any Proxy, input: ProxyInput, seed: UInt64,
    network: @escaping @Sendable (Space.Architecture) -> NetworkBuilder, costSeconds: Double? = nil
  ) {
    self.proxy = proxy
    self.input = input
    self.seed = seed
    self.network = network
    self.costSeconds = costSeconds
  }

  /// The proxy's name.
  public var name: String { proxy.name }

  /// Scores `architecture`; a failed score is `-infinity` with the reason.
  public func evaluate(_ architecture: Space.Architecture) throws(EvaluationError) -> Evaluation {
    let clock = ContinuousClock()
    let start = clock.now
    let score = proxy.score(network(architecture), on: input, seed: seed)
    let elapsed = clock.now - start
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    return Evaluation(
      fitness: score.value, simulatedCost: costSeconds ?? seconds, failureReason: score.failure)
  }
}
