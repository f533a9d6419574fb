import Foundation

/// Writes files so that a reader (or a crash) never sees half of one: the text goes to a
/// temporary file in the same directory, which is then renamed over the target.
public enum AtomicFile {
  /// Replaces the file at `url` with `text`.
  public static func write(_ text: String, to url: URL) throws(EvaluationError) {
    do {
      try Data(text.utf8).write(to: url, options: .atomic)
    } catch {
      throw EvaluationError("cannot write \(url.path): \((error as NSError).localizedDescription)")
    }
  }
}
