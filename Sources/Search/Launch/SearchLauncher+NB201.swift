import Foundation
import Proxies
import SearchSpace
import TabularBenchmarks

extension SearchLauncher {
  /// NAS-Bench-201: the fitness from the 12-epoch table (or the main one), the cost from
  /// a time column, every main-table column reported.
  static func prepareNB201(_ config: SearchConfig) throws(ConfigError) -> PreparedSearch {
    let space = NB201Space()
    var evaluators: [FitnessSource: any Evaluator<NB201Cell>] = [:]
    var report: (@Sendable (NB201Cell) -> [(name: String, value: Double)])?
    var plotMetric: String?
    if let benchmarkConfig = config.benchmark {
      let tableURL = try DataPath.resolve(benchmarkConfig.table, key: "benchmark.table")
      let fidelityURL = try benchmarkConfig.fidelityTable.map { (path) throws(ConfigError) in
        try DataPath.resolve(path, key: "benchmark.fidelity_table")
      }
      let benchmark: NB201Benchmark
      do {
        benchmark = try NB201Benchmark(contentsOf: tableURL, twelveEpochContentsOf: fidelityURL)
      } catch {
        throw ConfigError(path: "benchmark.table", message: error.description)
      }
      let fitnessName =
        (benchmarkConfig.fitnessFromFidelity ? NB201Benchmark.twelveEpochPrefix : "")
        + benchmarkConfig.fitness
      let fitness = try column(benchmark, fitnessName, key: "benchmark.fitness")
      let cost = try benchmarkConfig.cost.map { (name) throws(ConfigError) in
        try column(benchmark, name, key: "benchmark.cost")
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
        try column(benchmark, name, key: "benchmark.table")
      }
      report = { cell in columns.compactMap { c in c[cell].map { (c.name, $0) } } }
      plotMetric =
        benchmarkConfig.plot
        ?? (reported.contains(benchmarkConfig.fitness) ? benchmarkConfig.fitness : nil)
    }
    let proxy = try proxyEvaluator(config, space: space) { cell, classes in
      NetworkBuilder.nb201(cell, classes: classes)
    }
    if let proxy { evaluators[.proxy] = proxy }
    let specification = RunSpecification(
      space: space, strategy: config.strategy.makeStrategy(), evaluators: evaluators,
      budget: config.budget, report: report, plotMetric: plotMetric)
    return PreparedSearch(
      config: config,
      experiment: Experiment(
        specification: specification, seed: config.seed, runs: config.runs, output: nil,
        configJSON: json(config)),
      headlineColumns: nb201Headline)
  }

  /// NASWOT paper Table 2 / NB201 paper columns: C10 val, C10 test, C100 val, C100 test,
  /// IN16 val, IN16 test (all 200-epoch).
  static let nb201Headline = [
    "cifar10_valid_val_acc", "cifar10_test_acc", "cifar100_val_acc_derived", "cifar100_test_acc",
    "imagenet16_val_acc_derived", "imagenet16_test_acc",
  ]

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
