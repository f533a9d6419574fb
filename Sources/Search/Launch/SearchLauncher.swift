import Foundation
import Proxies
import SearchSpace
import TabularBenchmarks

/// Turns a ``SearchConfig`` into a ``PreparedSearch``: picks the space, loads the
/// benchmark tables, builds the evaluators and the strategy.
public enum SearchLauncher {
  /// Prepares `config` (read from `file`, named in errors).
  public static func prepare(_ config: SearchConfig, file: String = "") throws(ConfigError)
    -> PreparedSearch
  {
    do throws(ConfigError) {
      switch config.space {
      case "nb201":
        if config.benchmark?.repeat != nil {
          throw ConfigError(
            path: "benchmark.repeat", message: "not used for nb201 (its tables hold means)")
        }
        return try prepareNB201(config)
      case "nb101": return try prepareNB101(config)
      case "nlp": return try prepareNLP(config)
      default:
        throw ConfigError(
          path: "space",
          message: "unknown space '\(config.space)' (expected one of: "
            + SearchSpaceCatalog.names.joined(separator: ", ") + ")")
      }
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

  /// The proxy evaluator of `config` for `space`: lookups in a score table, or live
  /// scoring of real networks on the configured data.
  static func proxyEvaluator<Space: SearchSpace>(
    _ config: SearchConfig, space: Space,
    network: @escaping @Sendable (Space.Architecture, _ classes: Int) -> NetworkBuilder
  ) throws(ConfigError) -> (any Evaluator<Space.Architecture>)? {
    try proxyEvaluator(config, space: space, kind: .images, network: network)
  }

  /// ``proxyEvaluator(_:space:network:)`` for networks that take `kind` of data.
  static func proxyEvaluator<Space: SearchSpace>(
    _ config: SearchConfig, space: Space, kind: ProxyData.Kind,
    network: @escaping @Sendable (Space.Architecture, _ classes: Int) -> NetworkBuilder
  ) throws(ConfigError) -> (any Evaluator<Space.Architecture>)? {
    guard let proxy = config.proxy else { return nil }
    guard let path = proxy.scoreTable else {
      var options = ProxyOptions()
      for (key, value) in proxy.options {
        guard let converted = value.proxyOptionValue else {
          throw ConfigError(path: "proxy.\(key)", message: "expected a number, string or boolean")
        }
        options.values[key] = converted
      }
      let scorer: any Proxy
      do {
        scorer = try ProxyRegistry.make(proxy.name, options: options)
      } catch {
        throw ConfigError(
          path: error.option == "name" ? "proxy.name" : "proxy.\(error.option)",
          message: error.message)
      }
      let batchSize: Int
      let seed: Int
      do {
        batchSize = try options.integer(
          "batch_size", default: scorer.defaultBatchSize, in: 1...100_000)
        seed = try options.integer("seed", default: 0, in: 0...Int.max)
      } catch {
        throw ConfigError(path: "proxy.\(error.option)", message: error.message)
      }
      let data = try ProxyData.load(
        config.data ?? "synthetic", batchSize: batchSize, seed: UInt64(seed), kind: kind)
      let classes = data.classes
      return ProxyEvaluator<Space>(
        proxy: scorer, input: data.input, seed: UInt64(seed),
        network: { network($0, classes) }, costSeconds: proxy.costSeconds)
    }
    let url = try DataPath.resolve(path, key: "proxy.score_table")
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
      space: space, table: table, source: url.path, costSeconds: proxy.costSeconds)
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
