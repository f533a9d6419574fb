import Testing
@testable import Proxies

struct ProxiesSmokeTests {
  @Test func moduleLinks() {
    #expect(Bool(true))
  }
}
