import Testing
@testable import Networks

struct NetworksSmokeTests {
  @Test func moduleLinks() {
    #expect(Bool(true))
  }
}
