import Foundation
import Networks
import Proxies
import SearchSpace
import TabularBenchmarks

extension ScoringSpace {
  /// NAS-Bench-101: the benchmark's CIFAR-10 networks.
  ///
  /// Architectures are `ADJ:OPS` texts (``NB101Cell/text``), or the rows of a reference CSV given as `--archs`;
  /// metrics from a reference CSV (its columns) or the official TFRecord (the API's
  /// 108-epoch `query` keys, mean over the 3 repeats). Too large for `--all`.
  static let nb101: ScoringSpace = {
    let space = NB101Space()
    return ScoringSpace(
      space: AnySearchSpace(space, summary: ""),
      inputKind: .images,
      builder: { text, classes throws(ArchitectureError) in
        let cell = try space.parse(text)
        return (cell.text, NetworkBuilder.nb101(cell, classes: classes))
      },
      allArchitectures: nil,
      architecturesInTable: { url throws(EvaluationError) in
        do throws(TableError) {
          return try NB101SubsetTable(contentsOf: url).cells.map(\.text)
        } catch {
          throw EvaluationError(error.description)
        }
      },
      loadMetrics: { url throws(EvaluationError) in
        let table = try NB101MetricTable(contentsOf: url)
        return { text in
          guard let cell = try? NB101Cell(parsing: text) else { return [:] }
          return table.metrics(for: cell)
        }
      },
      cost: { text, dataset in
        guard dataset == "cifar10", let cell = try? space.parse(text),
          let cost = try? NB101NetworkCost(cell: cell)
        else { return nil }
        return (cost.parameters, Double(cost.flops) / 1e6)
      },
      datasets: ["cifar10"])
  }()
}
