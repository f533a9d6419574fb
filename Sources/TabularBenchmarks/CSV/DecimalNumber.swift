/// Parses the decimal numbers of CSV fields straight from their bytes.
///
/// Accepted: optional spaces, an optional sign, digits with an optional fraction
/// (`12`, `12.5`, `.5`, `12.`), an optional exponent (`1e-5`, `2.5E+3`), optional
/// spaces. Rejected: `nan`, `inf`, hexadecimal floats, thousands separators, empty
/// fields, and values that overflow to infinity, because a table's metric must be
/// a finite number.
///
/// Results are correctly rounded, bit for bit what `Double(String)` gives: most
/// fields take Clinger's
/// exact fast path (one correctly rounded multiplication or division of two exactly
/// representable numbers: at most 19 digits forming an integer ≤ 2⁵³, scaled by
/// 10^±22 at most); the rest are handed to `Double(String)`. The commonest form,
/// `69.550000`, is read eight bytes at a time (``parseCommonForm(_:)``).
enum DecimalNumber {
  /// The finite value of `field`, or nil when it is not a decimal number.
  ///
  /// - Complexity: O(*n*) in the field's length.
  @inline(__always)
  static func parse(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
    if let value = parseCommonForm(field) { return value }
    return parseGenerally(field)
  }

  /// The finite value of `field`, or nil when it is not a decimal number, read
  /// byte by byte: any form, as described above.
  ///
  /// - Complexity: O(*n*) in the field's length.
  @inline(__always)
  static func parseGenerally(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
    guard let base = field.baseAddress else { return nil }
    var start = 0
    var end = field.count
    while start < end && (base[start] == 0x20 || base[start] == 0x09) { start += 1 }
    while end > start && (base[end &- 1] == 0x20 || base[end &- 1] == 0x09) { end -= 1 }
    guard start < end else { return nil }

    var index = start
    let negative = base[index] == UInt8(ascii: "-")
    if negative || base[index] == UInt8(ascii: "+") { index += 1 }

    // All digits go into `mantissa`; with more than 19 of them it may have wrapped,
    // and the slow path below takes over. `exponent` scales `mantissa`.
    var mantissa: UInt64 = 0
    var digits = 0
    while index < end {
      let digit = base[index] &- 0x30
      guard digit < 10 else { break }
      mantissa = mantissa &* 10 &+ UInt64(digit)
      digits &+= 1
      index &+= 1
    }
    var exponent = 0
    if index < end && base[index] == UInt8(ascii: ".") {
      index &+= 1
      let fractionStart = index
      while index < end {
        let digit = base[index] &- 0x30
        guard digit < 10 else { break }
        mantissa = mantissa &* 10 &+ UInt64(digit)
        index &+= 1
      }
      digits &+= index &- fractionStart
      exponent = fractionStart &- index
    }
    guard digits > 0 else { return nil }

    if index < end && (base[index] | 0x20) == UInt8(ascii: "e") {
      index += 1
      var exponentNegative = false
      if index < end && (base[index] == UInt8(ascii: "-") || base[index] == UInt8(ascii: "+")) {
        exponentNegative = base[index] == UInt8(ascii: "-")
        index += 1
      }
      var written = 0
      var exponentDigits = 0
      while index < end {
        let digit = base[index] &- 0x30
        guard digit < 10 else { break }
        // Saturate: anything this large is zero or infinity anyway.
        if written < 1_000_000 { written = written * 10 + Int(digit) }
        exponentDigits += 1
        index += 1
      }
      guard exponentDigits > 0 else { return nil }
      exponent += exponentNegative ? -written : written
    }
    guard index == end else { return nil }

    if digits <= 19 && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
      let scale = powerOfTen(exponent < 0 ? -exponent : exponent)
      let magnitude = exponent < 0 ? Double(mantissa) / scale : Double(mantissa) * scale
      return negative ? -magnitude : magnitude
    }
    // Rare: more than 19 digits, a mantissa above 2^53 or a large exponent. The grammar is checked, so the standard
    // library sees only a plain decimal literal.
    let text = String(
      decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
    guard let value = Double(text), value.isFinite else { return nil }
    return value
  }

  /// 10^`exponent` for `exponent` in 0...22, all exactly representable (a switch of
  /// constants, which the compiler turns into a table lookup).
  @inline(__always)
  static func powerOfTen(_ exponent: Int) -> Double {
    switch exponent {
    case 0: 1e0
    case 1: 1e1
    case 2: 1e2
    case 3: 1e3
    case 4: 1e4
    case 5: 1e5
    case 6: 1e6
    case 7: 1e7
    case 8: 1e8
    case 9: 1e9
    case 10: 1e10
    case 11: 1e11
    case 12: 1e12
    case 13: 1e13
    case 14: 1e14
    case 15: 1e15
    case 16: 1e16
    case 17: 1e17
    case 18: 1e18
    case 19: 1e19
    case 20: 1e20
    case 21: 1e21
    default: 1e22
    }
  }
}
