import Foundation
import SearchSpace
import Testing

@testable import Search

/// The byte writers of the large result files give exactly the texts of the plain ones.
struct ByteTextTests {
  /// Integers, literals, strings and other buffers, appended across the storage's growth.
  @Test func appendsMakeTheTextOfTheirPieces() {
    var text = ByteText()
    var expected = ""
    for value in [0, 7, -1, 42, Int.max, Int.min, 1_000_000] {
      text.append(value)
      text.append(literal: ",")
      expected += "\(value),"
    }
    text.append(UInt64.max)
    text.append(ascii: "|")
    text.append("ünïcödé and a long enough string to make the storage grow once more")
    expected += "\(UInt64.max)|ünïcödé and a long enough string to make the storage grow once more"
    var other = ByteText()
    other.append(literal: "tail")
    text.append(bytes: other)
    expected += "tail"
    #expect(text.text == expected)
    #expect(text.count == expected.utf8.count)
    #expect(text.bytes == Array(expected.utf8))
    text.removeAll()
    #expect(text.isEmpty && text.text.isEmpty)
  }

  /// The 16-byte scans find a special byte at every position of texts around the block
  /// size, and quote exactly as `JSONValue` and `CSVText` do.
  @Test func quotingScansFindEverySpecialByte() {
    for length in [0, 1, 15, 16, 17, 31, 32, 33, 90] {
      let plain = String(repeating: "a", count: length)
      var text = ByteText()
      text.appendJSONString(plain)
      text.appendCSVField(plain)
      #expect(text.text == "\"\(plain)\"" + plain)
      for position in 0..<length {
        for special in ["\"", "\\", "\n", ",", "\r", "\u{1}"] {
          var characters = Array(plain)
          characters[position] = Character(special)
          let field = String(characters)
          var json = ByteText()
          json.appendJSONString(field)
          var quoted = ""
          JSONValue.quote(field, into: &quoted)
          let needsJSON = ["\"", "\\", "\n", "\r", "\u{1}"].contains(special)
          #expect(json.text == (needsJSON ? quoted : "\"\(field)\""))
          var csv = ByteText()
          csv.appendCSVField(field)
          #expect(csv.text == CSVText.field(field))
        }
      }
    }
  }

  /// Cached number texts are `Double.description` (CSV: `CSVText.number`), whatever
  /// the slot collisions, for repeated, new and non-finite values.
  @Test func numberTextsAreTheDescriptions() {
    let cache = NumberTexts(bits: 4)
    var rng = SplitMix64(seed: 3)
    var values: [Double] = [
      0, -0.0, 1, 72.11, 104.37505199999998, 9.623300000000001e-05, 1e300,
      -2.2250738585072014e-308, .infinity, -.infinity, .nan,
    ]
    for _ in 0..<200 { values.append(Double(rng.next() % 100_000) / 1000) }
    for _ in 0..<50 { values.append(Double(bitPattern: rng.next() >> 2)) }
    for value in values + values.reversed() + values {
      var text = ByteText()
      text.appendRow(maximumCount: 32) { cache.write(value, to: &$0) }
      #expect(text.text == value.description)
      var csv = ByteText()
      cache.appendCSV(value, to: &csv)
      #expect(csv.text == CSVText.number(value))
    }
  }
}

/// Wall seconds are whole microseconds in fixed point, and read back as the value a run
/// keeps.
struct WallSecondsTests {
  @Test(arguments: [
    (0.0, "0.000000"), (0.000123, "0.000123"), (0.0001234, "0.000123"), (0.0000006, "0.000001"),
    (0.00000049, "0.000000"), (1.5, "1.500000"), (12.3456789, "12.345679"),
    (3_600.000_001, "3600.000001"), (-0.25, "-0.250000"), (1e10, "10000000000.0"),
    (.infinity, "inf"), (.nan, "nan"),
  ])
  func textsAreFixedPointMicroseconds(_ seconds: Double, _ expected: String) {
    #expect(WallSeconds.text(seconds) == expected)
  }

  /// The rounded value reads back from its text bit for bit, and writes the same text.
  @Test func roundedValuesRoundTripThroughTheirTexts() {
    var rng = SplitMix64(seed: 11)
    var mismatches = 0
    for round in 0..<20_000 {
      let scale = [1e-6, 1e-3, 1, 1e3, 1e6, 1e8][round % 6]
      let seconds = Double(rng.next() >> 11) / Double(1 << 53) * scale
      let rounded = WallSeconds.rounded(seconds)
      let text = WallSeconds.text(seconds)
      if Double(text)?.bitPattern != rounded.bitPattern || WallSeconds.text(rounded) != text
        || (rounded - seconds).magnitude > 5e-7 * (1 + seconds / 1e6)
      {
        mismatches += 1
      }
    }
    #expect(mismatches == 0)
  }
}

/// Journal lines (plain and quoted architecture texts, with and without a failure) are the
/// expected JSON text, and `history.csv` rows written in one piece (plain architecture
/// texts) are the texts of the piece-by-piece writer (texts that need quoting).
struct RowWriterTests {
  private func entry(_ architecture: String, failure: String? = nil) -> HistoryEntry {
    HistoryEntry(
      index: 3, architecture: architecture, source: .benchmark, fitness: 72.11,
      simulatedCost: 104.37505199999998, wallSeconds: 0.000123,
      simulatedSeconds: 187.001892, failureReason: failure)
  }

  @Test func writerPiecesAreThoseOfTheAppends() {
    let integers = [0, 7, 9, 10, 99, 100, 12_345, -1, -10, Int.max, Int.min, 1_000_000_000]
    var text = ByteText()
    text.appendRow(maximumCount: 512) { row in
      for value in integers {
        row.write(value)
        row.write(ascii: ",")
      }
      row.write(UInt64.max)
      row.write(UInt64(10_000_000_000_000_000_000))
      row.write(literal: "|")
      row.write("ünï")
      row.writeWallSeconds(2.5)
    }
    let expected =
      integers.map { "\($0)," }.joined() + "\(UInt64.max)10000000000000000000|ünï2.500000"
    #expect(text.text == expected)
  }

  @Test func journalLinesAreThoseOfTheAppends() {
    let numbers = (NumberTexts(bits: 4), NumberTexts(bits: 4))
    for (architecture, quoted) in [("|a~0|", "\"|a~0|\""), ("|a\"b~0|", "\"|a\\\"b~0|\"")] {
      for failure in [nil, "timed out"] {
        var text = ByteText()
        Journal.encode(
          entry(architecture, failure: failure), run: 7, into: &text, cellNumbers: numbers.0,
          runNumbers: numbers.1)
        let expected =
          "{\"run\":7,\"index\":3,\"arch\":\(quoted),\"source\":\"benchmark\","
          + "\"fitness\":\"72.11\",\"cost\":\"104.37505199999998\",\"wall\":\"0.000123\","
          + "\"simulated\":\"187.001892\""
          + (failure.map { ",\"failure\":\"\($0)\"" } ?? "") + "}\n"
        #expect(text.text == expected)
      }
    }
  }

  @Test func historyRowsAreThoseOfTheAppends() {
    for architecture in ["|a~0|", "|a,b~0|"] {
      var history = [entry(architecture), entry(architecture)]
      history[1].index = 4
      history[1].fitness = -.infinity
      history[1].wallSeconds = 1.5
      let outcome = RunOutcome(
        seed: 9, strategy: "rea", best: history[0], bestProxyScore: nil, bestMetrics: [],
        usage: BudgetUsage(), stopReason: .evaluations, history: history,
        bestSoFarMetric: [88.5, 88.5])
      for numbers in [nil, (NumberTexts(bits: 4), NumberTexts(bits: 4))] {
        var text = ByteText()
        HistoryCSV.appendRows(
          run: 2, outcome, selection: .benchmark, to: &text, numbers: numbers)
        let field = CSVText.field(architecture)
        #expect(
          text.text
            == "2,9,3,\(field),benchmark,72.11,72.11,88.5,0.000123,187.001892\n"
            + "2,9,4,\(field),benchmark,-inf,72.11,88.5,1.500000,187.001892\n")
      }
    }
  }
}
