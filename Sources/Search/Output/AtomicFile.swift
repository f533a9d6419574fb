import Foundation

/// Writes files so that a reader (or a crash) never sees half of one: the text goes to a
/// temporary file in the same directory, is flushed to disk, and is then renamed over the
/// target.
///
/// Result files are written once, at the end of an experiment, so the one `fsync` per
/// file costs a few milliseconds in all rather than one per run.
public enum AtomicFile {
  /// Replaces the file at `url` with `text`, durably.
  public static func write(_ text: String, to url: URL) throws(EvaluationError) {
    var bytes = ByteText()
    bytes.append(text)
    try write(parts: [bytes], to: url)
  }

  /// Replaces the file at `url` with `bytes`, durably.
  public static func write(bytes: [UInt8], to url: URL) throws(EvaluationError) {
    var text = ByteText()
    text.append(bytes)
    try write(parts: [text], to: url)
  }

  /// Replaces the file at `url` with the concatenation of `parts`, durably (no copy of
  /// them is made).
  public static func write(parts: [ByteText], to url: URL) throws(EvaluationError) {
    let temporary = url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).\(getpid()).tmp")
    let descriptor = open(temporary.path, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
    guard descriptor >= 0 else { throw failure(url, "cannot create a temporary file") }
    for part in parts {
      var written = 0
      while written < part.count {
        let count = part.withUnsafeBytes { buffer in
          guard let base = buffer.baseAddress else { return 0 }
          return Foundation.write(descriptor, base + written, buffer.count - written)
        }
        guard count > 0 else {
          close(descriptor)
          unlink(temporary.path)
          throw failure(url, String(cString: strerror(errno)))
        }
        written += count
      }
    }
    let synced = fsync(descriptor) == 0
    close(descriptor)
    guard synced, rename(temporary.path, url.path) == 0 else {
      unlink(temporary.path)
      throw failure(url, String(cString: strerror(errno)))
    }
  }

  /// Flushes the directory entry of `directory` (the renames made in it) to disk.
  public static func synchronizeDirectory(_ directory: URL) {
    let descriptor = open(directory.path, O_RDONLY)
    guard descriptor >= 0 else { return }
    _ = fsync(descriptor)
    close(descriptor)
  }

  private static func failure(_ url: URL, _ reason: String) -> EvaluationError {
    EvaluationError("cannot write \(url.path): \(reason)")
  }
}
