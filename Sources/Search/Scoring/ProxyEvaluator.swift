import Foundation
import Proxies
import SearchSpace

/// The cheap evaluator: a zero-cost proxy scoring each architecture's real network.
///
/// Each network is freshly initialised and scored on a fixed batch. Its simulated cost is the measured scoring
/// time, unless a fixed cost is configured.
public struct ProxyEvaluator<Space: SearchSpace>: Evaluator {
  /// The scorer, its space and its batch.
  public let setup: ProxySetup
  /// Builds an architecture's network (nil: the space has none).
  public let network: @Sendable (Space.Architecture) -> NetworkBuilder?
  /// A fixed simulated cost per evaluation, replacing the measured time.
  public let costSeconds: Double?

  /// Creates an evaluator.
  public init(
    setup: ProxySetup, network: @escaping @Sendable (Space.Architecture) -> NetworkBuilder?,
    costSeconds: Double? = nil
  ) {
    self.setup = setup
    self.network = network
    self.costSeconds = costSeconds
  }

  /// The proxy's name.
  public var name: String { setup.proxy.name }

  /// Scores `architecture`; a failed score is `-infinity` with the reason.
  public func evaluate(_ architecture: Space.Architecture) throws(EvaluationError) -> Evaluation {
    let clock = ContinuousClock()
    let start = clock.now
    let score: ProxyScore
    if let builder = network(architecture) {
      score = setup.proxy.score(
        ProxyContext(
          space: setup.space, network: builder, input: setup.data.input, seed: setup.seed))
    } else {
      score = .failed("the space has no network for this architecture")
    }
    let elapsed = clock.now - start
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    return Evaluation(
      fitness: score.value, simulatedCost: costSeconds ?? seconds, failureReason: score.failure)
  }
}
