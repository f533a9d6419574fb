/// Why a strategy's loop was cut short: its budget ran out (the normal end of most
/// searches) or an evaluation could not be made at all.
public enum SearchInterruption: Error, Sendable {
  /// A budget limit was reached; the run's results stand.
  case budgetExhausted(StopReason)
  /// An evaluator failed; the run cannot continue.
  case evaluationFailed(EvaluationError)
  /// A resumed run asked for an evaluation other than the one its journal recorded:
  /// the output directory belongs to a different config, seed or program version.
  case journalMismatch(String)
  /// The output directory holds something other than this experiment (other files, or an
  /// experiment with another config, seed, run count or run range); nothing was written.
  case outputConflict(String)
}
