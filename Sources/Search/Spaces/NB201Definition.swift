import Foundation
import Networks
import Proxies
import SearchSpace
import TabularBenchmarks

/// NAS-Bench-201 (Dong & Yang, ICLR 2020): the 15,625 cells, their CIFAR networks, the
/// NB201 CSV tables (the 200-epoch table and the 12-epoch one a search's fitness reads).
public struct NB201Definition: SpaceDefinition {
  /// The cell space.
  public let space = NB201Space()
  /// For `nas-search list`.
  public let summary = "NAS-Bench-201: 4-node cell, 6 edges, 5 ops, 15,625 cells"
  /// CIFAR-10/100 and ImageNet16-120 classifiers.
  public let networkInput: ProxyInput.Kind? = .images

  /// Creates the definition.
  public init() {}

  /// The NB201 CIFAR network with `classes` outputs.
  public func network(for architecture: NB201Cell, classes: Int) -> NetworkBuilder? {
    NetworkBuilder.nb201(architecture, classes: classes)
  }

  /// Epsilon's constants for NB201 (egracheva/epsinas: 1e-7 and 1).
  public func proxyDefaults(for proxy: String) -> ProxyOptions {
    proxy == "epsilon" ? EpsilonConstants.nb201.options : ProxyOptions()
  }

  /// All 15,625 cells in the benchmark's index order.
  public func allArchitectures(benchmark: URL?) throws(EvaluationError) -> [NB201Cell]? {
    NB201Cell.all
  }

  /// The NB201 CSV (the 200-epoch or the 12-epoch table).
  public func benchmark(at url: URL) throws(EvaluationError) -> BenchmarkMetrics<NB201Cell>? {
    let table: NB201Benchmark
    do {
      table = try NB201Benchmark(contentsOf: url, cacheDirectory: TableCacheDirectory.resolve())
    } catch {
      throw EvaluationError(error.description)
    }
    return BenchmarkMetrics(file: url.lastPathComponent, columns: table.columnNames) { cell in
      table.contains(cell) ? table.metrics(for: cell) : nil
    }
  }

  /// The datasets of the benchmark's networks.
  public let datasets = ["cifar10", "cifar100", "imagenet16"]

  /// Parameters and MFLOPs of the dataset's network (32×32 or 16×16 inputs).
  public func cost(of architecture: NB201Cell, dataset: String) -> NetworkCostSummary? {
    let shapes: [String: (NB201NetworkConfiguration, Int)] = [
      "cifar10": (.cifar10, 32), "cifar100": (.cifar100, 32), "imagenet16": (.imageNet16, 16),
    ]
    guard let (configuration, size) = shapes[dataset],
      let cost = try? NB201NetworkCost(
        cell: architecture, configuration: configuration, height: size, width: size)
    else { return nil }
    return NetworkCostSummary(parameters: cost.parameters, megaFLOPs: Double(cost.flops) / 1e6)
  }

  /// NASWOT paper Table 2 / NB201 paper columns: C10 val, C10 test, C100 val, C100 test,
  /// IN16 val, IN16 test (all 200-epoch).
  public let headlineColumns = [
    "cifar10_valid_val_acc", "cifar10_test_acc", "cifar100_val_acc_derived", "cifar100_test_acc",
    "imagenet16_val_acc_derived", "imagenet16_test_acc",
  ]
}

extension EpsilonConstants {
  /// The constants as epsilon's `low` and `high` options.
  var options: ProxyOptions {
    ProxyOptions(["low": .number(low), "high": .number(high)])
  }
}
