/// The strategy section of a config: its name and every hyper-parameter, explicit.
///
/// Defaults are the papers' (BRIEF §3): REA population 10, tournament 3 with
/// replacement (NAS-Bench-201); AREA M = 20; proxy-guided REA after epsinas: warm-up
/// 3,000, population 64, tournament 10.
public struct StrategyConfig: Sendable, Equatable, Codable {
  /// The strategies a config can name.
  public enum Name: String, Sendable, Codable, CaseIterable {
    /// ``RandomSearch``.
    case random
    /// ``RegularizedEvolution`` with the benchmark as fitness.
    case rea
    /// ``ProxySampling`` (NASWOT search).
    case naswot
    /// ``AssistedEvolution`` (AREA).
    case area
    /// ``AssistedEvolution`` with the proxy as the evolution's fitness.
    case proxyREA = "proxy-rea"

    /// One line for `nas-search list`.
    public var summary: String {
      switch self {
      case .random: "random search: sample uniformly, keep the best"
      case .rea: "regularized evolution (Real et al. 2019), benchmark or proxy fitness"
      case .naswot: "NASWOT search: score N random cells with the proxy, keep the best"
      case .area: "AREA: proxy-scored warm-up seeds REA on the benchmark (Mellor et al. 2021)"
      case .proxyREA: "REA with the proxy as fitness after a proxy-scored warm-up"
      }
    }
  }

  /// Which strategy.
  public var name: Name
  /// REA/AREA population size (P).
  public var populationSize: Int?
  /// REA/AREA tournament size (S).
  public var sampleSize: Int?
  /// Whether tournaments draw with replacement.
  public var sampleWithReplacement: Bool?
  /// NASWOT's N, AREA's M, proxy-REA's warm-up count.
  public var samples: Int?
  /// Random search / REA fitness: `benchmark` (default) or `proxy`.
  public var fitness: FitnessSource?

  enum CodingKeys: String, CodingKey, CaseIterable {
    case name
    case populationSize = "population_size"
    case sampleSize = "sample_size"
    case sampleWithReplacement = "sample_with_replacement"
    case samples, fitness
  }

  /// Creates a strategy config in code.
  public init(
    name: Name, populationSize: Int? = nil, sampleSize: Int? = nil,
    sampleWithReplacement: Bool? = nil, samples: Int? = nil, fitness: FitnessSource? = nil
  ) {
    self.name = name
    self.populationSize = populationSize
    self.sampleSize = sampleSize
    self.sampleWithReplacement = sampleWithReplacement
    self.samples = samples
    self.fitness = fitness
  }

  /// Decodes the section, rejecting unknown keys and unknown strategy names.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let text = try c.decode(String.self, forKey: .name)
    guard let name = Name(rawValue: text) else {
      throw DecodingError.dataCorruptedError(
        forKey: .name, in: c,
        debugDescription: "unknown strategy '\(text)' (expected one of: "
          + Name.allCases.map(\.rawValue).joined(separator: ", ") + ")")
    }
    self.name = name
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

  /// The strategy this section describes, with the papers' defaults filled in.
  public func makeStrategy() -> any SearchStrategy {
    switch name {
    case .random:
      return RandomSearch(fitness: fitness ?? .benchmark)
    case .rea:
      return RegularizedEvolution(
        populationSize: populationSize ?? 10, sampleSize: sampleSize ?? 3,
        sampleWithReplacement: sampleWithReplacement ?? true, fitness: fitness ?? .benchmark)
    case .naswot:
      return ProxySampling(sampleCount: samples ?? 100)
    case .area:
      return AssistedEvolution(
        proxySamples: samples ?? 20,
        evolution: RegularizedEvolution(
          populationSize: populationSize ?? 10, sampleSize: sampleSize ?? 3,
          sampleWithReplacement: sampleWithReplacement ?? true, fitness: .benchmark))
    case .proxyREA:
      return AssistedEvolution(
        proxySamples: samples ?? 3000,
        evolution: RegularizedEvolution(
          populationSize: populationSize ?? 64, sampleSize: sampleSize ?? 10,
          sampleWithReplacement: sampleWithReplacement ?? true, fitness: .proxy))
    }
  }

  /// The evaluators the strategy needs.
  public var requiredSources: Set<FitnessSource> { makeStrategy().requiredSources }

  /// Whether the strategy ends without a budget (NASWOT search scores its N samples).
  public var endsByItself: Bool { name == .naswot }

  /// Checks ranges and that each key is one this strategy uses.
  public func validate() throws(ConfigError) {
    let uses: [Name: Set<CodingKeys>] = [
      .random: [.fitness],
      .rea: [.populationSize, .sampleSize, .sampleWithReplacement, .fitness],
      .naswot: [.samples],
      .area: [.populationSize, .sampleSize, .sampleWithReplacement, .samples],
      .proxyREA: [.populationSize, .sampleSize, .sampleWithReplacement, .samples],
    ]
    let given: [(CodingKeys, Bool)] = [
      (.populationSize, populationSize != nil), (.sampleSize, sampleSize != nil),
      (.sampleWithReplacement, sampleWithReplacement != nil), (.samples, samples != nil),
      (.fitness, fitness != nil),
    ]
    for (key, present) in given where present && !(uses[name]?.contains(key) ?? false) {
      throw ConfigError(
        path: "strategy.\(key.stringValue)",
        message: "not a parameter of strategy '\(name.rawValue)'")
    }
    for (key, value) in [
      (CodingKeys.populationSize, populationSize), (.sampleSize, sampleSize),
      (.samples, samples),
    ] {
      if let value, value < 1 {
        throw ConfigError(path: "strategy.\(key.stringValue)", message: "expected an integer ≥ 1")
      }
    }
    let population = populationSize ?? (name == .proxyREA ? 64 : 10)
    if let sampleSize, sampleWithReplacement == false, sampleSize > population {
      throw ConfigError(
        path: "strategy.sample_size",
        message: "a tournament without replacement cannot draw \(sampleSize) of \(population)")
    }
    if name == .area || name == .proxyREA, let samples, samples < population {
      throw ConfigError(
        path: "strategy.samples",
        message: "the warm-up must score at least population_size (\(population)) architectures")
    }
  }
}
