import Foundation
import Networks
import Proxies
import SearchSpace
import TabularBenchmarks

/// What scoring needs to know about a space, from architecture text: how to build the
/// network, what data its networks take, every architecture (for `--all`), and how to
/// look metrics up in the space's benchmark file.
public struct ScoringSpace: Sendable {
  /// The space.
  public let space: AnySearchSpace
  /// The canonical text and network builder of an architecture's text.
  public let builder:
    @Sendable (String, _ classes: Int) throws(ArchitectureError) -> (String, NetworkBuilder)
  /// Every architecture of the space in a fixed order, when it is small enough to list.
  public let allArchitectures: (@Sendable () -> [String])?
  /// Loads a benchmark file into a lookup from canonical text to metrics.
  public let loadMetrics:
    @Sendable (URL) throws(EvaluationError) -> @Sendable (String) -> [String: Double]
  /// The network's trainable parameters and FLOPs (millions, the benchmark's convention)
  /// for a dataset name; nil when the dataset is unknown for the space.
  public let cost: @Sendable (String, _ dataset: String) -> (parameters: Int, megaFLOPs: Double)?
  /// The datasets ``cost`` knows.
  public let datasets: [String]

  /// The adapter for the space called `name`.
  public static func named(_ name: String) -> ScoringSpace? {
    switch name {
    case "nb201": nb201
    default: nil
    }
  }

  /// NAS-Bench-201: NB201 CIFAR networks, 15,625 cells, the NB201 CSV.
  static let nb201: ScoringSpace = {
    let space = NB201Space()
    return ScoringSpace(
      space: AnySearchSpace(space, summary: ""),
      builder: { text, classes throws(ArchitectureError) in
        let cell = try space.parse(text)
        return (cell.description, NetworkBuilder.nb201(cell, classes: classes))
      },
      allArchitectures: { NB201Cell.all.map(\.description) },
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
