import Foundation
import NASTestSupport
import SearchSpace
import Testing

@testable import Proxies

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

  /// `proxy`'s scores of every sixth reference cell (37 of 217) on `batchSize` real
  /// CIFAR-10 training images (seed 1), beside NASLib's `naslibColumn` and validation
  /// accuracy of the same cells; expects every score to be valid.
  func everySixthCell(scoredBy proxy: any Proxy, batchSize: Int, naslibColumn: String) throws
    -> (mine: [Double], naslib: [Double], accuracy: [Double])
  {
    let indices = Array(stride(from: 0, to: rows.count, by: 6))
    let archs = strings("arch_str")
    let naslib = numbers(naslibColumn)
    let accuracy = numbers("val_accuracy")
    let images = try CIFARDataset(contentsOf: TestData.url("cifar10/cifar10_train_1864.bin"))
    let batch = try images.batch(size: batchSize, seed: 1)
    var mine: [Double] = []
    for index in indices {
      let cell = try NB201Cell(parsing: archs[index])
      let score = proxy.score(.nb201(cell), on: .images(batch), seed: 1)
      #expect(score.isValid, "\(archs[index]): \(score.failure ?? "")")
      mine.append(score.value)
    }
    return (mine, indices.map { naslib[$0] }, indices.map { accuracy[$0] })
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
