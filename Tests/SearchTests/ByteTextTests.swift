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
      cache.append(value, to: &text)
      #expect(text.text == value.description)
      var csv = ByteText()
      cache.appendCSV(value, to: &csv)
      #expect(csv.text == CSVText.number(value))
    }
  }
}
