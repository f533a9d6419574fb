import SearchSpace
import Testing

@testable import Search

struct BudgetTests {
  @Test func simulatedBudgetCountsTheCrossingEvaluation() throws {
    let outcome = try toySpecification(RandomSearch(), budget: SearchBudget(simulatedSeconds: 50))
      .execute(seed: 11)
    #expect(outcome.stopReason == .simulatedTime)
    let costs = outcome.history.map(\.simulatedCost)
    // Stops right after the total reaches 50: without the last one it was below.
    #expect(costs.reduce(0, +) >= 50)
    #expect(costs.dropLast().reduce(0, +) < 50)
    #expect(outcome.usage.simulatedSeconds == costs.reduce(0, +))
  }

  @Test func firstLimitReachedStopsTheRun() throws {
    // Each evaluation costs at most 11 s, so 5 evaluations cost at most 55 < 1000.
    let outcome = try toySpecification(
      RandomSearch(), budget: SearchBudget(evaluations: 5, simulatedSeconds: 1000)
    ).execute(seed: 2)
    #expect(outcome.stopReason == .evaluations)
    #expect(outcome.history.count == 5)
  }

  @Test func wallClockBudgetStopsAnEndlessSearch() throws {
    let outcome = try toySpecification(RandomSearch(), budget: SearchBudget(wallSeconds: 0.05))
      .execute(seed: 2)
    #expect(outcome.stopReason == .wallTime)
    #expect(outcome.usage.wallSeconds >= 0.05)
  }

  @Test func repeatedArchitecturesAreCachedButCharged() throws {
    // 2,000 samples of a 1,024-element space must repeat; each repeat is still charged.
    let outcome = try toySpecification(RandomSearch(), budget: SearchBudget(evaluations: 2000))
      .execute(seed: 4)
    let distinct = Set(outcome.history.map(\.architecture)).count
    #expect(distinct < 2000)
    let expected = outcome.history.reduce(0.0) { total, entry in
      total + Double(entry.architecture.filter { $0 == "1" }.count + 1)
    }
    #expect(outcome.usage.simulatedSeconds == expected)
  }
}
