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
    guard let table = try? ReferenceRows.dataFile("nasbench101/nb101_reference_dev.csv"),
      let adjacency = table.index(of: "adjacency_rowmajor"),
      let operations = table.index(of: "ops"),
      let parameters = table.index(of: "params"), let flops = table.index(of: "flops")
    else { return [] }
    return table.rows.compactMap { fields -> NB101ReferenceRow? in
      guard
        let cell = try? NB101Cell(
          adjacencyRowMajor: fields[adjacency], operations: fields[operations]),
        let p = Double(fields[parameters]), let f = Double(fields[flops])
      else { return nil }
      return NB101ReferenceRow(cell: cell, parametersInMillions: p, flopsInMillions: f)
    }
  }()
}
