extension DecimalNumber {
  /// A nonzero byte for each byte of `word` that is not an ASCII digit, zero bytes
  /// for digits.
  ///
  /// After `xor 0x30` a digit byte is 0...9: its high nibble is zero and its low
  /// nibble plus 6 stays below 0x10. Neither test carries between bytes.
  @inline(__always)
  static func nonDigitBytes(_ word: UInt64) -> UInt64 {
    let shifted = word ^ 0x3030_3030_3030_3030
    let highNibbles = shifted & 0xF0F0_F0F0_F0F0_F0F0
    let overNine =
      ((shifted & 0x0F0F_0F0F_0F0F_0F0F) &+ 0x0606_0606_0606_0606) & 0x1010_1010_1010_1010
    return highNibbles | overNine
  }

  /// The decimal value of the eight bytes of `word`, ASCII digits or zero bytes
  /// (leading zeros), the lowest byte being the most significant digit.
  ///
  /// Pairs, then quads, then the two halves are combined by multiply-shift steps.
  @inline(__always)
  static func value(ofDigits word: UInt64) -> UInt64 {
    var digits = word & 0x0F0F_0F0F_0F0F_0F0F
    digits = (digits &* (10 &<< 8 &+ 1)) &>> 8
    digits = ((digits & 0x00FF_00FF_00FF_00FF) &* (100 &<< 16 &+ 1)) &>> 16
    return ((digits & 0x0000_FFFF_0000_FFFF) &* (10_000 &<< 32 &+ 1)) &>> 32
  }

  /// 10^`exponent` for `exponent` in 0...8 as an integer.
  @inline(__always)
  static func powerOfTenInteger(_ exponent: Int) -> UInt64 {
    switch exponent {
    case 0: 1
    case 1: 10
    case 2: 100
    case 3: 1_000
    case 4: 10_000
    case 5: 100_000
    case 6: 1_000_000
    case 7: 10_000_000
    default: 100_000_000
    }
  }
}
