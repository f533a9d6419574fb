import Foundation
import NASTestSupport
import SearchSpace
import Testing

@testable import TabularBenchmarks

struct DecimalNumberTests {
  private func parse(_ text: String) -> Double? {
    Array(text.utf8).withUnsafeBufferPointer { DecimalNumber.parse($0) }
  }

  @Test(arguments: [
    ("81.982667", 81.982667), ("0", 0), ("-0.5", -0.5), ("+3", 3), (".5", 0.5), ("5.", 5),
    ("1e-5", 1e-5), ("2.5E+3", 2500), ("  7.25 ", 7.25), ("-1e8", -1e8),
    ("0.000000000000000000000000001", 1e-27),
    ("123456789012345678901234567890", 1.2345678901234568e29),
    ("9007199254740993", 9_007_199_254_740_992), ("1e308", 1e308),
    ("4.9e-324", .leastNonzeroMagnitude),
  ])
  func parsesDecimalForms(_ text: String, _ expected: Double) {
    #expect(parse(text) == expected)
  }

  @Test(arguments: [
    "", " ", "nan", "-nan", "inf", "+inf", "infinity", "0x10", "1e", "1e+", "e5", ".", "-", "+.",
    "1.2.3", "1,5", "1 2", "١٢", "1e999", "-1e999", "12abc", "--1",
  ])
  func rejectsEverythingElse(_ text: String) {
    #expect(parse(text) == nil)
  }

  @Test func agreesBitForBitWithTheStandardLibrary() {
    var rng = SplitMix64(seed: 42)
    var mismatches = Mismatches()
    for round in 0..<50_000 {
      let integerDigits = Int(rng.next() % 12)
      let fractionDigits = Int(rng.next() % (round % 7 == 0 ? 25 : 9))
      var text = rng.next() % 3 == 0 ? "-" : ""
      for _ in 0..<integerDigits { text += String(rng.next() % 10) }
      if fractionDigits > 0 || integerDigits == 0 {
        text += "."
        for _ in 0..<max(fractionDigits, 1) { text += String(rng.next() % 10) }
      }
      if rng.next() % 4 == 0 {
        text += "e" + String(Int(rng.next() % 80) - 40)
      }
      let expected = Double(text)
      let found = parse(text)
      mismatches.check(
        found?.bitPattern == expected?.bitPattern,
        "\(text): \(String(describing: found)) vs \(String(describing: expected))")
    }
    mismatches.expectNone()
  }
}

/// Every number of the real NB201 tables parses to the bits `Double(String)` gives.
struct DecimalNumberTableTests {
  @Test(
    .requiresData, arguments: ["nasbench201/nb201_200epoch.csv", "nasbench201/nb201_12epoch.csv"])
  func everyNumberOfTheTableAgreesWithTheStandardLibrary(_ path: String) throws {
    let table = try CSVTable(contentsOf: try TestData.url(path))
    var checked = 0
    var mismatches = Mismatches()
    for column in 0..<table.columnNames.count {
      for row in 0..<table.rowCount {
        let text = try table.text(row: row, column: column)
        guard let expected = Double(text) else { continue }
        let found = table.withFieldBytes(row: row, column: column, DecimalNumber.parse)
        mismatches.check(
          found?.bitPattern == expected.bitPattern,
          "\(path) row \(row) column \(column): \(text) gave \(String(describing: found))")
        checked += 1
      }
    }
    mismatches.expectNone()
    #expect(checked > 100_000)
  }
}
