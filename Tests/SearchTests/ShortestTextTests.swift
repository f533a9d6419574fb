import SearchSpace
import Testing

@testable import Search

/// `ShortestText` makes the text of `description` for every finite `Double`.
struct ShortestTextTests {
  func text(_ value: Double) -> String {
    ShortestText(value).withBytes { String(decoding: $0, as: UTF8.self) }
  }

  @Test func edgeValuesReadAsTheirDescription() {
    let values: [Double] = [
      0, -0.0, 1, -1, 0.1, 1e16, 1e-5, 123_456_789_012_345_680, 12089.856588000002,
      104.37505199999998, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
      .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
      -2.2250738585072014e-308, 1.7976931348623157e308,
      9_007_199_254_740_992,
    ]
    for value in values { #expect(text(value) == value.description, "\(value)") }
  }

  @Test func randomBitPatternsReadAsTheirDescription() {
    var generator = SplitMix64(seed: 2026)
    var checked = 0
    while checked < 200_000 {
      let value = Double(bitPattern: generator.next())
      guard value.isFinite else { continue }
      if text(value) != value.description {
        Issue.record("\(value.bitPattern): '\(text(value))' != '\(value.description)'")
        return
      }
      checked += 1
    }
  }

  @Test func sumsOfTableCostsReadAsTheirDescription() {
    // The simulated seconds of a search: running sums of 12 × a six-decimal epoch time.
    var generator = SplitMix64(seed: 7)
    var sum = 0.0
    for _ in 0..<100_000 {
      sum += 12 * (Double(generator.next() % 30_000_000) / 1e6)
      #expect(text(sum) == sum.description)
    }
  }
}
