import Foundation
import Proxies
import SearchSpace
import TabularBenchmarks

extension SearchLauncher {
  /// NAS-Bench-NLP over its training logs.
  ///
  /// The search space is the logged networks that have a value in the fitness column (``LoggedNLPSpace``), since only they can be
  /// looked up; columns are ``NLPMetricTable/columns``. Without a benchmark (a pure
  /// proxy search) the space is the logs at `$NAS_DATA_DIR`'s default path.
  static func prepareNLP(_ config: SearchConfig) throws(ConfigError) -> PreparedSearch {
    let tableKey = config.benchmark == nil ? "benchmark" : "benchmark.table"
    let path = config.benchmark?.table ?? ScoringSpace.nlpDefaultLogs
    if let benchmark = config.benchmark {
      if benchmark.fidelityTable != nil || benchmark.fitnessFrom != nil {
        throw ConfigError(
          path: benchmark.fidelityTable != nil
            ? "benchmark.fidelity_table" : "benchmark.fitness_from",
          message: "not used for nlp: the logs hold every epoch")
      }
      if benchmark.epochs != nil {
        throw ConfigError(
          path: "benchmark.epochs", message: "not used for nlp: the logs' final epoch is used")
      }
    }
    let url = try DataPath.resolve(path, key: tableKey)
    let metrics: NLPMetricTable
    do {
      metrics = try NLPMetricTable(contentsOf: url)
    } catch {
      throw ConfigError(path: tableKey, message: error.description)
    }
    var cells = metrics.cells
    if let fitness = config.benchmark?.fitness {
      guard let column = metrics.index(of: fitness) else {
        throw ConfigError(
          path: "benchmark.fitness",
          message: "no column '\(fitness)' in \(url.lastPathComponent) (expected one of: "
            + metrics.columnNames.joined(separator: ", ") + ")")
      }
      cells = cells.filter { metrics.means(for: $0).map { !$0[column].isNaN } ?? false }
    }
    guard cells.count >= 2 else {
      throw ConfigError(
        path: tableKey, message: "\(url.path) logs fewer than 2 networks to search over")
    }
    let space = LoggedNLPSpace(cells: cells)
    let table = config.benchmark.map { _ in
      RepeatTable<NLPCell>(
        fileName: url.lastPathComponent, columnNames: metrics.columnNames,
        repeats: { cell in
          (UInt64(space.identityHash(cell).prefix(16), radix: 16) ?? 0, metrics.repeats(for: cell))
        })
    }
    return try prepareRepeatTable(
      config, space: space, table: table, inputKind: .tokens,
      network: { cell, vocabulary in NetworkBuilder.nlp(cell, vocabulary: vocabulary) },
      headline: config.benchmark == nil ? [] : ["final_val_ppl", "final_test_ppl"])
  }
}
