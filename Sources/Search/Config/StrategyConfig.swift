/// The strategy section of a config: the strategy's registered name and its
/// hyper-parameters; a parameter left out takes the strategy's default from its
/// ``StrategyRegistry`` entry, and every value used is written to the result files.
public struct StrategyConfig: Sendable, Equatable, Codable {
  /// The strategy's registered name, such as `rea`.
  public var name: String
  /// REA/AREA population size (P).
  public var populationSize: Int?
  /// REA/AREA tournament size (S).
  public var sampleSize: Int?
  /// Whether tournaments draw with replacement.
  public var sampleWithReplacement: Bool?
  /// NASWOT's N, AREA's M, proxy-REA's warm-up count.
  public var samples: Int?
  /// Random search / REA fitness: `benchmark` or `proxy`.
  public var fitness: FitnessSource?

  /// The hyper-parameter keys a strategy can take.
  public enum Parameter: String, CodingKey, CaseIterable, Sendable {
    /// `population_size`.
    case populationSize = "population_size"
    /// `sample_size`.
    case sampleSize = "sample_size"
    /// `sample_with_replacement`.
    case sampleWithReplacement = "sample_with_replacement"
    /// `samples`.
    case samples
    /// `fitness`.
    case fitness
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case name
    case populationSize = "population_size"
    case sampleSize = "sample_size"
    case sampleWithReplacement = "sample_with_replacement"
    case samples, fitness
  }

  /// Creates a strategy config in code.
  public init(
    name: String, populationSize: Int? = nil, sampleSize: Int? = nil,
    sampleWithReplacement: Bool? = nil, samples: Int? = nil, fitness: FitnessSource? = nil
  ) {
    self.name = name
    self.populationSize = populationSize
    self.sampleSize = sampleSize
    self.sampleWithReplacement = sampleWithReplacement
    self.samples = samples
    self.fitness = fitness
  }

  /// Decodes the section, rejecting unknown keys (the name is checked against the
  /// registry by ``validate()``).
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    populationSize = try c.decodeIfPresent(Int.self, forKey: .populationSize)
    sampleSize = try c.decodeIfPresent(Int.self, forKey: .sampleSize)
    sampleWithReplacement = try c.decodeIfPresent(Bool.self, forKey: .sampleWithReplacement)
    samples = try c.decodeIfPresent(Int.self, forKey: .samples)
    if let source = try c.decodeIfPresent(String.self, forKey: .fitness) {
      guard let fitness = FitnessSource(rawValue: source) else {
        throw DecodingError.dataCorruptedError(
          forKey: .fitness, in: c,
          debugDescription: "unknown fitness '\(source)' (expected benchmark or proxy)")
      }
      self.fitness = fitness
    }
  }

  /// Which parameters are given.
  public var givenParameters: [Parameter] {
    Parameter.allCases.filter { parameter in
      switch parameter {
      case .populationSize: populationSize != nil
      case .sampleSize: sampleSize != nil
      case .sampleWithReplacement: sampleWithReplacement != nil
      case .samples: samples != nil
      case .fitness: fitness != nil
      }
    }
  }

  /// This section with every parameter it leaves out taken from `defaults`.
  public func filled(from defaults: StrategyConfig) -> StrategyConfig {
    var filled = self
    filled.populationSize = populationSize ?? defaults.populationSize
    filled.sampleSize = sampleSize ?? defaults.sampleSize
    filled.sampleWithReplacement = sampleWithReplacement ?? defaults.sampleWithReplacement
    filled.samples = samples ?? defaults.samples
    filled.fitness = fitness ?? defaults.fitness
    return filled
  }

  /// The strategy this section describes, from the registry (defaults filled in).
  public func makeStrategy() throws(ConfigError) -> any SearchStrategy {
    try StrategyRegistry.strategy(for: self)
  }

  /// Checks the name, that each key is one the strategy takes, and the ranges.
  public func validate() throws(ConfigError) {
    _ = try makeStrategy()
  }
}
