/// Receives a run's progress: the CLI draws it on stderr, tests record it.
public protocol ProgressReporter: AnyObject {
  /// Called after every evaluation of run `run` (0-based) of `runs`.
  func evaluated(run: Int, of runs: Int, entry: HistoryEntry, usage: BudgetUsage, best: Double?)
  /// Called when run `run` has finished.
  func finished(run: Int, of runs: Int, outcome: RunOutcome)
}
