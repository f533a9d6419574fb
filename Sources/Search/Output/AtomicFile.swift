import Foundation
import Synchronization
import TabularBenchmarks

/// Writes files so that a reader (or a crash) never sees half of one: the text goes to a
/// temporary file in the same directory, is flushed to disk, and is then renamed over the
/// target.
///
/// Result files are written once, at the end of an experiment, so the one `fsync` per
/// file costs a few milliseconds in all rather than one per run; ``AtomicFileBatch``
/// flushes several files at once.
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
    let batch = AtomicFileBatch()
    try batch.add(parts: parts, to: url)
    try batch.commit()
  }

  /// Flushes the directory entry of `directory` (the renames made in it) to disk.
  public static func synchronizeDirectory(_ directory: URL) {
    let descriptor = open(directory.path, O_RDONLY)
    guard descriptor >= 0 else { return }
    _ = fsync(descriptor)
    close(descriptor)
  }

  static func failure(_ url: URL, _ reason: String) -> EvaluationError {
    EvaluationError("cannot write \(url.path): \(reason)")
  }
}

/// Several files replaced at once, each as ``AtomicFile`` replaces one: every file is
/// written to a temporary file, then all are flushed to disk together, one thread each
/// (a disk's flush latency, often 10 ms or more, is paid about once rather than once per
/// file), and only then is each renamed over its target.
///
/// A batch that is not committed (an error, or dropped) removes its temporary files.
public final class AtomicFileBatch {
  /// A file written to its temporary name, still open.
  private struct Staged {
    var temporary: URL
    var target: URL
    var descriptor: Int32
  }

  private var staged: [Staged] = []

  /// An empty batch.
  public init() {}

  deinit { abandon() }

  /// Writes `parts`, one after the other, to a temporary file that replaces `url` when the
  /// batch is committed.
  public func add(parts: [ByteText], to url: URL) throws(EvaluationError) {
    let temporary = url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).\(getpid()).tmp")
    let descriptor = open(temporary.path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      abandon()
      throw AtomicFile.failure(url, "cannot create a temporary file")
    }
    staged.append(Staged(temporary: temporary, target: url, descriptor: descriptor))
    for part in parts {
      if let failure = part.withUnsafeBytes({ writeFully(descriptor, UnsafeRawBufferPointer($0)) })
      {
        abandon()
        throw AtomicFile.failure(url, String(cString: strerror(failure)))
      }
    }
  }

  /// Writes `text` to a temporary file that replaces `url` when the batch is committed.
  public func add(_ text: String, to url: URL) throws(EvaluationError) {
    var bytes = ByteText()
    bytes.append(text)
    try add(parts: [bytes], to: url)
  }

  /// Flushes every file to disk at once, together with `alongside` (such as another
  /// file's flush, each on a thread of its own), then renames each file over its target.
  ///
  /// No file is renamed unless every flush (and every `alongside`) succeeded.
  public func commit(alongside: [@Sendable () -> EvaluationError?] = []) throws(EvaluationError) {
    let flushes: [@Sendable () -> EvaluationError?] = staged.map { file in
      {
        fsync(file.descriptor) == 0
          ? nil : AtomicFile.failure(file.target, String(cString: strerror(errno)))
      }
    }
    let failures = Self.simultaneously(flushes + alongside)
    if let failure = failures.first(where: { $0 != nil }) ?? nil {
      abandon()
      throw failure
    }
    while !staged.isEmpty {
      let file = staged.removeFirst()
      close(file.descriptor)
      guard rename(file.temporary.path, file.target.path) == 0 else {
        let reason = String(cString: strerror(errno))
        unlink(file.temporary.path)
        abandon()
        throw AtomicFile.failure(file.target, reason)
      }
    }
  }

  /// Closes and removes the temporary files not yet renamed.
  private func abandon() {
    for file in staged {
      close(file.descriptor)
      unlink(file.temporary.path)
    }
    staged.removeAll()
  }

  /// Runs `jobs` at the same time, the first on this thread and each other on a thread of
  /// its own; returns their results in order.
  private static func simultaneously(_ jobs: [@Sendable () -> EvaluationError?])
    -> [EvaluationError?]
  {
    guard jobs.count > 1 else { return jobs.map { $0() } }
    let results = Mutex([EvaluationError?](repeating: nil, count: jobs.count))
    let group = DispatchGroup()
    for (index, job) in jobs.enumerated().dropFirst() {
      group.enter()
      Thread {
        let result = job()
        results.withLock { $0[index] = result }
        group.leave()
      }.start()
    }
    let first = jobs[0]()
    group.wait()
    return results.withLock { results in
      results[0] = first
      return results
    }
  }
}
