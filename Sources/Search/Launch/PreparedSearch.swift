import Foundation

/// A config turned into something runnable: the space's types are resolved, the tables
/// loaded and the evaluators built, so that only running is left.
public struct PreparedSearch {
  /// The config it came from.
  public let config: SearchConfig
  /// The strategy's name.
  public let strategyName: String
  /// The evaluations a run makes when no budget stops it first, when known.
  public let plannedEvaluations: Int?
  /// The columns the papers' tables report for this space, in their order (all
  /// reported columns stay in the result files).
  public let headlineColumns: [String]
  /// Whether every evaluation is a table lookup (``RunSpecification/looksUpOnly``: no
  /// proxy scores a network): such runs take milliseconds, and ``defaultConcurrentRuns``
  /// computes them one per core.
  public let looksUpOnly: Bool
  private let runner:
    (URL?, Bool, Range<Int>?, Int?, (any ProgressReporter)?) throws(SearchInterruption) ->
      [RunOutcome]

  /// Wraps an experiment.
  init<Space>(config: SearchConfig, experiment: Experiment<Space>, headlineColumns: [String] = []) {
    self.config = config
    self.headlineColumns = headlineColumns
    strategyName = experiment.specification.strategy.name
    plannedEvaluations = experiment.specification.strategy.plannedEvaluations
    looksUpOnly = experiment.specification.looksUpOnly
    runner = { output, resume, range, concurrentRuns, progress throws(SearchInterruption) in
      var experiment = experiment
      experiment.output = output
      if let range { experiment.runRange = range }
      if let concurrentRuns { experiment.concurrentRuns = concurrentRuns }
      return try experiment.run(resume: resume, progress: progress)
    }
  }

  /// How many runs are computed at once unless told: one per core when every evaluation
  /// is a lookup, else 1 (a proxy's networks already use every core).
  public var defaultConcurrentRuns: Int {
    looksUpOnly ? max(1, ProcessInfo.processInfo.activeProcessorCount) : 1
  }

  /// Runs the configured runs of `runRange` (nil: all of them), `concurrentRuns` at once
  /// (nil: ``defaultConcurrentRuns``), writing results under `output` (none when nil).
  ///
  /// The results do not depend on `concurrentRuns`, except for wall times and the order
  /// of the journal's lines.
  public func run(
    output: URL?, resume: Bool, runRange: Range<Int>? = nil, concurrentRuns: Int? = nil,
    progress: (any ProgressReporter)? = nil
  ) throws(SearchInterruption) -> [RunOutcome] {
    try runner(output, resume, runRange, concurrentRuns ?? defaultConcurrentRuns, progress)
  }
}
