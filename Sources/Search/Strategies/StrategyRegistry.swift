import Synchronization

/// The search strategies selectable by name from configs.
///
/// Each entry states once which hyper-parameters its strategy takes and their
/// defaults (the papers': REA population 10, tournament 3 with replacement on NB201;
/// AREA M = 20; proxy-guided REA after epsinas: warm-up 3,000, population 64,
/// tournament 10). A program using the library adds its own with ``register(_:)``.
public enum StrategyRegistry {
  /// A registered strategy.
  public struct Entry: Sendable {
    /// The name configs use.
    public var name: String
    /// One line for `nas-search list`.
    public var summary: String
    /// The parameters it takes, each with its default (a parameter left nil here is
    /// not taken; `name` is ignored).
    public var defaults: StrategyConfig
    /// Whether it ends without a budget (NASWOT search scores its N samples).
    public var endsByItself: Bool
    /// Makes the strategy from a section whose parameters are all filled in; throws
    /// for values it cannot use.
    public var make: @Sendable (StrategyConfig) throws(ConfigError) -> any SearchStrategy

    /// Creates an entry.
    public init(
      name: String, summary: String, defaults: StrategyConfig, endsByItself: Bool = false,
      make: @escaping @Sendable (StrategyConfig) throws(ConfigError) -> any SearchStrategy
    ) {
      self.name = name
      self.summary = summary
      var defaults = defaults
      defaults.name = name
      self.defaults = defaults
      self.endsByItself = endsByItself
      self.make = make
    }

    /// The parameters it takes.
    public var parameters: [StrategyConfig.Parameter] { defaults.givenParameters }
  }

  private static let entries = Mutex<[Entry]>(builtIn)

  /// Every registered strategy, in registration order.
  public static var all: [Entry] { entries.withLock { $0 } }

  /// Every registered name.
  public static var names: [String] { all.map(\.name) }

  /// Registers (or replaces) `entry` under its name.
  public static func register(_ entry: Entry) {
    entries.withLock { list in
      if let index = list.firstIndex(where: { $0.name == entry.name }) {
        list[index] = entry
      } else {
        list.append(entry)
      }
    }
  }

  /// The entry called `name`, or a config error listing the names.
  public static func entry(named name: String) throws(ConfigError) -> Entry {
    guard let entry = all.first(where: { $0.name == name }) else {
      throw ConfigError(
        path: "strategy.name",
        message: UnknownName(kind: "strategy", name: name, known: names).description)
    }
    return entry
  }

  /// The strategy `config` describes: its name looked up, each given key checked to be
  /// one the strategy takes and in range, the defaults filled in.
  public static func strategy(for config: StrategyConfig) throws(ConfigError)
    -> any SearchStrategy
  {
    let entry = try entry(named: config.name)
    let taken = Set(entry.parameters)
    for parameter in config.givenParameters where !taken.contains(parameter) {
      throw ConfigError(
        path: "strategy.\(parameter.rawValue)",
        message: "not a parameter of strategy '\(config.name)'"
          + (taken.isEmpty
            ? " (it takes none)"
            : " (it takes: " + entry.parameters.map(\.rawValue).joined(separator: ", ") + ")"))
    }
    for (parameter, value) in [
      (StrategyConfig.Parameter.populationSize, config.populationSize),
      (.sampleSize, config.sampleSize), (.samples, config.samples),
    ] {
      if let value, value < 1 {
        throw ConfigError(
          path: "strategy.\(parameter.rawValue)", message: "expected an integer ≥ 1")
      }
    }
    return try entry.make(config.filled(from: entry.defaults))
  }

  /// NAS-Bench-201's REA (XAutoDL `R_EA.py`): population 10, tournament 3 with replacement.
  static let reaDefaults = StrategyConfig(
    name: "", populationSize: 10, sampleSize: 3, sampleWithReplacement: true)

  /// The strategies shipped with nas-search.
  static var builtIn: [Entry] {
    [
      Entry(
        name: "random", summary: "random search: sample uniformly, keep the best",
        defaults: StrategyConfig(name: "", fitness: .benchmark),
        make: { config in RandomSearch(fitness: config.fitness ?? .benchmark) }),
      Entry(
        name: "rea",
        summary: "regularized evolution (Real et al. 2019), benchmark or proxy fitness",
        defaults: {
          var defaults = reaDefaults
          defaults.fitness = .benchmark
          return defaults
        }(),
        make: { config throws(ConfigError) in
          try evolution(config, fitness: config.fitness ?? .benchmark)
        }),
      Entry(
        name: "naswot",
        summary: "NASWOT search: score N random cells with the proxy, keep the best",
        defaults: StrategyConfig(name: "", samples: 100), endsByItself: true,
        make: { config in ProxySampling(sampleCount: config.samples ?? 100) }),
      Entry(
        name: "proxy-sampling",
        summary: "score N random cells with any proxy, keep the best (epsilon search, ...)",
        defaults: StrategyConfig(name: "", samples: 100), endsByItself: true,
        make: { config in
          ProxySampling(name: "proxy-sampling", sampleCount: config.samples ?? 100)
        }),
      Entry(
        name: "area",
        summary: "AREA: proxy-scored warm-up seeds REA on the benchmark (Mellor et al. 2021)",
        defaults: {
          var defaults = reaDefaults
          defaults.samples = 20
          return defaults
        }(),
        make: { config throws(ConfigError) in
          try assisted("area", config, fitness: .benchmark)
        }),
      Entry(
        name: "proxy-rea",
        summary: "REA with the proxy as fitness after a proxy-scored warm-up (epsinas)",
        defaults: StrategyConfig(
          name: "", populationSize: 64, sampleSize: 10, sampleWithReplacement: true,
          samples: 3000),
        make: { config throws(ConfigError) in
          try assisted("proxy-rea", config, fitness: .proxy)
        }),
    ]
  }

  /// REA from a filled-in section; a tournament without replacement must fit the
  /// population.
  static func evolution(_ config: StrategyConfig, fitness: FitnessSource) throws(ConfigError)
    -> RegularizedEvolution
  {
    let population = config.populationSize ?? 10
    let sample = config.sampleSize ?? 3
    let withReplacement = config.sampleWithReplacement ?? true
    if !withReplacement, sample > population {
      throw ConfigError(
        path: "strategy.sample_size",
        message: "a tournament without replacement cannot draw \(sample) of \(population)")
    }
    return RegularizedEvolution(
      populationSize: population, sampleSize: sample, sampleWithReplacement: withReplacement,
      fitness: fitness)
  }

  /// AREA-style evolution: a proxy-scored warm-up of `samples` seeds the population.
  static func assisted(_ name: String, _ config: StrategyConfig, fitness: FitnessSource)
    throws(ConfigError) -> AssistedEvolution
  {
    let evolution = try evolution(config, fitness: fitness)
    let samples = config.samples ?? 20
    guard samples >= evolution.populationSize else {
      throw ConfigError(
        path: "strategy.samples",
        message:
          "the warm-up must score at least population_size (\(evolution.populationSize)) architectures"
      )
    }
    return AssistedEvolution(name: name, proxySamples: samples, evolution: evolution)
  }
}
