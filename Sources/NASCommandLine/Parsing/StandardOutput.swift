import Foundation
import SearchSpace

/// Writes results to standard output, failing loudly: a full disk or a closed pipe is an
/// error (exit 1), not a truncated file and exit 0.
enum StandardOutput {
  /// Writes `text`, or throws a failure naming the reason.
  static func write(_ text: String) throws(CLIError) {
    do {
      try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
    } catch {
      throw .failure("cannot write to standard output: \(plainReason(of: error))")
    }
  }
}
