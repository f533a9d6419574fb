import Foundation

/// The append-only record of a run's evaluations, one JSON object per line, written as
/// each evaluation finishes so that a killed run loses nothing.
///
/// Resuming replays the run from its seed and answers each evaluation from the journal
/// until it is exhausted; strategies are deterministic given their evaluations, so the
/// resumed run reaches exactly the state the interrupted one had.
public final class Journal {
  /// The journal file.
  public let url: URL
  private let handle: FileHandle
  /// Lines not yet written: cheap evaluations (table lookups) are written in batches,
  /// at most `flushInterval` apart, so a kill loses at most that much work.
  private var pending = ""
  private var lastFlush = ContinuousClock.now
  /// The longest time an evaluation waits in memory before reaching the file.
  public var flushInterval: Duration = .milliseconds(200)

  /// Opens `url` for appending, creating it when absent.
  public init(url: URL) throws(EvaluationError) {
    self.url = url
    let fm = FileManager.default
    if !fm.fileExists(atPath: url.path) {
      guard fm.createFile(atPath: url.path, contents: nil) else {
        throw EvaluationError("cannot create journal \(url.path)")
      }
    }
    do {
      handle = try FileHandle(forWritingTo: url)
      try handle.seekToEnd()
    } catch {
      throw EvaluationError("cannot open journal \(url.path): \(error.localizedDescription)")
    }
  }

  /// Appends one entry as a line (written at once when the last write is older than
  /// ``flushInterval``).
  public func append(_ entry: HistoryEntry) throws(EvaluationError) {
    pending += Journal.encode(entry)
    pending += "\n"
    if ContinuousClock.now - lastFlush >= flushInterval { try flush() }
  }

  /// Writes every pending line to the file.
  public func flush() throws(EvaluationError) {
    lastFlush = ContinuousClock.now
    guard !pending.isEmpty else { return }
    do {
      try handle.write(contentsOf: Data(pending.utf8))
      pending = ""
    } catch {
      throw EvaluationError("cannot write journal \(url.path): \(error.localizedDescription)")
    }
  }

  /// Writes what is pending and closes the file.
  public func close() throws(EvaluationError) {
    try flush()
    try? handle.close()
  }

  /// Reads the entries of `url`; a missing file is an empty journal, and a torn last
  /// line (the process died while writing it) is dropped.
  public static func read(_ url: URL) throws(EvaluationError) -> [HistoryEntry] {
    guard FileManager.default.fileExists(atPath: url.path) else { return [] }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw EvaluationError("cannot read journal \(url.path): \(error.localizedDescription)")
    }
    let text = String(decoding: data, as: UTF8.self)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" {
      lines.removeLast()
    } else if !lines.isEmpty {
      lines.removeLast()  // A last line without its newline is a torn write.
    }
    var entries: [HistoryEntry] = []
    for (number, line) in lines.enumerated() {
      guard let entry = decode(line), entry.index == entries.count else {
        throw EvaluationError(
          "\(url.path):\(number + 1): not a journal entry (expected entry \(entries.count))")
      }
      entries.append(entry)
    }
    return entries
  }

  static func encode(_ entry: HistoryEntry) -> String {
    // Numbers are strings so that -inf survives and every Double reads back exactly.
    var line = "{\"index\":\(entry.index),\"arch\":"
    JSONValue.quote(entry.architecture, into: &line)
    line += ",\"source\":\"\(entry.source.rawValue)\",\"fitness\":\"\(entry.fitness)\""
    line += ",\"cost\":\"\(entry.simulatedCost)\",\"wall\":\"\(entry.wallSeconds)\""
    line += ",\"simulated\":\"\(entry.simulatedSeconds)\""
    if let reason = entry.failureReason {
      line += ",\"failure\":"
      JSONValue.quote(reason, into: &line)
    }
    return line + "}"
  }

  static func decode(_ line: String) -> HistoryEntry? {
    guard let data = line.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let index = object["index"] as? Int, let arch = object["arch"] as? String,
      let sourceText = object["source"] as? String,
      let source = FitnessSource(rawValue: sourceText),
      let fitness = (object["fitness"] as? String).flatMap(Double.init),
      let cost = (object["cost"] as? String).flatMap(Double.init),
      let wall = (object["wall"] as? String).flatMap(Double.init),
      let simulated = (object["simulated"] as? String).flatMap(Double.init)
    else { return nil }
    return HistoryEntry(
      index: index, architecture: arch, source: source, fitness: fitness, simulatedCost: cost,
      wallSeconds: wall, simulatedSeconds: simulated, failureReason: object["failure"] as? String)
  }
}
