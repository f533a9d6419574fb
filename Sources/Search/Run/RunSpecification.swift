import Foundation
import SearchSpace

/// Everything needed to execute one run of a strategy on a space, independent of files.
public struct RunSpecification<Space: SearchSpace> {
  /// The space.
  public var space: Space
  /// The strategy.
  public var strategy: any SearchStrategy
  /// The evaluators by source.
  public var evaluators: [FitnessSource: any Evaluator<Space.Architecture>]
  /// The limits.
  public var budget: SearchBudget
  /// The metrics reported for an architecture (every benchmark column), or nil.
  public var report: (@Sendable (Space.Architecture) -> [(name: String, value: Double)])?
  /// The column of `report` plotted as best-so-far, such as `cifar10_test_acc`.
  public var plotMetric: String?
  /// The value of ``plotMetric`` for an architecture, when a space can look it up
  /// directly (else it is read from `report`, which makes every column).
  public var plotValue: (@Sendable (Space.Architecture) -> Double?)?
  /// An evaluator that depends on the run's seed, such as NB101's fitness from one
  /// training repeat drawn per run; for each run it replaces ``evaluators`` of its source.
  public var seededEvaluator: SeededEvaluator<Space.Architecture>?
  /// The canonical texts met by the runs so far (copies of the specification share it;
  /// runs computed on another thread get a cache of their own).
  var texts = ArchitectureTexts<Space.Architecture>()

  /// Creates a specification.
  public init(
    space: Space, strategy: any SearchStrategy,
    evaluators: [FitnessSource: any Evaluator<Space.Architecture>], budget: SearchBudget,
    report: (@Sendable (Space.Architecture) -> [(name: String, value: Double)])? = nil,
    plotMetric: String? = nil
  ) {
    self.space = space
    self.strategy = strategy
    self.evaluators = evaluators
    self.budget = budget
    self.report = report
    self.plotMetric = plotMetric
  }

  /// Whether every evaluation of a run is a lookup (``Evaluator/isLookup``): a benchmark
  /// table or a score table, no network scored.
  public var looksUpOnly: Bool {
    evaluators.values.allSatisfy(\.isLookup) && (seededEvaluator?.isLookup ?? true)
  }

  /// Whether computing a run again gives the same run: it looks up only and its budget
  /// has no wall-time limit, so its journal needs only its end and wall times.
  public var recomputesExactly: Bool { looksUpOnly && budget.wallSeconds == nil }

  /// Runs with `seed`, replaying `replaying` (or asking again, with the wall times of
  /// `replayingWalls`) first and appending new evaluations to `journal` as run `run` of
  /// its experiment.
  public func execute(
    seed: UInt64, replaying: [HistoryEntry] = [], replayingWalls: [Double] = [],
    journal: Journal? = nil, run index: Int = 0,
    onEvaluation: ((HistoryEntry, BudgetUsage) -> Void)? = nil
  ) throws(SearchInterruption) -> RunOutcome {
    var evaluators = self.evaluators
    if let seededEvaluator {
      evaluators[seededEvaluator.source] = seededEvaluator.make(seed)
    }
    let run = SearchRun(
      space: space, seed: seed, budget: budget, evaluators: evaluators, replaying: replaying,
      replayingWalls: replayingWalls, journal: journal, run: index)
    run.onEvaluation = onEvaluation
    run.sharedTexts = texts
    var stopReason = StopReason.completed
    do {
      try strategy.run(run)
    } catch .budgetExhausted(let reason) {
      stopReason = reason
    }
    let recorded = max(replaying.count, replayingWalls.count)
    if run.history.count < recorded {
      throw .journalMismatch(
        "the run ended after \(run.history.count) evaluations but its journal has \(recorded)")
    }
    let best = run.best(by: strategy.selection)
    let bestArchitecture = best.flatMap { try? space.parse($0.architecture) }
    var proxyScore: Double?
    if let best, best.source == .proxy {
      proxyScore = best.fitness
    } else if let bestArchitecture, let proxy = evaluators[.proxy] {
      proxyScore =
        run.history.last { $0.source == .proxy && $0.architecture == best?.architecture }?
        .fitness ?? (try? proxy.evaluate(bestArchitecture))?.fitness
    }
    let metrics = bestArchitecture.flatMap { report?($0) } ?? []
    return RunOutcome(
      seed: seed, strategy: strategy.name, best: best, bestProxyScore: proxyScore,
      bestMetrics: metrics, usage: run.currentUsage(), stopReason: stopReason,
      history: run.history, bestSoFarMetric: bestSoFar(run))
  }

  /// The plotted metric of the best-by-selection architecture after each evaluation.
  private func bestSoFar(_ run: SearchRun<Space>) -> [Double]? {
    guard let plotMetric, let report else { return nil }
    var values: [Double] = []
    var bestFitness = -Double.infinity
    var current = Double.nan
    var memo: [Int: Double] = [:]
    let history = run.history
    values.reserveCapacity(history.count)
    // Fields are read in place: copying an entry retains and releases its texts.
    for position in history.indices {
      let (source, fitness) = (history[position].source, history[position].fitness)
      if source == strategy.selection, fitness > bestFitness || current.isNaN {
        bestFitness = max(bestFitness, fitness)
        let (architecture, key) = run.architecture(ofEvaluation: position)
        if let known = memo[key] {
          current = known
        } else {
          let value =
            (plotValue.map { $0(architecture) }
              ?? report(architecture).first { $0.name == plotMetric }?.value) ?? .nan
          memo[key] = value
          current = value
        }
      }
      values.append(current)
    }
    return values
  }
}

/// An evaluator made for each run from the run's seed (see
/// ``RunSpecification/seededEvaluator``).
public struct SeededEvaluator<Architecture: Hashable & Sendable>: Sendable {
  /// The source it evaluates for.
  public var source: FitnessSource
  /// Makes the evaluator of the run with this seed.
  public var make: @Sendable (_ seed: UInt64) -> any Evaluator<Architecture>
  /// Whether the evaluators it makes look up (``Evaluator/isLookup``).
  public var isLookup: Bool

  /// Creates a seeded evaluator.
  public init(
    source: FitnessSource, isLookup: Bool = false,
    make: @escaping @Sendable (_ seed: UInt64) -> any Evaluator<Architecture>
  ) {
    self.source = source
    self.isLookup = isLookup
    self.make = make
  }
}
