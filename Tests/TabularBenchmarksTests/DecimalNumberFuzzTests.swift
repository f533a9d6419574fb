import NASTestSupport
import SearchSpace
import Testing

@testable import TabularBenchmarks

/// Random decimal-looking strings, well formed or not, parse exactly as
/// `Double(String)` parses them: the same bits, or nil for both.
///
/// `DecimalNumber` reads digits eight bytes at a time, with a different load near a
/// field's end and a plain loop for short fields; random lengths 1–30 over digits,
/// dots, exponent letters and signs reach every one of those paths, with digit runs
/// of every length at every offset.
struct DecimalNumberFuzzTests {
  /// The finite value `Double(String)` gives, as `DecimalNumber` should.
  private func expected(_ text: String) -> Double? {
    guard let value = Double(text), value.isFinite else { return nil }
    return value
  }

  private func parse(_ bytes: [UInt8]) -> Double? {
    bytes.withUnsafeBufferPointer { DecimalNumber.parse($0) }
  }

  @Test func randomStringsAgreeWithTheStandardLibrary() {
    // Digits dominate so that long runs occur; the rest makes malformed strings.
    let alphabet = Array("0123456789012345678901234567890123456789..eE+-".utf8)
    var rng = SplitMix64(seed: 7)
    var mismatches = Mismatches()
    var accepted = 0
    for _ in 0..<200_000 {
      let length = 1 + Int(rng.next() % 30)
      let bytes = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
      let text = String(decoding: bytes, as: UTF8.self)
      let want = expected(text)
      let found = parse(bytes)
      if want != nil { accepted += 1 }
      mismatches.check(
        found?.bitPattern == want?.bitPattern,
        "\(text): \(String(describing: found)) vs \(String(describing: want))")
    }
    mismatches.expectNone()
    #expect(accepted > 10_000)
  }

  @Test func wellFormedNumbersOfEveryShapeAgreeWithTheStandardLibrary() {
    var rng = SplitMix64(seed: 8)
    var mismatches = Mismatches()
    for _ in 0..<200_000 {
      var text = ["", "-", "+"][Int(rng.next() % 3)]
      let integerDigits = Int(rng.next() % 21)
      for _ in 0..<integerDigits { text += String(rng.next() % 10) }
      if integerDigits == 0 || rng.next() % 4 != 0 {
        text += "."
        let fractionDigits = Int(rng.next() % 21)
        for _ in 0..<(integerDigits == 0 ? max(fractionDigits, 1) : fractionDigits) {
          text += String(rng.next() % 10)
        }
      }
      if rng.next() % 3 == 0 {
        text += ["e", "E"][Int(rng.next() % 2)] + ["", "-", "+"][Int(rng.next() % 3)]
        text += String(rng.next() % 40)
      }
      let want = expected(text)
      let found = parse(Array(text.utf8))
      mismatches.check(
        want != nil && found?.bitPattern == want?.bitPattern,
        "\(text): \(String(describing: found)) vs \(String(describing: want))")
    }
    mismatches.expectNone()
  }

  @Test func commonFormAgreesWithTheGeneralParser() {
    var rng = SplitMix64(seed: 9)
    var mismatches = Mismatches()
    var taken = 0
    for _ in 0..<200_000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int(rng.next() % 10) { bytes.append(UInt8(ascii: "0") + UInt8(rng.next() % 10)) }
      if rng.next() % 8 != 0 { bytes.append(UInt8(ascii: ".")) }
      for _ in 0..<Int(rng.next() % 11) { bytes.append(UInt8(ascii: "0") + UInt8(rng.next() % 10)) }
      if !bytes.isEmpty && rng.next() % 10 == 0 {
        bytes[Int(rng.next() % UInt64(bytes.count))] = Array(" +-e.x/:".utf8)[Int(rng.next() % 8)]
      }
      let (fast, general) = bytes.withUnsafeBufferPointer {
        (DecimalNumber.parseCommonForm($0), DecimalNumber.parseGenerally($0))
      }
      if let fast {
        taken += 1
        mismatches.check(
          fast.bitPattern == general?.bitPattern,
          "\(String(decoding: bytes, as: UTF8.self)): \(fast) vs \(String(describing: general))")
      }
    }
    mismatches.expectNone()
    #expect(taken > 20_000)
  }
}
