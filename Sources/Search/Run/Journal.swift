import Foundation

/// The append-only record of an experiment's evaluations, one JSON object per line, each
/// carrying its run index, written as evaluations finish so that a killed experiment
/// loses almost nothing.
///
/// A run's evaluations are followed by an end line (`{"run":R,"end":"budget",...}`).
/// Resuming replays each run from its seed and answers its evaluations from the journal
/// until they are exhausted; strategies are deterministic given their evaluations, so
/// the resumed run reaches exactly the state the interrupted one had.
///
/// A run whose evaluations are all lookups (``RunSpecification/recomputesExactly``) has no
/// evaluation lines: they would cost more than the lookups they save. Its end line also
/// holds its evaluation count, simulated seconds and the wall time of each evaluation
/// (`"walls_us":[130,237,...]`, whole microseconds). Resuming computes such a run again
/// with those wall times and checks the count and seconds, so a table that changed since
/// is an error; a run that had not ended is computed from the start.
public final class Journal {
  /// The journal file.
  public var url: URL { file.url }
  /// The open file, shared with the writers made by ``writer()``.
  private let file: JournalFile
  /// Lines not yet written: evaluations are written in batches at most `flushInterval`
  /// apart (or sooner, once ``flushBytes`` are pending), so a kill loses at most that much
  /// work and no run pays for a write of its own.
  private var pending = ByteText()
  /// The pending bytes that trigger a write: fast searches make megabytes a second, and a
  /// small buffer that is reused costs less than one that grows to the whole journal.
  static let flushBytes = 1 << 16
  private var lastFlush = ContinuousClock.now
  /// When the pending lines must be written at the latest: `lastFlush + flushInterval`.
  private var deadline = ContinuousClock.now.advanced(by: .milliseconds(200))
  /// The texts of the fitness and cost values written so far (cells come back, within a
  /// run and across runs), which `history.csv` copies too.
  let cellNumbers = NumberTexts(bits: 14)
  /// The texts of the simulated seconds of the latest evaluations.
  ///
  /// They are new numbers each time, which `history.csv` copies once its run is over. Wall
  /// seconds are written in fixed point (``WallSeconds``), which needs no cache.
  let runNumbers = NumberTexts(bits: 10)
  /// The longest time an evaluation waits in memory before reaching the file.
  public var flushInterval: Duration = .milliseconds(200) {
    didSet { deadline = lastFlush.advanced(by: flushInterval) }
  }

  /// Opens `url` for appending, creating it when absent.
  public convenience init(url: URL) throws(EvaluationError) {
    self.init(file: try JournalFile(url: url))
  }

  private init(file: JournalFile) {
    self.file = file
  }

  /// Another journal of the same file, with buffers of its own, for runs computed on
  /// another thread: each writes whole lines, so their lines interleave but never mix.
  ///
  /// Give it its own thread; flush it before the journal it came from is closed.
  func writer() -> Journal {
    let writer = Journal(file: file)
    writer.flushInterval = flushInterval
    return writer
  }

  /// Appends one evaluation of run `run`.
  public func append(_ entry: HistoryEntry, run: Int) throws(EvaluationError) {
    Journal.encode(
      entry, run: run, into: &pending, cellNumbers: cellNumbers, runNumbers: runNumbers)
    if pending.count >= Self.flushBytes || ContinuousClock.now >= deadline { try flush() }
  }

  /// Records that run `run` ended, why, and its wall time.
  public func end(run: Int, stopReason: StopReason, wallSeconds: Double) throws(EvaluationError) {
    pending.appendRow(maximumCount: 96 + stopReason.rawValue.utf8.count) { line in
      Self.writeEnd(run: run, stopReason: stopReason, wallSeconds: wallSeconds, to: &line)
      line.write(literal: "\"}\n")
    }
    if ContinuousClock.now >= deadline { try flush() }
  }

  /// Writes the start of an end line: `{"run":R,"end":"reason","wall":"seconds`.
  private static func writeEnd(
    run: Int, stopReason: StopReason, wallSeconds: Double, to line: inout ByteWriter
  ) {
    line.write(literal: "{\"run\":")
    line.write(run)
    line.write(literal: ",\"end\":\"")
    line.write(stopReason.rawValue)
    line.write(literal: "\",\"wall\":\"")
    line.writeWallSeconds(wallSeconds)
  }

  /// Records that run `run`, whose evaluations were not journaled one by one, ended: why,
  /// its wall time, and its evaluations' count, simulated seconds and wall times.
  public func end(
    run: Int, stopReason: StopReason, wallSeconds: Double, evaluations history: [HistoryEntry]
  ) throws(EvaluationError) {
    let simulated = history.last?.simulatedSeconds ?? 0
    // A wall time is at most 16 digits and a comma.
    let room = 200 + stopReason.rawValue.utf8.count + 17 * history.count
    pending.appendRow(maximumCount: room) { line in
      Self.writeEnd(run: run, stopReason: stopReason, wallSeconds: wallSeconds, to: &line)
      line.write(literal: "\",\"evaluations\":")
      line.write(history.count)
      line.write(literal: ",\"simulated\":\"")
      line.write(simulated.description)
      line.write(literal: "\",\"walls_us\":[")
      for (position, entry) in history.enumerated() {
        if position > 0 { line.write(ascii: ",") }
        line.write(WallSeconds.microseconds(entry.wallSeconds))
      }
      line.write(literal: "]}\n")
    }
    if pending.count >= Self.flushBytes || ContinuousClock.now >= deadline { try flush() }
  }

  /// Writes every pending line to the file.
  public func flush() throws(EvaluationError) {
    lastFlush = ContinuousClock.now
    deadline = lastFlush.advanced(by: flushInterval)
    guard !pending.isEmpty else { return }
    let failure = pending.withUnsafeBytes { bytes -> EvaluationError? in
      do throws(EvaluationError) {
        try file.write(UnsafeRawBufferPointer(bytes))
        return nil
      } catch {
        return error
      }
    }
    if let failure { throw failure }
    pending.removeAll()
  }

  /// Writes what is pending, flushes the file to disk when `synchronize`, and closes it
  /// (for every writer of the file: close after they have flushed).
  public func close(synchronize: Bool = false) throws(EvaluationError) {
    try flush()
    try file.close(synchronize: synchronize)
  }

  /// Writes what is pending and returns the rest of ``close(synchronize:)``: flushing the
  /// file to disk and closing it, for ``AtomicFileBatch/commit(alongside:)`` to run beside
  /// the result files' flushes.
  func closingFlush() throws(EvaluationError) -> @Sendable () -> EvaluationError? {
    try flush()
    let file = self.file
    return {
      do throws(EvaluationError) {
        try file.close(synchronize: true)
        return nil
      } catch {
        return error
      }
    }
  }

  /// What a journal file holds: each run's evaluations and the end of each finished run.
  public struct Contents: Sendable {
    /// Evaluations by run index, in order.
    public var entries: [Int: [HistoryEntry]] = [:]
    /// Finished runs: why each stopped and its wall time.
    public var ends: [Int: (stopReason: StopReason, wallSeconds: Double)] = [:]
    /// Finished runs whose evaluations were not journaled one by one, by run index.
    public var wholeRuns: [Int: WholeRun] = [:]
    /// The complete lines, each with its newline (a torn last line is left out).
    public var text = ""
  }

  /// What the end line of a run without evaluation lines records of its evaluations.
  public struct WholeRun: Sendable, Equatable {
    /// Each evaluation's wall seconds since the run started, in order.
    public var wallSeconds: [Double]
    /// The simulated seconds after the last evaluation.
    public var simulatedSeconds: Double
  }

  /// Reads `url`; a missing file is an empty journal, and a torn last line (the process
  /// died while writing it) is dropped.
  public static func read(_ url: URL) throws(EvaluationError) -> Contents {
    var contents = Contents()
    guard FileManager.default.fileExists(atPath: url.path) else { return contents }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw EvaluationError("cannot read journal \(url.path): \(error.localizedDescription)")
    }
    let text = String(decoding: data, as: UTF8.self)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last == "" {
      lines.removeLast()
    } else if !lines.isEmpty {
      lines.removeLast()  // A last line without its newline is a torn write.
    }
    for (number, line) in lines.enumerated() {
      func bad(_ why: String) -> EvaluationError {
        EvaluationError("\(url.path):\(number + 1): \(why)")
      }
      guard let object = object(String(line)), let run = object["run"] as? Int else {
        throw bad("not a journal line")
      }
      if contents.ends[run] != nil { throw bad("run \(run) continues after its end") }
      if let end = object["end"] as? String {
        guard let reason = StopReason(rawValue: end),
          let wall = (object["wall"] as? String).flatMap(Double.init)
        else { throw bad("not a journal line") }
        contents.ends[run] = (reason, wall)
        if object["walls_us"] != nil {
          guard contents.entries[run] == nil, let whole = wholeRun(object) else {
            throw bad("not the end of a run without evaluation lines")
          }
          contents.wholeRuns[run] = whole
        }
      } else {
        let expected = contents.entries[run]?.count ?? 0
        guard let entry = decode(object), entry.index == expected else {
          throw bad("not a journal entry (expected entry \(expected) of run \(run))")
        }
        contents.entries[run, default: []].append(entry)
      }
      contents.text += line
      contents.text += "\n"
    }
    return contents
  }

  /// Appends the line of `entry` (with its newline) to `text`.
  static func encode(
    _ entry: HistoryEntry, run: Int, into text: inout ByteText, cellNumbers: NumberTexts,
    runNumbers: NumberTexts
  ) {
    // Numbers are strings so that -inf survives and every Double reads back exactly (wall
    // seconds: the whole microseconds the run keeps). An architecture needs no escapes in
    // the built-in spaces, so its bytes are written as they are unless it does.
    let architecture = entry.architecture
    let plain =
      architecture.utf8.withContiguousStorageIfAvailable { !ByteText.containsJSONSpecial($0) }
      ?? false
    let quotedArchitecture = plain ? nil : Self.quoted(architecture)
    let quotedReason = entry.failureReason.map(Self.quoted)
    let room =
      384 + (quotedArchitecture ?? architecture).utf8.count + (quotedReason?.utf8.count ?? 0)
    text.appendRow(maximumCount: room) { line in
      line.write(literal: "{\"run\":")
      line.write(run)
      line.write(literal: ",\"index\":")
      line.write(entry.index)
      line.write(literal: ",\"arch\":")
      if let quotedArchitecture {
        line.write(quotedArchitecture)
      } else {
        line.write(ascii: "\"")
        line.write(architecture)
        line.write(ascii: "\"")
      }
      line.write(literal: ",\"source\":\"")
      line.write(literal: entry.source.staticName)
      line.write(literal: "\",\"fitness\":\"")
      cellNumbers.write(entry.fitness, to: &line)
      line.write(literal: "\",\"cost\":\"")
      cellNumbers.write(entry.simulatedCost, to: &line)
      line.write(literal: "\",\"wall\":\"")
      line.writeWallSeconds(entry.wallSeconds)
      line.write(literal: "\",\"simulated\":\"")
      runNumbers.write(entry.simulatedSeconds, to: &line)
      line.write(ascii: "\"")
      if let quotedReason {
        line.write(literal: ",\"failure\":")
        line.write(quotedReason)
      }
      line.write(literal: "}\n")
    }
  }

  /// `text` as a JSON string, quotes included.
  private static func quoted(_ text: String) -> String {
    var quoted = ""
    JSONValue.quote(text, into: &quoted)
    return quoted
  }

  private static func object(_ line: String) -> [String: Any]? {
    guard let data = line.data(using: .utf8) else { return nil }
    return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
  }

  /// The evaluations recorded on the end line of a run without evaluation lines.
  private static func wholeRun(_ object: [String: Any]) -> WholeRun? {
    guard let count = object["evaluations"] as? Int,
      let simulated = (object["simulated"] as? String).flatMap(Double.init),
      let micros = object["walls_us"] as? [Any], micros.count == count
    else { return nil }
    var walls: [Double] = []
    walls.reserveCapacity(count)
    for value in micros {
      // Whole microseconds below 2^53 convert exactly.
      guard let microseconds = value as? Int, microseconds >= 0, microseconds < 1 << 53 else {
        return nil
      }
      walls.append(Double(microseconds) / 1e6)
    }
    return WholeRun(wallSeconds: walls, simulatedSeconds: simulated)
  }

  private static func decode(_ object: [String: Any]) -> HistoryEntry? {
    guard let index = object["index"] as? Int, let arch = object["arch"] as? String,
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
