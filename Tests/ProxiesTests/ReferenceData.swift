import Foundation
import NASTestSupport

/// Rows of NASLib's `nb201_proxies_reference_dev.csv` for one dataset, read with a small
/// RFC 4180 splitter (the `naslib_arch` column is quoted and contains commas).
struct ProxyReference {
  var columns: [String]
  var rows: [[String]]

  init(dataset: String) throws {
    let text = try String(
      contentsOf: TestData.url("nasbench201/nb201_proxies_reference_dev.csv"), encoding: .utf8)
    var lines = text.split(whereSeparator: \.isNewline).map { ProxyReference.split(String($0)) }
    columns = lines.removeFirst()
    let datasetColumn = columns.firstIndex(of: "dataset") ?? 0
    rows = lines.filter { $0[datasetColumn] == dataset }
  }

  func strings(_ column: String) -> [String] {
    guard let index = columns.firstIndex(of: column) else { return [] }
    return rows.map { $0[index] }
  }

  func numbers(_ column: String) -> [Double] {
    strings(column).map { Double($0) ?? .nan }
  }

  static func split(_ line: String) -> [String] {
    var fields: [String] = []
    var field = ""
    var quoted = false
    for character in line {
      if character == "\"" {
        quoted.toggle()
      } else if character == "," && !quoted {
        fields.append(field)
        field = ""
      } else {
        field.append(character)
      }
    }
    fields.append(field)
    return fields
  }
}
