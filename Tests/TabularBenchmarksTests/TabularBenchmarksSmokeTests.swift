import Testing
@testable import TabularBenchmarks

struct TabularBenchmarksSmokeTests {
  @Test func moduleLinks() {
    #expect(Bool(true))
  }
}
