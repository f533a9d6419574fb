/// `history.csv`: one row per evaluation of every run — run, seed, index, architecture,
/// source, fitness, best fitness so far, the plotted metric of the best architecture so
/// far, wall and simulated seconds.
///
/// A best-so-far cell stays empty until the run has made an evaluation of its selection
/// source (AREA's proxy warm-up has none yet).
public enum HistoryCSV {
  /// The header line, with its newline.
  public static let header =
    "run,seed,index,arch,source,fitness,best_so_far,best_so_far_metric,wall_seconds,simulated_seconds\n"

  /// Appends the rows of run `run` (no header) to `text`.
  public static func appendRows(
    run: Int, _ outcome: RunOutcome, selection: FitnessSource, to text: inout ByteText
  ) {
    appendRows(run: run, outcome, selection: selection, to: &text, numbers: nil)
  }

  /// Appends the rows of run `run` (no header) to `text`, copying the texts of numbers
  /// that the journal wrote from its caches.
  static func appendRows(
    run: Int, _ outcome: RunOutcome, selection: FitnessSource, to text: inout ByteText,
    numbers: (cell: NumberTexts, run: NumberTexts)?
  ) {
    func append(_ value: Double, from cache: NumberTexts?, to text: inout ByteText) {
      if let cache { cache.appendCSV(value, to: &text) } else { text.appendCSVNumber(value) }
    }
    func write(_ value: Double, from cache: NumberTexts?, to row: inout ByteWriter) {
      if let cache { cache.writeCSV(value, to: &row) } else { row.write(CSVText.number(value)) }
    }
    var best = -Double.infinity
    var seen = false
    var prefix = ByteText()
    prefix.append("\(run),\(outcome.seed),")
    // The best fitness and the metric change rarely: their texts are made when they do.
    var bestText = ByteText()
    var metricText = ByteText()
    var metricValue = Double.nan
    let history = outcome.history
    // Fields are read in place: copying an entry retains and releases its texts.
    for position in history.indices {
      if history[position].source == selection {
        let previous = best
        best = seen ? max(best, history[position].fitness) : history[position].fitness
        if !seen || best.bitPattern != previous.bitPattern {
          bestText.removeAll()
          bestText.appendCSVNumber(best)
        }
        seen = true
      }
      var metric = Double.nan
      if seen, let values = outcome.bestSoFarMetric { metric = values[position] }
      if metric.bitPattern != metricValue.bitPattern {
        metricValue = metric
        metricText.removeAll()
        if !metric.isNaN { metricText.appendCSVNumber(metric) }
      }
      // An architecture's text needs no quotes (always, in the built-in spaces): the row is
      // written in one piece, as the appends below would write it.
      let written = history[position].architecture.utf8.withContiguousStorageIfAvailable {
        architecture in
        guard !ByteText.containsCSVSpecial(architecture) else { return false }
        let room = 160 + prefix.count + architecture.count + bestText.count + metricText.count
        prefix.withUnsafeBytes { prefixBytes in
          bestText.withUnsafeBytes { bestBytes in
            metricText.withUnsafeBytes { metricBytes in
              text.appendRow(maximumCount: room) { row in
                row.write(prefixBytes)
                row.write(history[position].index)
                row.write(ascii: ",")
                row.write(architecture)
                row.write(ascii: ",")
                row.write(literal: history[position].source.staticName)
                row.write(ascii: ",")
                write(history[position].fitness, from: numbers?.cell, to: &row)
                row.write(ascii: ",")
                if seen { row.write(bestBytes) }
                row.write(ascii: ",")
                row.write(metricBytes)
                row.write(ascii: ",")
                row.writeWallSeconds(history[position].wallSeconds)
                row.write(ascii: ",")
                write(history[position].simulatedSeconds, from: numbers?.run, to: &row)
                row.write(ascii: "\n")
              }
            }
          }
        }
        return true
      }
      if written == true { continue }
      text.append(bytes: prefix)
      text.append(history[position].index)
      text.append(ascii: ",")
      text.appendCSVField(history[position].architecture)
      text.append(ascii: ",")
      text.append(literal: history[position].source.staticName)
      text.append(ascii: ",")
      append(history[position].fitness, from: numbers?.cell, to: &text)
      text.append(ascii: ",")
      if seen { text.append(bytes: bestText) }
      text.append(ascii: ",")
      text.append(bytes: metricText)
      text.append(ascii: ",")
      text.appendWallSeconds(history[position].wallSeconds)
      text.append(ascii: ",")
      append(history[position].simulatedSeconds, from: numbers?.run, to: &text)
      text.append(ascii: "\n")
    }
  }

  /// The best-so-far curve of each run in the rows of a `history.csv` text, by run.
  public static func curves(_ text: String) throws(EvaluationError) -> [Int: [RunRecord.Point]] {
    var curves: [Int: [RunRecord.Point]] = [:]
    for (number, line) in text.split(separator: "\n").enumerated().dropFirst() {
      let f = CSVText.fields(line)
      guard f.count == 10, let run = Int(f[0]), let index = Int(f[2]),
        let simulated = CSVText.parseNumber(f[9])
      else { throw EvaluationError("history.csv:\(number + 1): malformed row") }
      if let value = CSVText.parseNumber(f[7]), value.isFinite {
        curves[run, default: []].append(
          RunRecord.Point(evaluations: index + 1, simulatedSeconds: simulated, value: value))
      } else if curves[run] == nil {
        curves[run] = []
      }
    }
    return curves
  }
}
