import Foundation
import Search

/// Draws search progress on stderr.
///
/// One redrawn line on a terminal, a plain line every few seconds otherwise (a pipe, a
/// batch job's log). Throttled so that fast
/// benchmark-only searches are not slowed down by printing.
///
/// The ETA comes from how far the current run is: its planned evaluations (NASWOT
/// search: N), or its budget while it makes benchmark evaluations. Proxy evaluations of a
/// strategy without a plan (AREA's warm-up, proxy-guided REA) say nothing about the
/// budget, so then only finished runs count, and before the first one ends no ETA is shown.
final class TerminalProgress: ProgressReporter {
  private let isTerminal = isatty(STDERR_FILENO) != 0
  private let clock = ContinuousClock()
  private let start: ContinuousClock.Instant
  private var lastDraw: ContinuousClock.Instant
  private let budget: SearchBudget
  private let label: String
  private let plannedEvaluations: Int?
  private var lastSource: FitnessSource?
  private var standardError = StandardError()
  private var drewLine = false

  /// A reporter for runs with `budget` that make `plannedEvaluations` when no budget
  /// stops them first (nil: unknown); `label` starts every line (the strategy).
  init(label: String, budget: SearchBudget, plannedEvaluations: Int? = nil) {
    self.label = label
    self.budget = budget
    self.plannedEvaluations = plannedEvaluations
    start = clock.now
    lastDraw = start - .seconds(10)
  }

  func evaluated(run: Int, of runs: Int, entry: HistoryEntry, usage: BudgetUsage, best: Double?) {
    let now = clock.now
    let interval: Duration = isTerminal ? .milliseconds(100) : .seconds(5)
    lastSource = entry.source
    guard now - lastDraw >= interval else { return }
    lastDraw = now
    draw(run: run, of: runs, usage: usage, best: best, now: now)
  }

  func finished(run: Int, of runs: Int, outcome: RunOutcome) {
    if run == runs - 1 {
      draw(
        run: run, of: runs, usage: outcome.usage, best: outcome.best?.fitness, now: clock.now,
        done: true)
      if isTerminal && drewLine { print("", to: &standardError) }
    }
  }

  private func draw(
    run: Int, of runs: Int, usage: BudgetUsage, best: Double?, now: ContinuousClock.Instant,
    done: Bool = false
  ) {
    let elapsed = seconds(now - start)
    let fraction: Double
    if done {
      fraction = 1
    } else if let within = runFraction(usage) {
      fraction = (Double(run) + within) / Double(runs)
    } else {
      fraction = Double(run) / Double(runs)
    }
    var line = "[\(label)] run \(run + 1)/\(runs) eval \(usage.evaluations)"
    if let best { line += " best=\(String(format: "%.4g", best))" }
    if usage.simulatedSeconds > 0 { line += " sim=\(format(usage.simulatedSeconds))" }
    line += " elapsed \(format(elapsed))"
    if fraction > 0, fraction < 1 { line += " ETA \(format(elapsed / fraction - elapsed))" }
    if isTerminal {
      print("\r\u{1B}[2K" + line, terminator: "", to: &standardError)
      drewLine = true
    } else {
      print(line, to: &standardError)
    }
  }

  /// How far the current run is: through its planned evaluations, or through its budget
  /// (the largest fraction of any limit) while it makes benchmark evaluations; nil when
  /// that cannot be told.
  private func runFraction(_ usage: BudgetUsage) -> Double? {
    var fraction = 0.0
    if let plannedEvaluations, plannedEvaluations > 0 {
      fraction = Double(usage.evaluations) / Double(plannedEvaluations)
    } else if lastSource != .benchmark {
      return nil
    }
    if let limit = budget.evaluations {
      fraction = max(fraction, Double(usage.evaluations) / Double(limit))
    }
    if let limit = budget.simulatedSeconds {
      fraction = max(fraction, usage.simulatedSeconds / limit)
    }
    if let limit = budget.wallSeconds { fraction = max(fraction, usage.wallSeconds / limit) }
    return min(fraction, 0.999)
  }

  private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }

  private func format(_ seconds: Double) -> String {
    if seconds < 60 { return String(format: "%.1fs", seconds) }
    if seconds < 3600 { return String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60) }
    return String(format: "%dh%02dm", Int(seconds) / 3600, Int(seconds) / 60 % 60)
  }
}
