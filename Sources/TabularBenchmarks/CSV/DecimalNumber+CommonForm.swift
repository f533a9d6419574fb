extension DecimalNumber {
  /// The value of a field of the forms tables mostly hold, `69.550000` (1 to 7
  /// digits, a dot, 1 to 8 digits, 8 to 16 bytes in all) and `42` (1 to 7 digits),
  /// nothing else; nil for any other field, which the general parser then reads.
  ///
  /// The field's first and last eight bytes are loaded as two little-endian words
  /// (SWAR; they overlap when the field is shorter than 16 bytes). Carry-free bit
  /// tricks find the dot and check that every other byte is a digit, and
  /// multiply-shift steps turn the integer and fraction digits into numbers. The
  /// mantissa, exponent and Clinger fast path are exactly the general parser's, so
  /// the result is the same, bit for bit; a mantissa above 2⁵³ is left to it.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  static func parseCommonForm(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
    let count = field.count
    guard count <= 16, let base = field.baseAddress else { return nil }
    if count < 8 { return parseShortInteger(base, count: count) }
    let raw = UnsafeRawPointer(base)
    let first = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
    let last = UInt64(
      littleEndian: raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
    // The dot is the first byte that is not a digit; it must leave 1...8 digits after it.
    let dot = nonDigitBytes(first).trailingZeroBitCount &>> 3
    let fractionDigits = count &- dot &- 1
    guard dot > 0 && dot < 8 && fractionDigits <= 8 && base[dot] == UInt8(ascii: ".") else {
      return nil
    }
    let fractionMask = UInt64.max &<< UInt64(truncatingIfNeeded: (8 &- fractionDigits) &* 8)
    guard nonDigitBytes(last) & fractionMask == 0 else { return nil }
    // The integer digits moved to the top of a word, zero bytes below as leading zeros.
    let integerShift = UInt64(truncatingIfNeeded: (8 &- dot) &* 8)
    let integer = value(ofDigits: first &<< integerShift)
    let fraction = value(ofDigits: last & fractionMask)
    let mantissa = integer &* powerOfTenInteger(fractionDigits) &+ fraction
    guard mantissa <= 1 << 53 else { return nil }
    return Double(mantissa) / powerOfTen(fractionDigits)
  }

  /// The value of a field of 1 to 7 digits and nothing else, or nil.
  ///
  /// Such an integer is below 2⁵³, so the general parser's Clinger path would return
  /// it unscaled: the same bits as here.
  @inline(__always)
  private static func parseShortInteger(_ base: UnsafePointer<UInt8>, count: Int) -> Double? {
    guard count > 0 else { return nil }
    var mantissa: UInt64 = 0
    for index in 0..<count {
      let digit = base[index] &- 0x30
      guard digit < 10 else { return nil }
      mantissa = mantissa &* 10 &+ UInt64(digit)
    }
    return Double(mantissa)
  }
}
