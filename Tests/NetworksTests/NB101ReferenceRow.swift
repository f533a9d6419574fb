import Foundation
import NASTestSupport
import SearchSpace

/// One row of `nasbench101/nb101_reference_dev.csv`: a cell with its trainable
/// parameters and FLOPs (both in millions, six decimals).
struct NB101ReferenceRow {
  var cell: NB101Cell
  var parametersInMillions: Double
  var flopsInMillions: Double

  /// Every row of the file, read once (empty without the reference data).
  static let all: [NB101ReferenceRow] = {
    guard let url = try? TestData.url("nasbench101/nb101_reference_dev.csv"),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else { return [] }
    // The file has CRLF line ends: "\r\n" is one Character, a newline.
    var lines = text.split(whereSeparator: \.isNewline).map(fields)
    guard !lines.isEmpty else { return [] }
    let header = lines.removeFirst()
    func column(_ name: String) -> Int { header.firstIndex(of: name) ?? -1 }
    let (adjacency, operations) = (column("adjacency_rowmajor"), column("ops"))
    let (parameters, flops) = (column("params"), column("flops"))
    return lines.compactMap { fields -> NB101ReferenceRow? in
      guard fields.count == header.count,
        let cell = try? NB101Cell(
          adjacencyRowMajor: fields[adjacency], operations: fields[operations]),
        let p = Double(fields[parameters]), let f = Double(fields[flops])
      else { return nil }
      return NB101ReferenceRow(cell: cell, parametersInMillions: p, flopsInMillions: f)
    }
  }()

  /// The comma-separated fields of `line`, where a double-quoted field may hold commas
  /// (the file's first column is a quoted tuple).
  private static func fields(_ line: Substring) -> [String] {
    var result: [String] = []
    var current = ""
    var quoted = false
    for character in line {
      switch character {
      case "\"": quoted.toggle()
      case "," where !quoted:
        result.append(current)
        current = ""
      default: current.append(character)
      }
    }
    result.append(current)
    return result
  }
}
