import Foundation
import Proxies
import SearchSpace

/// The cheap evaluator: a zero-cost proxy scoring each architecture's real network.
///
/// Each network is freshly initialised and scored on a fixed batch. Its simulated cost is
/// fixed — `proxy.cost_seconds`, else ``defaultCostSeconds`` — and never the measured
/// scoring time: a measured time differs between two runs of the same config, so a
/// simulated-time budget would stop identical runs at different evaluations (the
/// measured time stays in the run's wall clock, `wall_seconds` of `history.csv`).
public struct ProxyEvaluator<Space: SearchSpace>: Evaluator {
  /// The scorer, its space and its batch.
  public let setup: ProxySetup
  /// Builds an architecture's network (nil: the space has none).
  public let network: @Sendable (Space.Architecture) -> NetworkBuilder?
  /// The simulated cost of one evaluation.
  public let costSeconds: Double

  /// The simulated cost of one live proxy evaluation when the config gives none: one
  /// second, the order of one NB201 network's NASWOT score on a CPU (0.15–0.3 s here,
  /// about 1 s for the PyTorch reference), rounded to a number that is easy to reason about.
  public static var defaultCostSeconds: Double { 1 }

  /// Creates an evaluator.
  public init(
    setup: ProxySetup, network: @escaping @Sendable (Space.Architecture) -> NetworkBuilder?,
    costSeconds: Double? = nil
  ) {
    self.setup = setup
    self.network = network
    self.costSeconds = costSeconds ?? Self.defaultCostSeconds
  }

  /// The proxy's name.
  public var name: String { setup.proxy.name }

  /// Scores `architecture`; a failed score is `-infinity` with the reason.
  public func evaluate(_ architecture: Space.Architecture) throws(EvaluationError) -> Evaluation {
    let score: ProxyScore
    if let builder = network(architecture) {
      score = setup.proxy.score(
        ProxyContext(
          space: setup.space, network: builder, input: setup.data.input, seed: setup.seed))
    } else {
      score = .failed("the space has no network for this architecture")
    }
    return Evaluation(
      fitness: score.value, simulatedCost: costSeconds, failureReason: score.failure)
  }
}
