import Foundation
import Synchronization
import TabularBenchmarks

/// The open `journal.jsonl` of an experiment, shared by the journals of the runs that
/// are computed at once (see ``Journal/writer()``).
///
/// Each writer hands over whole lines; a lock keeps one writer's batch from being cut into
/// by another's, so the file is always a sequence of complete lines.
final class JournalFile: Sendable {
  /// The journal file.
  let url: URL
  /// The open descriptor, −1 once closed; the lock also orders the writes.
  private let descriptor: Mutex<Int32>

  /// Opens `url` for appending, creating it when absent.
  init(url: URL) throws(EvaluationError) {
    self.url = url
    let opened = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard opened >= 0 else {
      throw EvaluationError(
        "cannot open journal \(url.path): \(String(cString: strerror(errno)))")
    }
    descriptor = Mutex(opened)
  }

  deinit {
    descriptor.withLock { if $0 >= 0 { _ = Foundation.close($0) } }
  }

  /// Appends `bytes`, whole, after every line written before.
  func write(_ bytes: UnsafeRawBufferPointer) throws(EvaluationError) {
    let failure = descriptor.withLock { descriptor -> Int32? in
      descriptor >= 0 ? writeFully(descriptor, bytes) : EBADF
    }
    if let failure {
      throw EvaluationError(
        "cannot write journal \(url.path): \(String(cString: strerror(failure)))")
    }
  }

  /// Flushes what was written to disk when `synchronize`, and closes the file.
  func close(synchronize: Bool) throws(EvaluationError) {
    let failure = descriptor.withLock { descriptor -> Int32? in
      guard descriptor >= 0 else { return nil }
      defer {
        _ = Foundation.close(descriptor)
        descriptor = -1
      }
      if synchronize && fsync(descriptor) != 0 { return errno }
      return nil
    }
    if let failure {
      throw EvaluationError(
        "cannot write journal \(url.path): \(String(cString: strerror(failure)))")
    }
  }
}
