import Foundation

/// A CSV file read independently of nas-search's own code: RFC 4180 quoting, one header
/// line, every row as many fields as the header.
struct CSVFile {
  var header: [String]
  var rows: [[String]]

  init(path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var records: [[String]] = []
    var fields: [String] = []
    var field = ""
    var inQuotes = false
    var iterator = Array(text).makeIterator()
    var lookahead: Character?
    while let c = lookahead ?? iterator.next() {
      lookahead = nil
      if inQuotes {
        if c == "\"" {
          let next = iterator.next()
          if next == "\"" {
            field.append("\"")
          } else {
            inQuotes = false
            lookahead = next
          }
        } else {
          field.append(c)
        }
      } else if c == "\"" {
        inQuotes = true
      } else if c == "," {
        fields.append(field)
        field = ""
      } else if c == "\n" {
        fields.append(field)
        records.append(fields)
        fields = []
        field = ""
      } else {
        field.append(c)
      }
    }
    header = records.first ?? []
    rows = Array(records.dropFirst())
  }

  /// Column `name` of every row.
  func column(_ name: String) -> [String] {
    guard let index = header.firstIndex(of: name) else { return [] }
    return rows.map { $0[index] }
  }

  /// The field of column `name` in `row`, or nil when there is no such column.
  func field(_ row: [String], _ name: String) -> String? {
    header.firstIndex(of: name).map { row[$0] }
  }

  /// The number in column `name` of `row`, or nil.
  func number(_ row: [String], _ name: String) -> Double? { field(row, name).flatMap(Double.init) }

  /// The rows without column `name`, each joined by commas.
  func lines(without name: String) -> [String] {
    let index = header.firstIndex(of: name)
    return ([header] + rows).map { row in
      row.enumerated().filter { $0.offset != index }.map(\.element).joined(separator: ",")
    }
  }
}
