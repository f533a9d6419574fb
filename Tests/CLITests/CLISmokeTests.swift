import Testing

struct CLISmokeTests {
  @Test func placeholder() { #expect(Bool(true)) }
}
