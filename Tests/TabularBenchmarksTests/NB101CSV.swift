import Foundation
import NASTestSupport

/// Reads the reference CSVs for the NB101 table tests (quoted fields, CRLF or LF).
enum NB101CSV {
  /// The rows of a reference CSV as dictionaries from column name to field.
  static func rows(of relativePath: String) throws -> [[String: String]] {
    let text = try String(contentsOf: TestData.url(relativePath), encoding: .utf8)
    var records: [[String]] = []
    var fields: [String] = []
    var field = ""
    var quoted = false
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": quoted.toggle()
      case "," where !quoted:
        fields.append(field)
        field = ""
      case "\r" where !quoted: continue
      case "\n" where !quoted:
        fields.append(field)
        records.append(fields)
        fields = []
        field = ""
      default: field.unicodeScalars.append(scalar)
      }
    }
    if !field.isEmpty || !fields.isEmpty {
      fields.append(field)
      records.append(fields)
    }
    guard let header = records.first else { return [] }
    return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
  }
}
