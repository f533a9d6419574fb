import SearchSpace

/// AREA, "assisted regularised evolution" (Mellor et al., ICML 2021, §4.1): score M
/// random architectures with the proxy, seed REA's population with the best P of them,
/// then evolve with the benchmark's accuracy as fitness.
///
/// The paper gives no code; defaults follow its text: M = 20, P = 10, tournament 3,
/// 12,000 simulated seconds on NAS-Bench-201. Published (CIFAR-10 val): 91.20 ± 0.27.
/// The seeded members are evaluated by the benchmark (and charged) before evolution;
/// when the evolution's fitness is the proxy itself (proxy-guided REA, after epsinas),
/// their warm-up scores are their fitness and nothing is evaluated twice.
public struct AssistedEvolution: SearchStrategy {
  /// `area`, or `proxy-rea` when the evolution's fitness is the proxy.
  public var name: String
  /// Random architectures scored with the proxy (M).
  public var proxySamples: Int
  /// The evolution that follows; its population size is P.
  public var evolution: RegularizedEvolution

  /// Creates an AREA.
  public init(
    name: String = "area", proxySamples: Int = 20,
    evolution: RegularizedEvolution = RegularizedEvolution()
  ) {
    self.name = name
    self.proxySamples = proxySamples
    self.evolution = evolution
  }

  /// The evolution's fitness decides.
  public var selection: FitnessSource { evolution.fitness }
  /// Both the proxy and the evolution's fitness.
  public var requiredSources: Set<FitnessSource> { [.proxy, evolution.fitness] }

  /// Scores the warm-up samples, seeds the population, evolves.
  public func run<Space: SearchSpace>(_ run: SearchRun<Space>) throws(SearchInterruption) {
    var scored: [(architecture: Space.Architecture, score: Double, order: Int)] = []
    for order in 0..<proxySamples {
      let architecture = run.space.sample(using: &run.rng)
      scored.append((architecture, try run.evaluate(architecture, with: .proxy), order))
    }
    // Best first; earlier samples win ties so the order is deterministic.
    scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.order < $1.order }
    // The seeded population keeps sampling order, so "oldest" means "sampled first".
    let seeds = scored.prefix(evolution.populationSize).sorted { $0.order < $1.order }
    var population: [Member<Space.Architecture>] = []
    for candidate in seeds {
      let fitness =
        evolution.fitness == .proxy
        ? candidate.score : try run.evaluate(candidate.architecture, with: evolution.fitness)
      population.append(Member(candidate.architecture, fitness))
    }
    try evolution.evolve(population, in: run)
  }
}
