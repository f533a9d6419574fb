import Foundation
import SearchSpace

/// Everything one search needs, as read from a `configs/*.json` file: the space, the
/// strategy with every hyper-parameter explicit, the proxy, the benchmark, the budget,
/// the seed and how many repeated runs.
///
/// Keys are snake_case. Unknown keys and wrong types are errors naming the key path.
public struct SearchConfig: Sendable, Equatable, Codable {
  /// The search space name (`nb201`, `nb101`, `nlp`).
  public var space: String
  /// The strategy and its hyper-parameters.
  public var strategy: StrategyConfig
  /// The zero-cost proxy (the cheap fitness), when the strategy uses one.
  public var proxy: ProxyConfig?
  /// Input data for the proxy, as `--data` takes it (`cifar10:PATH`, `ptb:PATH`).
  public var data: String?
  /// The tabular benchmark (the expensive fitness and the reported metrics).
  public var benchmark: BenchmarkConfig?
  /// Limits of each run (optional for strategies that end by themselves).
  public var budget: SearchBudget
  /// The seed of the first run; run r uses `seed + r`.
  public var seed: UInt64
  /// How many independent runs.
  public var runs: Int
  /// The output directory (default `runs/<config file name>`).
  public var output: String?

  enum CodingKeys: String, CodingKey, CaseIterable {
    case space, strategy, proxy, data, benchmark, budget, seed, runs, output
  }

  /// Creates a config in code.
  public init(
    space: String, strategy: StrategyConfig, proxy: ProxyConfig? = nil, data: String? = nil,
    benchmark: BenchmarkConfig? = nil, budget: SearchBudget, seed: UInt64 = 0, runs: Int = 1,
    output: String? = nil
  ) {
    self.space = space
    self.strategy = strategy
    self.proxy = proxy
    self.data = data
    self.benchmark = benchmark
    self.budget = budget
    self.seed = seed
    self.runs = runs
    self.output = output
  }

  /// Decodes a config, rejecting unknown keys.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    space = try c.decode(String.self, forKey: .space)
    strategy = try c.decode(StrategyConfig.self, forKey: .strategy)
    proxy = try c.decodeIfPresent(ProxyConfig.self, forKey: .proxy)
    data = try c.decodeIfPresent(String.self, forKey: .data)
    benchmark = try c.decodeIfPresent(BenchmarkConfig.self, forKey: .benchmark)
    budget = try c.decodeIfPresent(SearchBudget.self, forKey: .budget) ?? SearchBudget()
    seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 0
    runs = try c.decodeIfPresent(Int.self, forKey: .runs) ?? 1
    output = try c.decodeIfPresent(String.self, forKey: .output)
  }

  /// Reads and validates the config file at `url`.
  public static func load(_ url: URL) throws(ConfigError) -> SearchConfig {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw ConfigError(
        file: url.path, path: "", message: "cannot read the file (\(reason(error)))")
    }
    return try decode(data, file: url.path)
  }

  /// Decodes and validates config JSON; `file` names it in errors.
  public static func decode(_ data: Data, file: String) throws(ConfigError) -> SearchConfig {
    let config: SearchConfig
    do {
      config = try JSONDecoder().decode(SearchConfig.self, from: data)
    } catch let error as DecodingError {
      if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
        throw syntaxError(data, file: file)
      }
      throw ConfigError.from(error, file: file)
    } catch {
      throw ConfigError(file: file, path: "", message: "\(error)")
    }
    do {
      try config.validate()
    } catch {
      throw ConfigError(file: file, path: error.path, message: error.message)
    }
    return config
  }

  /// The most runs one experiment may have (as `--runs` allows).
  public static let maximumRuns = 1_000_000

  /// Checks the values' ranges and that the strategy has what it needs.
  public func validate() throws(ConfigError) {
    guard (1...Self.maximumRuns).contains(runs) else {
      throw ConfigError(path: "runs", message: "expected an integer in 1...\(Self.maximumRuns)")
    }
    guard SpaceRegistry.named(space) != nil else {
      throw ConfigError(
        path: "space",
        message: UnknownName(kind: "space", name: space, known: SpaceRegistry.names).description)
    }
    let made = try strategy.makeStrategy()
    let entry = try StrategyRegistry.entry(named: strategy.name)
    try budget.validateForConfig()
    if budget.isUnlimited, !entry.endsByItself {
      throw ConfigError(
        path: "budget",
        message: "strategy '\(strategy.name)' runs until a budget stops it: set "
          + "evaluations, wall_seconds or simulated_seconds")
    }
    let needs = made.requiredSources
    if needs.contains(.proxy), proxy == nil {
      throw ConfigError(path: "proxy", message: "strategy '\(strategy.name)' needs a proxy")
    }
    if needs.contains(.benchmark) || needs.isEmpty, benchmark == nil {
      throw ConfigError(
        path: "benchmark", message: "strategy '\(strategy.name)' needs a benchmark")
    }
    try benchmark?.validate()
    try proxy?.validate()
  }

  private static func reason(_ error: any Error) -> String {
    plainReason(of: error)
  }

  /// Keys whose value must be a whole number (and, for the seed, not negative).
  private static let integerKeys: [(path: [String], minimum: Int)] = [
    (["seed"], 0), (["runs"], Int.min), (["strategy", "population_size"], Int.min),
    (["strategy", "sample_size"], Int.min), (["strategy", "samples"], Int.min),
    (["budget", "evaluations"], Int.min), (["benchmark", "epochs"], Int.min),
    (["proxy", "batch_size"], Int.min), (["proxy", "seed"], 0),
  ]

  /// The error for JSON the decoder rejected without a key path: a syntax error (with
  /// line and column), or a number that does not fit an integer key (with its path).
  private static func syntaxError(_ data: Data, file: String) -> ConfigError {
    guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      return ConfigError(file: file, path: "", message: syntaxMessage(data))
    }
    for (path, minimum) in integerKeys {
      var value: Any? = root
      for key in path { value = (value as? [String: Any])?[key] }
      guard let number = value as? NSNumber else { continue }
      let double = number.doubleValue
      if double != double.rounded() || double < Double(minimum) || abs(double) > 0x1p63 {
        let kind = minimum == 0 ? "a non-negative integer" : "an integer"
        return ConfigError(
          file: file, path: path.joined(separator: "."), message: "expected \(kind), got \(number)")
      }
    }
    return ConfigError(file: file, path: "", message: "a value has the wrong type")
  }

  /// A line:column message for malformed JSON (the decoder's own message has none).
  private static func syntaxMessage(_ data: Data) -> String {
    do {
      _ = try JSONSerialization.jsonObject(with: data)
      return "a value has the wrong type"
    } catch {
      let text = (error as NSError).userInfo["NSDebugDescription"] as? String ?? "\(error)"
      if let range = text.range(of: #"character (\d+)"#, options: .regularExpression),
        let offset = Int(text[range].dropFirst("character ".count))
      {
        let prefix = data.prefix(offset)
        let line = prefix.filter { $0 == UInt8(ascii: "\n") }.count + 1
        let column = offset - (prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
        return "invalid JSON at line \(line), column \(column)"
      }
      return "invalid JSON (\(text))"
    }
  }
}

extension SearchBudget {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case evaluations
    case wallSeconds = "wall_seconds"
    case simulatedSeconds = "simulated_seconds"
  }

  /// Decodes a budget, rejecting unknown keys.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      evaluations: try c.decodeIfPresent(Int.self, forKey: .evaluations),
      wallSeconds: try c.decodeIfPresent(Double.self, forKey: .wallSeconds),
      simulatedSeconds: try c.decodeIfPresent(Double.self, forKey: .simulatedSeconds))
  }

  func validateForConfig() throws(ConfigError) {
    if let evaluations, evaluations < 1 {
      throw ConfigError(path: "budget.evaluations", message: "expected an integer ≥ 1")
    }
    if let wallSeconds, !(wallSeconds > 0) || !wallSeconds.isFinite {
      throw ConfigError(path: "budget.wall_seconds", message: "expected a positive number")
    }
    if let simulatedSeconds, !(simulatedSeconds > 0) || !simulatedSeconds.isFinite {
      throw ConfigError(path: "budget.simulated_seconds", message: "expected a positive number")
    }
  }
}
