import Foundation
import Proxies
import SearchSpace
import TabularBenchmarks

/// Turns a ``SearchConfig`` into a ``PreparedSearch``: finds the space in the
/// ``SpaceRegistry``, which loads its benchmark tables and builds the evaluators, and
/// the strategy in the ``StrategyRegistry``.
public enum SearchLauncher {
  /// Prepares `config` (read from `file`, named in errors).
  public static func prepare(_ config: SearchConfig, file: String = "") throws(ConfigError)
    -> PreparedSearch
  {
    do throws(ConfigError) {
      let space: RegisteredSpace
      do {
        space = try SpaceRegistry.space(named: config.space)
      } catch {
        throw ConfigError(path: "space", message: error.description)
      }
      return try space.prepareSearch(config)
    } catch {
      var error = error
      if error.file.isEmpty { error.file = file }
      throw error
    }
  }

  /// The config as JSON, for result files.
  static func json(_ config: SearchConfig) -> JSONValue {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    guard let data = try? encoder.encode(config),
      let object = try? JSONSerialization.jsonObject(with: data)
    else { return .null }
    return JSONValue(any: object)
  }

  /// The strategy of `config`, from the ``StrategyRegistry``.
  public static func strategy(_ config: SearchConfig) throws(ConfigError) -> any SearchStrategy {
    try StrategyRegistry.strategy(for: config.strategy)
  }

  /// The proxy evaluator of `config` for the space of `definition`: lookups in a score
  /// table, or live scoring of real networks on the configured data.
  public static func proxyEvaluator<Definition: SpaceDefinition>(
    _ config: SearchConfig, definition: Definition
  ) throws(ConfigError) -> (any Evaluator<Definition.Space.Architecture>)? {
    guard let proxy = config.proxy else { return nil }
    guard let path = proxy.scoreTable else {
      var options = ProxyOptions()
      for (key, value) in proxy.options {
        guard let converted = value.proxyOptionValue else {
          throw ConfigError(path: "proxy.\(key)", message: "expected a number, string or boolean")
        }
        options.values[key] = converted
      }
      let setup: ProxySetup
      do {
        setup = try ProxySetup(
          name: proxy.name, options: options, batchSize: proxy.batchSize, seed: proxy.seed ?? 0,
          data: config.data ?? "synthetic", space: RegisteredSpace(definition))
      } catch {
        throw ConfigError(
          path: error.setting == "data" ? "data" : "proxy.\(error.setting)",
          message: error.message)
      }
      let classes = setup.data.classes
      return ProxyEvaluator<Definition.Space>(
        setup: setup,
        network: { architecture in definition.network(for: architecture, classes: classes) },
        costSeconds: proxy.costSeconds)
    }
    let url: URL
    do {
      url = try DataPath.resolve(path, key: "proxy.score_table")
    } catch {
      var error = error
      let listable = (try? definition.allArchitectures(benchmark: nil)) != nil
      let all = listable ? "--all" : "--sample N"
      error.message +=
        "; make it with: nas-search score --space \(config.space) --proxy \(proxy.name) "
        + "--data \(config.data ?? "DATA") \(all) --seed 1 --output \(path)"
      throw error
    }
    let table: ScoreTable
    do {
      table = try ScoreTable.read(url)
    } catch {
      throw ConfigError(path: "proxy.score_table", message: error.description)
    }
    if let space = table.metadata("space"), space != config.space {
      throw ConfigError(
        path: "proxy.score_table",
        message: "\(url.path) scores space '\(space)', not '\(config.space)'")
    }
    if let name = table.metadata("proxy"), name != proxy.name {
      throw ConfigError(
        path: "proxy.name", message: "\(url.path) holds '\(name)' scores, not '\(proxy.name)'")
    }
    return ScoreTableEvaluator(
      space: definition.space, table: table, source: url.path, costSeconds: proxy.costSeconds)
  }

  /// The generic preparation of a registered space: the benchmark evaluator from the
  /// definition's ``SpaceDefinition/benchmark(at:)`` (fitness and cost columns, every
  /// column reported), the proxy evaluator, the strategy.
  public static func prepareFromMetrics<Definition: SpaceDefinition>(
    _ definition: Definition, config: SearchConfig
  ) throws(ConfigError) -> PreparedSearch {
    let space = definition.space
    var evaluators: [FitnessSource: any Evaluator<Definition.Space.Architecture>] = [:]
    var report: (@Sendable (Definition.Space.Architecture) -> [(name: String, value: Double)])?
    var plotMetric: String?
    if let benchmark = config.benchmark {
      for (key, given) in [
        ("benchmark.fidelity_table", benchmark.fidelityTable != nil),
        ("benchmark.fitness_from", benchmark.fitnessFrom != nil),
        ("benchmark.epochs", benchmark.epochs != nil),
        ("benchmark.repeat", benchmark.repeat != nil),
      ] where given {
        throw ConfigError(path: key, message: "not used for space '\(space.name)'")
      }
      let url = try DataPath.resolve(benchmark.table, key: "benchmark.table")
      let loaded: BenchmarkMetrics<Definition.Space.Architecture>?
      do {
        loaded = try definition.benchmark(at: url)
      } catch {
        throw ConfigError(path: "benchmark.table", message: error.description)
      }
      guard let table = loaded else {
        throw ConfigError(
          path: "benchmark", message: "space '\(space.name)' has no benchmark tables")
      }
      for (key, column) in [
        ("benchmark.fitness", benchmark.fitness), ("benchmark.cost", benchmark.cost),
        ("benchmark.plot", benchmark.plot),
      ] {
        if let column, !table.columns.contains(column) {
          throw ConfigError(
            path: key,
            message: "no column '\(column)' in \(table.file) (expected one of: "
              + table.columns.joined(separator: ", ") + ")")
        }
      }
      let sign = benchmark.minimize ? -1.0 : 1.0
      let (fitness, cost, multiplier) = (
        benchmark.fitness, benchmark.cost, benchmark.costMultiplier
      )
      evaluators[.benchmark] = TableEvaluator(
        name: "\(table.file):\(fitness)",
        lookUp: { architecture in
          guard let metrics = table.metrics(architecture), let value = metrics[fitness] else {
            return nil
          }
          return (sign * value, (cost.flatMap { metrics[$0] } ?? 0) * multiplier)
        },
        describe: { space.canonicalString($0) })
      let columns = table.columns
      report = { architecture in
        let metrics = table.metrics(architecture) ?? [:]
        return columns.compactMap { name in metrics[name].map { (name, $0) } }
      }
      plotMetric = benchmark.plot ?? fitness
    }
    if let proxy = try proxyEvaluator(config, definition: definition) {
      evaluators[.proxy] = proxy
    }
    let specification = RunSpecification(
      space: space, strategy: try strategy(config), evaluators: evaluators,
      budget: config.budget, report: report, plotMetric: plotMetric)
    return PreparedSearch(
      config: config,
      experiment: Experiment(
        specification: specification, seed: config.seed, runs: config.runs, output: nil,
        configJSON: json(config)),
      headlineColumns: definition.headlineColumns)
  }
}

extension JSONValue {
  /// Converts a `JSONSerialization` object (dictionaries get sorted keys).
  init(any value: Any) {
    switch value {
    case let dictionary as [String: Any]:
      self = .object(dictionary.keys.sorted().map { ($0, JSONValue(any: dictionary[$0] as Any)) })
    case let array as [Any]: self = .array(array.map { JSONValue(any: $0) })
    case let string as String: self = .string(string)
    case let number as NSNumber:
      // JSONSerialization makes booleans NSNumbers of type "c" (char); numbers never are.
      if String(cString: number.objCType) == "c" {
        self = .bool(number.boolValue)
      } else if number.doubleValue == number.doubleValue.rounded(), abs(number.doubleValue) < 1e15 {
        self = .int(number.intValue)
      } else {
        self = .number(number.doubleValue)
      }
    default: self = .null
    }
  }
}
