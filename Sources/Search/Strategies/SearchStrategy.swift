import SearchSpace

/// A way of choosing which architectures to evaluate.
///
/// A strategy is a loop over ``SearchRun/evaluate(_:with:)``: the run enforces the
/// budget by throwing, caches repeats and records the history, so a strategy holds only
/// its own state (a population, a queue). It must draw every random choice from
/// `run.rng` and nothing else, so that a run is reproducible from its seed and can be
/// resumed by replay.
public protocol SearchStrategy: Sendable {
  /// The strategy's name in configs and result files, such as `rea`.
  var name: String { get }

  /// The evaluations that decide the run's answer: the best architecture is the one
  /// with the highest fitness from this source.
  var selection: FitnessSource { get }

  /// The fitness sources the strategy needs configured.
  var requiredSources: Set<FitnessSource> { get }

  /// Runs until the strategy is done (returns) or the budget is exhausted (throws).
  func run<Space: SearchSpace>(_ run: SearchRun<Space>) throws(SearchInterruption)

  /// How many evaluations a run makes when no budget stops it first, when the strategy
  /// knows (NASWOT search: its N), so that progress can show a true ETA.
  var plannedEvaluations: Int? { get }
}

extension SearchStrategy {
  /// Unknown: the run ends when its budget does.
  public var plannedEvaluations: Int? { nil }
}
