/// `runs.csv`: one row per run of an experiment.
///
/// Columns: run, seed, the best architecture, its fitness and proxy score, every
/// benchmark column of it, evaluations, simulated and wall seconds, and why the run
/// stopped. Plain CSV with one header line (`pandas.read_csv` reads it).
public enum RunsCSV {
  /// The columns before the metrics.
  static let leading = ["run", "seed", "best_arch", "fitness", "proxy_score"]
  /// The columns after the metrics.
  static let trailing = ["evaluations", "simulated_seconds", "wall_seconds", "stopped_by"]

  /// The metric columns of `records`: every name, in the order first met.
  static func metricNames(_ records: [RunRecord]) -> [String] {
    var names: [String] = []
    var seen = Set<String>()
    var previous: [String] = []
    for record in records {
      // Runs of one experiment report the same columns: a record whose names are the
      // previous record's adds none (and comparing is cheaper than hashing each).
      guard !record.metrics.lazy.map(\.name).elementsEqual(previous) else { continue }
      previous = record.metrics.map(\.name)
      for (name, _) in record.metrics where seen.insert(name).inserted { names.append(name) }
    }
    return names
  }

  /// The file's text; a missing value is an empty cell.
  public static func text(_ records: [RunRecord]) -> String {
    let names = metricNames(records)
    var text = ByteText()
    text.append((leading + names.map(CSVText.field) + trailing).joined(separator: ","))
    text.append(ascii: "\n")
    func number(_ value: Double?) {
      if let value { text.appendCSVNumber(value) }
    }
    for record in records {
      text.append(record.run)
      text.append(ascii: ",")
      text.append(record.seed)
      text.append(ascii: ",")
      if let architecture = record.bestArchitecture { text.appendCSVField(architecture) }
      text.append(ascii: ",")
      number(record.fitness)
      text.append(ascii: ",")
      number(record.proxyScore)
      // Records list their metrics in the columns' order (one table): read them by
      // position, by name only when they do not.
      let aligned =
        record.metrics.count == names.count
        && zip(record.metrics, names).allSatisfy { $0.name == $1 }
      for (position, name) in names.enumerated() {
        text.append(ascii: ",")
        number(aligned ? record.metrics[position].value : record.metric(name))
      }
      text.append(ascii: ",")
      text.append(record.evaluations)
      text.append(ascii: ",")
      text.appendCSVNumber(record.simulatedSeconds)
      text.append(ascii: ",")
      text.appendWallSeconds(record.wallSeconds)
      text.append(ascii: ",")
      text.append(record.stoppedBy)
      text.append(ascii: "\n")
    }
    return text.text
  }

  /// Reads the records of a `runs.csv` text (without curves).
  public static func records(_ text: String) throws(EvaluationError) -> [RunRecord] {
    let lines = text.split(separator: "\n")
    guard let headerLine = lines.first else { throw EvaluationError("runs.csv is empty") }
    let header = CSVText.fields(headerLine)
    guard header.count >= leading.count + trailing.count,
      Array(header.prefix(leading.count)) == leading,
      Array(header.suffix(trailing.count)) == trailing
    else { throw EvaluationError("runs.csv: unexpected header") }
    let names = Array(header.dropFirst(leading.count).dropLast(trailing.count))
    var records: [RunRecord] = []
    for (number, line) in lines.dropFirst().enumerated() {
      let f = CSVText.fields(line)
      func value(_ text: String) -> Double? { text.isEmpty ? nil : CSVText.parseNumber(text) }
      let tail = f.count - trailing.count
      guard f.count == header.count, let run = Int(f[0]), let seed = UInt64(f[1]),
        let evaluations = Int(f[tail]), let simulated = value(f[tail + 1]),
        let wall = value(f[tail + 2])
      else { throw EvaluationError("runs.csv:\(number + 2): malformed row") }
      var metrics: [(name: String, value: Double)] = []
      for (offset, name) in names.enumerated() {
        if let v = value(f[leading.count + offset]) { metrics.append((name, v)) }
      }
      records.append(
        RunRecord(
          run: run, seed: seed, bestArchitecture: f[2].isEmpty ? nil : f[2], fitness: value(f[3]),
          proxyScore: value(f[4]), metrics: metrics, evaluations: evaluations,
          simulatedSeconds: simulated, wallSeconds: wall, stoppedBy: f[tail + 3]))
    }
    return records
  }
}
