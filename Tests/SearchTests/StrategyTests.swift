import SearchSpace
import Testing

@testable import Search

struct StrategyTests {
  @Test func regularizedEvolutionSolvesOneMaxWithinBudget() throws {
    // 10 ones is the optimum; REA with 300 evaluations on a 10-bit OneMax finds it for
    // every seed tried (each mutation flips one bit, the tournament keeps the best).
    for seed in 0..<20 as Range<UInt64> {
      let spec = toySpecification(RegularizedEvolution(), budget: SearchBudget(evaluations: 300))
      let outcome = try spec.execute(seed: seed)
      #expect(outcome.best?.fitness == 10)
      #expect(outcome.stopReason == .evaluations)
      #expect(outcome.usage.evaluations == 300)
    }
  }

  @Test func regularizedEvolutionBeatsRandomSearchOnAverage() throws {
    var reaTotal = 0.0
    var randomTotal = 0.0
    for seed in 0..<30 as Range<UInt64> {
      let budget = SearchBudget(evaluations: 40)
      reaTotal +=
        try toySpecification(RegularizedEvolution(), budget: budget).execute(seed: seed)
        .best?.fitness ?? 0
      randomTotal +=
        try toySpecification(RandomSearch(), budget: budget).execute(seed: seed)
        .best?.fitness ?? 0
    }
    #expect(reaTotal > randomTotal)
  }

  @Test func populationIsChargedAndEvolutionMutatesBest() throws {
    let spec = toySpecification(
      RegularizedEvolution(populationSize: 5, sampleSize: 2), budget: SearchBudget(evaluations: 12))
    let outcome = try spec.execute(seed: 7)
    #expect(outcome.history.count == 12)
    // Every child (from evaluation 5 on) differs from some earlier member by one bit.
    let space = ToySpace()
    for entry in outcome.history.dropFirst(5) {
      let child = try space.parse(entry.architecture)
      let earlier = try outcome.history.prefix(entry.index).map { try space.parse($0.architecture) }
      #expect(earlier.contains { ($0 ^ child).nonzeroBitCount == 1 })
    }
  }

  @Test func tournamentWithoutReplacementDrawsDistinctMembers() {
    let rea = RegularizedEvolution(populationSize: 4, sampleSize: 4, sampleWithReplacement: false)
    let population = (0..<4).map { Member(UInt16($0), Double($0)) }
    var rng = SplitMix64(seed: 1)
    for _ in 0..<100 {
      // Drawing all four without replacement always includes the best (fitness 3).
      #expect(rea.tournament(population, using: &rng).fitness == 3)
    }
  }

  @Test func proxySamplingReturnsHighestProxyScore() throws {
    let spec = toySpecification(ProxySampling(sampleCount: 50), budget: SearchBudget())
    let outcome = try spec.execute(seed: 3)
    #expect(outcome.stopReason == .completed)
    #expect(outcome.history.count == 50)
    let maxScore = outcome.history.map(\.fitness).max()
    #expect(outcome.best?.fitness == maxScore)
    #expect(outcome.best?.source == .proxy)
    #expect(outcome.bestProxyScore == maxScore)
  }

  @Test func assistedEvolutionSeedsPopulationWithTopProxyScores() throws {
    let area = AssistedEvolution(
      proxySamples: 8, evolution: RegularizedEvolution(populationSize: 3))
    let outcome = try toySpecification(area, budget: SearchBudget(evaluations: 20)).execute(seed: 5)
    let warmUp = outcome.history.prefix(8)
    #expect(warmUp.allSatisfy { $0.source == .proxy })
    let seeded = outcome.history[8..<11]
    #expect(seeded.allSatisfy { $0.source == .benchmark })
    // The seeded members are the three best proxy scores of the warm-up.
    let topScores = warmUp.map(\.fitness).sorted(by: >).prefix(3)
    let seededScores = try seeded.map {
      try LowBitsProxy().evaluate(ToySpace().parse($0.architecture)).fitness
    }
    #expect(seededScores.sorted(by: >) == Array(topScores))
    #expect(outcome.best?.source == .benchmark)
  }
}
