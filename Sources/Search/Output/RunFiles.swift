import Foundation

/// The files of one run's output directory: `journal.jsonl` (every evaluation as it
/// happens, for `--resume`), then `result.json` and `history.csv`, written atomically.
public struct RunFiles: Sendable {
  /// The run's directory.
  public let directory: URL

  /// The files in `directory`.
  public init(directory: URL) {
    self.directory = directory
  }

  /// The append-only evaluation journal.
  public var journalURL: URL { directory.appendingPathComponent("journal.jsonl") }
  /// The run's result.
  public var resultURL: URL { directory.appendingPathComponent("result.json") }
  /// One row per evaluation.
  public var historyURL: URL { directory.appendingPathComponent("history.csv") }

  /// Creates the directory if needed.
  public func prepare() throws(EvaluationError) {
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw EvaluationError(
        "cannot create \(directory.path): \((error as NSError).localizedDescription)")
    }
  }

  /// Whether the run already has a journal or a result.
  public var hasStarted: Bool {
    FileManager.default.fileExists(atPath: journalURL.path)
      || FileManager.default.fileExists(atPath: resultURL.path)
  }

  /// Writes `result.json` and `history.csv` for `outcome`.
  public func write(_ outcome: RunOutcome, config: JSONValue) throws(EvaluationError) {
    try AtomicFile.write(
      RunFiles.resultJSON(outcome, config: config).prettyText + "\n", to: resultURL)
    try AtomicFile.write(RunFiles.historyCSV(outcome), to: historyURL)
  }

  /// The `result.json` object.
  public static func resultJSON(_ outcome: RunOutcome, config: JSONValue) -> JSONValue {
    var best: JSONValue = .null
    if let entry = outcome.best {
      best = .object([
        ("arch", .string(entry.architecture)),
        ("fitness", .number(entry.fitness)),
        ("fitness_source", .string(entry.source.rawValue)),
        ("proxy_score", outcome.bestProxyScore.map(JSONValue.number) ?? .null),
        ("found_at_evaluation", .int(entry.index)),
        ("metrics", .object(outcome.bestMetrics.map { ($0.name, .number($0.value)) })),
      ])
    }
    return .object([
      ("config", config),
      ("seed", .string(String(outcome.seed))),
      ("strategy", .string(outcome.strategy)),
      ("best", best),
      ("evaluations", .int(outcome.usage.evaluations)),
      ("wall_seconds", .number(outcome.usage.wallSeconds)),
      ("simulated_seconds", .number(outcome.usage.simulatedSeconds)),
      ("stopped_by", .string(outcome.stopReason.rawValue)),
    ])
  }

  /// The `history.csv` text.
  public static func historyCSV(_ outcome: RunOutcome) -> String {
    var lines = [
      "index,arch,source,fitness,best_so_far,best_so_far_metric,wall_seconds,simulated_seconds"
    ]
    var best = -Double.infinity
    var seen = false
    let selection = outcome.best?.source
    for (position, entry) in outcome.history.enumerated() {
      if entry.source == selection {
        best = seen ? max(best, entry.fitness) : entry.fitness
        seen = true
      }
      let metric = outcome.bestSoFarMetric.map { CSVText.number($0[position]) } ?? ""
      lines.append(
        [
          String(entry.index), CSVText.field(entry.architecture), entry.source.rawValue,
          CSVText.number(entry.fitness), seen ? CSVText.number(best) : "", metric,
          CSVText.number(entry.wallSeconds), CSVText.number(entry.simulatedSeconds),
        ].joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
