import Foundation
import Synchronization

/// Progress of `nas-search score` on stderr: a redrawn line on a terminal, a line every
/// 30 seconds in a log file (a batch job), nothing with --quiet.
final class ScoreProgress: Sendable {
  private let enabled: Bool
  private let isTerminal = isatty(STDERR_FILENO) != 0
  private let lastDraw = Mutex<Double>(-1e9)
  private let drew = Atomic<Bool>(false)

  init(enabled: Bool) {
    self.enabled = enabled
  }

  /// Draws `done` of `total` rows, of which `resumed` were in the file before: the rate
  /// and the ETA come from the rows scored in the `elapsed` seconds of this process.
  func update(done: Int, resumed: Int, total: Int, elapsed: Double) {
    guard enabled else { return }
    let interval = isTerminal ? 0.1 : 30
    let due = lastDraw.withLock { last in
      guard elapsed - last >= interval || done == total else { return false }
      last = elapsed
      return true
    }
    guard due else { return }
    let line = Self.line(done: done, resumed: resumed, total: total, elapsed: elapsed)
    var standardError = StandardError()
    if isTerminal {
      print("\r\u{1B}[2K" + line, terminator: "", to: &standardError)
      drew.store(true, ordering: .relaxed)
    } else {
      print(line, to: &standardError)
    }
  }

  /// The progress line: rows done of the total, and the rate and ETA of the rows this
  /// process scored (not the `resumed` ones, which took no time now); the ETA is `?`
  /// until a row has been scored.
  static func line(done: Int, resumed: Int, total: Int, elapsed: Double) -> String {
    let rate = elapsed > 0 ? Double(done - resumed) / elapsed : 0
    let eta =
      done >= total ? "0s" : rate > 0 ? format(Double(total - done) / rate) : "?"
    return String(
      format: "[score] %d/%d  %.2f arch/s  elapsed %@  ETA %@", done, total, rate,
      format(elapsed), eta)
  }

  func finish() {
    guard drew.load(ordering: .relaxed) else { return }
    var standardError = StandardError()
    print("", to: &standardError)
  }

  static func format(_ seconds: Double) -> String {
    if seconds < 60 { return String(format: "%.0fs", seconds) }
    if seconds < 3600 { return String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60) }
    return String(format: "%dh%02dm", Int(seconds) / 3600, Int(seconds) / 60 % 60)
  }
}
