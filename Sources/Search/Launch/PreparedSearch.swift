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
  private let runner:
    (URL?, Bool, Range<Int>?, (any ProgressReporter)?) throws(SearchInterruption) -> [RunOutcome]

  /// Wraps an experiment.
  init<Space>(config: SearchConfig, experiment: Experiment<Space>, headlineColumns: [String] = []) {
    self.config = config
    self.headlineColumns = headlineColumns
    strategyName = experiment.specification.strategy.name
    plannedEvaluations = experiment.specification.strategy.plannedEvaluations
    runner = { output, resume, range, progress throws(SearchInterruption) in
      var experiment = experiment
      experiment.output = output
      if let range { experiment.runRange = range }
      return try experiment.run(resume: resume, progress: progress)
    }
  }

  /// Runs the configured runs of `runRange` (nil: all of them), writing results under
  /// `output` (none when nil).
  public func run(
    output: URL?, resume: Bool, runRange: Range<Int>? = nil,
    progress: (any ProgressReporter)? = nil
  ) throws(SearchInterruption) -> [RunOutcome] {
    try runner(output, resume, runRange, progress)
  }
}
