import Foundation

/// A config turned into something runnable: the space's types are resolved, the tables
/// loaded and the evaluators built, so that only running is left.
public struct PreparedSearch {
  /// The config it came from.
  public let config: SearchConfig
  /// The strategy's name.
  public let strategyName: String
  /// The columns the papers' tables report for this space, in their order (all
  /// reported columns stay in the result files).
  public let headlineColumns: [String]
  private let runner:
    (URL?, Bool, (any ProgressReporter)?) throws(SearchInterruption) -> [RunOutcome]

  /// Wraps an experiment.
  init<Space>(config: SearchConfig, experiment: Experiment<Space>, headlineColumns: [String] = []) {
    self.config = config
    self.headlineColumns = headlineColumns
    strategyName = experiment.specification.strategy.name
    runner = { output, resume, progress throws(SearchInterruption) in
      var experiment = experiment
      experiment.output = output
      return try experiment.run(resume: resume, progress: progress)
    }
  }

  /// Runs every configured run, writing results under `output` (none when nil).
  public func run(output: URL?, resume: Bool, progress: (any ProgressReporter)? = nil)
    throws(SearchInterruption) -> [RunOutcome]
  {
    try runner(output, resume, progress)
  }
}
