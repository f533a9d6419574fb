import SearchSpace

/// Regularized evolution (REA; Real et al., AAAI 2019), "aging evolution".
///
/// Start with `populationSize` random architectures; each cycle draws `sampleSize`
/// members of the population (with or without replacement), mutates the fittest of
/// them with the space's mutation, appends the child and removes the oldest member.
/// Defaults are the NAS-Bench-201 paper's (XAutoDL `R_EA.py`): population 10, sample 3
/// drawn with replacement. NAS-Bench-101's colab uses population 50, sample 10 without
/// replacement. With the proxy as fitness this is proxy-guided REA.
///
/// The population can be seeded (AREA): `initialPopulation` architectures replace the
/// random start.
public struct RegularizedEvolution: SearchStrategy {
  /// Members of the population.
  public var populationSize: Int
  /// Members drawn for each tournament.
  public var sampleSize: Int
  /// Whether the tournament draws with replacement (NB201: yes; NB101 colab: no).
  public var sampleWithReplacement: Bool
  /// Which evaluator is the fitness.
  public var fitness: FitnessSource

  /// Creates an REA with explicit hyper-parameters.
  public init(
    populationSize: Int = 10, sampleSize: Int = 3, sampleWithReplacement: Bool = true,
    fitness: FitnessSource = .benchmark
  ) {
    self.populationSize = populationSize
    self.sampleSize = sampleSize
    self.sampleWithReplacement = sampleWithReplacement
    self.fitness = fitness
  }

  /// `rea`.
  public var name: String { "rea" }
  /// The fitness source.
  public var selection: FitnessSource { fitness }
  /// The fitness source.
  public var requiredSources: Set<FitnessSource> { [fitness] }

  /// Evolves from a random population until the budget is exhausted.
  /// (Specialised for NB201, whose benchmark-only searches are loops of table lookups.)
  @_specialize(where Space == NB201Space)
  public func run<Space: SearchSpace>(_ run: SearchRun<Space>) throws(SearchInterruption) {
    var population: [Member<Space.Architecture>] = []
    while population.count < populationSize {
      let architecture = run.space.sample(using: &run.rng)
      population.append(Member(architecture, try run.evaluate(architecture, with: fitness)))
    }
    try evolve(population, in: run)
  }

  /// Runs the evolution cycles from `population` (oldest first).
  func evolve<Space: SearchSpace>(
    _ initial: [Member<Space.Architecture>], in run: SearchRun<Space>
  ) throws(SearchInterruption) {
    var population = initial
    while true {
      let parent = tournament(population, using: &run.rng)
      let child = run.space.mutate(parent.architecture, using: &run.rng)
      population.append(Member(child, try run.evaluate(child, with: fitness)))
      population.removeFirst()
    }
  }

  /// The fittest of `sampleSize` members drawn from `population` (the first drawn wins ties,
  /// like Python's `max`).
  func tournament<Architecture>(
    _ population: [Member<Architecture>], using rng: inout SplitMix64
  ) -> Member<Architecture> {
    if sampleWithReplacement {
      // Drawn and compared one at a time (the same draws, without an array per cycle).
      var best = population[Int.random(in: 0..<population.count, using: &rng)]
      for _ in 1..<max(sampleSize, 1) {
        let drawn = population[Int.random(in: 0..<population.count, using: &rng)]
        if drawn.fitness > best.fitness { best = drawn }
      }
      return best
    }
    var pool = Array(population.indices)
    for i in 0..<min(sampleSize, pool.count) {
      pool.swapAt(i, Int.random(in: i..<pool.count, using: &rng))
    }
    let indices = Array(pool.prefix(sampleSize))
    var best = population[indices[0]]
    for index in indices.dropFirst() where population[index].fitness > best.fitness {
      best = population[index]
    }
    return best
  }
}

/// A population member: an architecture and its fitness.
struct Member<Architecture> {
  var architecture: Architecture
  var fitness: Double

  init(_ architecture: Architecture, _ fitness: Double) {
    self.architecture = architecture
    self.fitness = fitness
  }
}
