import Foundation
import NASTestSupport
import SearchSpace
import Testing

@testable import Proxies

/// Rows of NASLib's `nb201_proxies_reference_dev.csv` for one dataset.
struct ProxyReference {
  var table: ReferenceRows

  init(dataset: String) throws {
    table = try ReferenceRows.dataFile("nasbench201/nb201_proxies_reference_dev.csv")
      .filtered("dataset", equals: dataset)
  }

  /// `proxy`'s scores of every sixth reference cell (37 of 217) on `batchSize` real
  /// CIFAR-10 training images (seed 1), beside NASLib's `naslibColumn` and validation
  /// accuracy of the same cells; expects every score to be valid.
  func everySixthCell(scoredBy proxy: any Proxy, batchSize: Int, naslibColumn: String) throws
    -> (mine: [Double], naslib: [Double], accuracy: [Double])
  {
    let indices = Array(stride(from: 0, to: table.rows.count, by: 6))
    let archs = try table.requiredColumn("arch_str")
    let naslib = try table.numbers(naslibColumn)
    let accuracy = try table.numbers("val_accuracy")
    let batch = try ForwardFixtures.cifarBatch(size: batchSize, seed: 1)
    var mine: [Double] = []
    for index in indices {
      let cell = try NB201Cell(parsing: archs[index])
      let score = proxy.score(.nb201(cell), on: .images(batch), seed: 1)
      #expect(score.isValid, "\(archs[index]): \(score.failure ?? "")")
      mine.append(score.value)
    }
    return (mine, indices.map { naslib[$0] }, indices.map { accuracy[$0] })
  }
}
