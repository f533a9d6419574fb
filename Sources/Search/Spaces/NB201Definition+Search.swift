import Foundation
import Proxies
import SearchSpace
import TabularBenchmarks

extension NB201Definition {
  /// The NB201 protocol: the fitness from the 12-epoch table (`benchmark.fidelity_table`
  /// with `fitness_from: 12`) or the main one, the cost from a time column, every
  /// main-table column reported.
  public func prepareSearch(_ config: SearchConfig) throws(ConfigError) -> PreparedSearch {
    if config.benchmark?.repeat != nil {
      throw ConfigError(
        path: "benchmark.repeat", message: "not used for nb201 (its tables hold means)")
    }
    var evaluators: [FitnessSource: any Evaluator<NB201Cell>] = [:]
    var report: (@Sendable (NB201Cell) -> [(name: String, value: Double)])?
    var plotMetric: String?
    var loaded: NB201Benchmark?
    if let benchmarkConfig = config.benchmark {
      let tableURL = try DataPath.resolve(benchmarkConfig.table, key: "benchmark.table")
      let fidelityURL = try benchmarkConfig.fidelityTable.map { (path) throws(ConfigError) in
        try DataPath.resolve(path, key: "benchmark.fidelity_table")
      }
      let benchmark: NB201Benchmark
      do {
        benchmark = try NB201Benchmark(
          contentsOf: tableURL, twelveEpochContentsOf: fidelityURL,
          cacheDirectory: TableCacheDirectory.resolve())
      } catch {
        // The key of the file at fault: a malformed 12-epoch table is the fidelity table's.
        let key =
          fidelityURL != nil && error.file == fidelityURL?.path
          ? "benchmark.fidelity_table" : "benchmark.table"
        throw ConfigError(path: key, message: error.description)
      }
      loaded = benchmark
      let fitnessName =
        (benchmarkConfig.fitnessFromFidelity ? NB201Benchmark.twelveEpochPrefix : "")
        + benchmarkConfig.fitness
      let fitness = try Self.column(benchmark, fitnessName, key: "benchmark.fitness")
      let cost = try benchmarkConfig.cost.map { (name) throws(ConfigError) in
        try Self.column(benchmark, name, key: "benchmark.cost")
      }
      let multiplier = benchmarkConfig.costMultiplier
      let sign = benchmarkConfig.minimize ? -1.0 : 1.0
      evaluators[.benchmark] = TableEvaluator<NB201Cell>(
        name: "nb201:\(fitnessName)",
        lookUp: { cell in
          guard let value = fitness[cell] else { return nil }
          return (sign * value, (cost.flatMap { $0[cell] } ?? 0) * multiplier)
        },
        describe: { $0.description })
      let reported = benchmark.columnNames.filter {
        !$0.hasPrefix(NB201Benchmark.twelveEpochPrefix)
      }
      let columns = try reported.map { (name) throws(ConfigError) in
        try Self.column(benchmark, name, key: "benchmark.table")
      }
      report = { cell in columns.compactMap { c in c[cell].map { (c.name, $0) } } }
      if let plot = benchmarkConfig.plot, !reported.contains(plot) {
        throw ConfigError(
          path: "benchmark.plot", message: "no column '\(plot)' in \(tableURL.lastPathComponent)")
      }
      plotMetric =
        benchmarkConfig.plot
        ?? (reported.contains(benchmarkConfig.fitness) ? benchmarkConfig.fitness : nil)
    }
    if let proxy = try SearchLauncher.proxyEvaluator(config, definition: self) {
      evaluators[.proxy] = proxy
    }
    var specification = RunSpecification(
      space: space, strategy: try SearchLauncher.strategy(config), evaluators: evaluators,
      budget: config.budget, report: report, plotMetric: plotMetric)
    if let plotMetric, let benchmark = loaded, let column = try? benchmark.column(plotMetric) {
      specification.plotValue = { column[$0] }
    }
    return PreparedSearch(
      config: config,
      experiment: Experiment(
        specification: specification, seed: config.seed, runs: config.runs, output: nil,
        configJSON: SearchLauncher.json(config)),
      headlineColumns: headlineColumns)
  }

  private static func column(_ benchmark: NB201Benchmark, _ name: String, key: String)
    throws(ConfigError) -> NB201Benchmark.Column
  {
    do {
      return try benchmark.column(name)
    } catch {
      throw ConfigError(path: key, message: error.description)
    }
  }
}
