import Foundation
import Proxies
import SearchSpace
import TabularBenchmarks

extension SearchLauncher {
  /// NAS-Bench-101: the colab's space over the official TFRecord or a reference CSV.
  ///
  /// The space is the colab's (7 vertices, 9 edges, mutation rate 1.0). The official
  /// file's columns are ``NB101MetricTable/officialColumns`` at `benchmark.epochs`
  /// (default 108). Every cell the space allows is in the official file (423,624); a
  /// cell missing from a smaller table stops the run with an error naming it.
  static func prepareNB101(_ config: SearchConfig) throws(ConfigError) -> PreparedSearch {
    var table: RepeatTable<NB101Cell>?
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
          message: error.message + " (the official file: " + officialURL
            + ", into $NAS_DATA_DIR/nasbench101/)")
      }
      let metrics: NB101MetricTable
      do {
        metrics = try NB101MetricTable(contentsOf: url, epochs: benchmark.epochs)
      } catch {
        throw ConfigError(path: "benchmark.table", message: error.description)
      }
      if benchmark.epochs != nil, url.pathExtension.lowercased() == "csv" {
        throw ConfigError(
          path: "benchmark.epochs", message: "a CSV table has one budget per column, not epochs")
      }
      table = RepeatTable(
        fileName: url.lastPathComponent, columnNames: metrics.columnNames,
        repeats: { metrics.repeats(for: $0) })
      headline =
        metrics.columnNames == NB101MetricTable.officialColumns
        ? ["validation_accuracy", "test_accuracy"] : [benchmark.fitness]
    }
    return try prepareRepeatTable(
      config, space: NB101Space(), table: table, inputKind: .images,
      network: { cell, classes in NetworkBuilder.nb101(cell, classes: classes) },
      headline: headline)
  }

  /// Where the official 108-epoch NAS-Bench-101 file is published.
  static let officialURL = "https://storage.googleapis.com/nasbench/nasbench_only108.tfrecord"
}
