import Foundation
import Networks
import Proxies
import SearchSpace
import TabularBenchmarks

extension ScoringSpace {
  /// NAS-Bench-201: NB201 CIFAR networks, 15,625 cells, the NB201 CSV.
  static let nb201: ScoringSpace = {
    let space = NB201Space()
    return ScoringSpace(
      space: AnySearchSpace(space, summary: ""),
      inputKind: .images,
      builder: { text, classes throws(ArchitectureError) in
        let cell = try space.parse(text)
        return (cell.description, NetworkBuilder.nb201(cell, classes: classes))
      },
      allArchitectures: { _ in NB201Cell.all.map(\.description) },
      architecturesInTable: nil,
      loadMetrics: { url throws(EvaluationError) in
        let benchmark: NB201Benchmark
        do {
          benchmark = try NB201Benchmark(contentsOf: url)
        } catch {
          throw EvaluationError("\(error)")
        }
        return { text in
          guard let cell = try? space.parse(text) else { return [:] }
          return benchmark.metrics(for: cell)
        }
      },
      cost: { text, dataset in
        let shapes: [String: (NB201NetworkConfiguration, Int)] = [
          "cifar10": (.cifar10, 32), "cifar100": (.cifar100, 32), "imagenet16": (.imageNet16, 16),
        ]
        guard let (configuration, size) = shapes[dataset], let cell = try? space.parse(text),
          let cost = try? NB201NetworkCost(
            cell: cell, configuration: configuration, height: size, width: size)
        else { return nil }
        return (cost.parameters, Double(cost.flops) / 1e6)
      },
      datasets: ["cifar10", "cifar100", "imagenet16"])
  }()
}
