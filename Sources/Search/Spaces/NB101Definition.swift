import Foundation
import Networks
import Proxies
import SearchSpace
import TabularBenchmarks

/// NAS-Bench-101 (Ying et al., ICML 2019): 7-vertex cells and their CIFAR-10 networks.
///
/// The benchmark is the official TFRecord or a reference CSV. The space is too large to
/// list (423,624 cells).
public struct NB101Definition: SpaceDefinition {
  /// The cell space of the benchmark's colab (7 vertices, 9 edges).
  public let space = NB101Space()
  /// For `nas-search list`.
  public let summary = "NAS-Bench-101: 7-vertex cell DAG, 3 ops, at most 9 edges"
  /// CIFAR-10 classifiers.
  public let networkInput: ProxyInput.Kind? = .images

  /// Creates the definition.
  public init() {}

  /// The NB101 CIFAR network (pruned cell, 128 stem channels, 3 stacks of 3 cells).
  public func network(for architecture: NB101Cell, classes: Int) -> NetworkBuilder? {
    NetworkBuilder.nb101(architecture, classes: classes)
  }

  /// Epsilon's constants for NB101 (egracheva/epsinas: 1e-4 and 10).
  public func proxyDefaults(for proxy: String) -> ProxyOptions {
    proxy == "epsilon" ? EpsilonConstants.nb101.options : ProxyOptions()
  }

  /// The cells of a reference CSV (`adjacency_rowmajor` and `ops` columns).
  public func architectures(inTable url: URL) throws(EvaluationError) -> [NB101Cell]? {
    do throws(TableError) {
      return try NB101SubsetTable(contentsOf: url).cells
    } catch {
      throw EvaluationError(error.description)
    }
  }

  /// A reference CSV (its columns) or the official TFRecord (the API's 108-epoch
  /// `query` keys, mean over the 3 repeats).
  public func benchmark(at url: URL) throws(EvaluationError) -> BenchmarkMetrics<NB101Cell>? {
    let table = try NB101MetricTable(contentsOf: url)
    return BenchmarkMetrics(file: url.lastPathComponent, columns: table.columnNames) { cell in
      table.means(for: cell) == nil ? nil : table.metrics(for: cell)
    }
  }

  /// CIFAR-10 only.
  public let datasets = ["cifar10"]

  /// Parameters and MFLOPs of the CIFAR-10 network.
  public func cost(of architecture: NB101Cell, dataset: String) -> NetworkCostSummary? {
    guard dataset == "cifar10", let cost = try? NB101NetworkCost(cell: architecture) else {
      return nil
    }
    return NetworkCostSummary(parameters: cost.parameters, megaFLOPs: Double(cost.flops) / 1e6)
  }

  /// The official file's validation and test accuracy.
  public let headlineColumns = ["validation_accuracy", "test_accuracy"]

  /// The colab's search over the official TFRecord or a reference CSV.
  ///
  /// The official file's columns are ``NB101MetricTable/officialColumns`` at
  /// `benchmark.epochs` (default 108). Every cell the space allows is in the official
  /// file (423,624); a cell missing from a smaller table stops the run with an error
  /// naming it.
  public func prepareSearch(_ config: SearchConfig) throws(ConfigError) -> PreparedSearch {
    var table: SearchLauncher.RepeatTable<NB101Cell>?
    var headline: [String] = []
    if let benchmark = config.benchmark {
      if benchmark.fidelityTable != nil || benchmark.fitnessFrom != nil {
        throw ConfigError(
          path: benchmark.fidelityTable != nil
            ? "benchmark.fidelity_table" : "benchmark.fitness_from",
          message: "not used for nb101: one table holds every epoch budget (benchmark.epochs)")
      }
      if benchmark.dataset.map({ $0 != "cifar10" }) ?? false {
        throw ConfigError(path: "benchmark.dataset", message: "nb101 has only cifar10")
      }
      let url: URL
      do {
        url = try DataPath.resolve(benchmark.table, key: "benchmark.table")
      } catch {
        guard benchmark.table.hasSuffix(".tfrecord") else { throw error }
        throw ConfigError(
          path: error.path,
          message: error.message + " (the official file: " + Self.officialURL
            + ", into $NAS_DATA_DIR/nasbench101/)")
      }
      if benchmark.epochs != nil, url.pathExtension.lowercased() == "csv" {
        throw ConfigError(
          path: "benchmark.epochs", message: "a CSV table has one budget per column, not epochs")
      }
      let metrics: NB101MetricTable
      do {
        metrics = try NB101MetricTable(contentsOf: url, epochs: benchmark.epochs)
      } catch {
        throw ConfigError(path: "benchmark.table", message: error.description)
      }
      table = SearchLauncher.RepeatTable(
        fileName: url.lastPathComponent, columnNames: metrics.columnNames,
        repeats: { metrics.repeats(for: $0) })
      headline =
        metrics.columnNames == NB101MetricTable.officialColumns
        ? headlineColumns : [benchmark.fitness]
    }
    return try SearchLauncher.prepareRepeatTable(
      config, definition: self, space: space, table: table, headline: headline)
  }

  /// Where the official 108-epoch NAS-Bench-101 file is published.
  static let officialURL = "https://storage.googleapis.com/nasbench/nasbench_only108.tfrecord"
}
