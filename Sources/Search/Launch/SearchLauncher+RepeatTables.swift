import Foundation
import Proxies
import SearchSpace

extension SearchLauncher {
  /// A benchmark table with training repeats, as the launcher needs it: its columns and
  /// each architecture's repeats.
  struct RepeatTable<Architecture: Hashable & Sendable>: Sendable {
    /// The file's name, for evaluator names.
    var fileName: String
    /// The numeric columns.
    var columnNames: [String]
    /// The repeats of an architecture and a key of its network (see
    /// ``RepeatTableLookup/repeats``).
    var repeats: @Sendable (Architecture) -> (key: UInt64, rows: [[Double]])
  }

  /// Builds the run specification of a space whose benchmark is a ``RepeatTable``: the
  /// fitness and cost columns checked against the table, the benchmark evaluator (means,
  /// or one repeat drawn per run when `benchmark.repeat` is `random`), every column
  /// reported as the mean over repeats, and the proxy evaluator.
  static func prepareRepeatTable<Definition: SpaceDefinition, Space: SearchSpace>(
    _ config: SearchConfig, definition: Definition, space: Space,
    table: RepeatTable<Space.Architecture>?, headline: [String]
  ) throws(ConfigError) -> PreparedSearch
  where Space.Architecture == Definition.Space.Architecture {
    var evaluators: [FitnessSource: any Evaluator<Space.Architecture>] = [:]
    var seeded: SeededEvaluator<Space.Architecture>?
    var report: (@Sendable (Space.Architecture) -> [(name: String, value: Double)])?
    var plotMetric: String?
    if let benchmark = config.benchmark, let table {
      let columns = table.columnNames
      func index(_ name: String, key: String) throws(ConfigError) -> Int {
        guard let index = columns.firstIndex(of: name) else {
          throw ConfigError(
            path: key,
            message: "no column '\(name)' in \(table.fileName) (expected one of: "
              + columns.joined(separator: ", ") + ")")
        }
        return index
      }
      let fitness = try index(benchmark.fitness, key: "benchmark.fitness")
      let cost = try benchmark.cost.map { (name) throws(ConfigError) in
        try index(name, key: "benchmark.cost")
      }
      if let plot = benchmark.plot { _ = try index(plot, key: "benchmark.plot") }
      let lookup = RepeatTableLookup<Space.Architecture>(
        name: "\(table.fileName):\(benchmark.fitness)", repeats: table.repeats,
        fitness: fitness, cost: cost, costMultiplier: benchmark.costMultiplier,
        sign: benchmark.minimize ? -1 : 1,
        describe: { space.canonicalString($0) })
      if benchmark.randomRepeat {
        seeded = SeededEvaluator(source: .benchmark, isLookup: true) { seed in
          lookup.evaluator(seed: seed)
        }
      }
      evaluators[.benchmark] = lookup.evaluator(seed: nil)
      let repeats = table.repeats
      report = { architecture in
        let means = RepeatTableLookup<Space.Architecture>.means(repeats(architecture).rows)
        return zip(columns, means).filter { !$0.1.isNaN }.map { ($0.0, $0.1) }
      }
      plotMetric = benchmark.plot ?? benchmark.fitness
    }
    if let proxy = try proxyEvaluator(config, definition: definition) {
      evaluators[.proxy] = proxy
    }
    var specification = RunSpecification(
      space: space, strategy: try strategy(config), evaluators: evaluators,
      budget: config.budget, report: report, plotMetric: plotMetric)
    specification.seededEvaluator = seeded
    return PreparedSearch(
      config: config,
      experiment: Experiment(
        specification: specification, seed: config.seed, runs: config.runs, output: nil,
        configJSON: json(config)),
      headlineColumns: headline)
  }
}
