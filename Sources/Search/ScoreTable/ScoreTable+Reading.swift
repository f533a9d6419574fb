import Foundation
import SearchSpace

extension ScoreTable {
  /// Reads a score table; a torn last line (an interrupted writer) is dropped when
  /// `allowTornLastLine`, otherwise every malformed line is an error naming the file
  /// and line.
  public static func read(_ url: URL, allowTornLastLine: Bool = false) throws(EvaluationError)
    -> ScoreTable
  {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw EvaluationError(
        "\(url.path): cannot read score table (\(plainReason(of: error)))")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw EvaluationError("\(url.path): not UTF-8 text: expected a score table CSV")
    }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let complete = text.hasSuffix("\n")
    if lines.last == "" { lines.removeLast() }
    guard lines.count >= 2, lines[0].hasPrefix("# nas-search score table:") else {
      throw EvaluationError(
        "\(url.path):1: expected the header '# nas-search score table: ...' (write tables with 'nas-search score')"
      )
    }
    guard lines[1] == columnHeader else {
      throw EvaluationError("\(url.path):2: expected the column header '\(columnHeader)'")
    }
    var metadata: [(key: String, value: String)] = []
    for pair in lines[0].dropFirst("# nas-search score table:".count).split(separator: " ") {
      let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2 else {
        throw EvaluationError("\(url.path):1: expected key=value pairs, found '\(pair)'")
      }
      metadata.append((parts[0], parts[1]))
    }
    // Every line the writer writes ends in a newline: a last line without one is torn,
    // even when what is left of it happens to parse (a truncated number still does).
    if !complete && lines.count > 2 {
      guard allowTornLastLine else {
        throw EvaluationError(
          "\(url.path):\(lines.count): incomplete last line (the writer was interrupted)")
      }
      lines.removeLast()
    }
    var rows: [Row] = []
    for number in 2..<lines.count {
      guard let row = parse(lines[number]) else {
        throw EvaluationError(
          "\(url.path):\(number + 1): expected 'arch,score,seconds,failure' with numeric score and seconds"
        )
      }
      rows.append(row)
    }
    return ScoreTable(metadata: metadata, rows: rows)
  }

  /// Parses one data line (RFC 4180 quoting), or nil when malformed.
  static func parse(_ line: String) -> Row? {
    var fields: [String] = []
    var field = ""
    var quoted = false
    var iterator = Array(line).makeIterator()
    var pending: Character? = iterator.next()
    while let character = pending {
      pending = iterator.next()
      if quoted {
        if character == "\"" {
          if pending == "\"" {
            field.append("\"")
            pending = iterator.next()
          } else {
            quoted = false
          }
        } else {
          field.append(character)
        }
      } else if character == "\"" && field.isEmpty {
        quoted = true
      } else if character == "," {
        fields.append(field)
        field = ""
      } else {
        field.append(character)
      }
    }
    guard !quoted else { return nil }
    fields.append(field)
    guard fields.count == 4, !fields[0].isEmpty, let score = number(fields[1]),
      let seconds = number(fields[2]), !score.isNaN, seconds >= 0
    else { return nil }
    return Row(
      architecture: fields[0], score: score, seconds: seconds,
      failure: fields[3].isEmpty ? nil : fields[3])
  }

  private static func number(_ text: String) -> Double? {
    switch text {
    case "-inf": -.infinity
    case "inf": .infinity
    default: Double(text)
    }
  }
}
