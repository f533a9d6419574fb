import Testing
@testable import Search

struct SearchSmokeTests {
  @Test func moduleLinks() {
    #expect(Bool(true))
  }
}
