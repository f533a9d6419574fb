/// Wall-clock seconds as the result files keep them: whole microseconds, written as
/// fixed-point text with six decimals (`0.000123`, `12.500000`).
///
/// A wall time is not meaningful below a microsecond, and an integer is far cheaper to
/// write than a shortest round-trip `Double`. A run's wall times are rounded when they are
/// measured (``rounded(_:)``), so the value a run keeps is the one its text reads back as,
/// and a resumed run continues from exactly the value it wrote.
public enum WallSeconds {
  /// The largest magnitude written in fixed point (about 31 years); beyond it, and for
  /// values that are not finite, the text is that of ``CSVText/number(_:)``.
  static let fixedPointLimit = 1e9

  /// `seconds` rounded to whole microseconds: the `Double` that its text reads back as.
  public static func rounded(_ seconds: Double) -> Double {
    guard seconds.isFinite, seconds.magnitude < fixedPointLimit else { return seconds }
    // Both operands are exact, so the quotient is the correctly rounded value of the
    // decimal text, as `Double(String)` gives it.
    return (seconds * 1e6).rounded() / 1e6
  }

  /// `seconds` in whole microseconds (the journal's unit for runs without evaluation
  /// lines): `Double(microseconds(s)) / 1e6 == rounded(s)` for the wall times a run
  /// measures, which start at zero and stay below ``fixedPointLimit``.
  public static func microseconds(_ seconds: Double) -> Int {
    guard seconds.isFinite, seconds.magnitude < fixedPointLimit else { return 0 }
    return Int((seconds * 1e6).rounded())
  }

  /// The text of `seconds`, as the result files write it.
  public static func text(_ seconds: Double) -> String {
    var text = ByteText()
    text.appendWallSeconds(seconds)
    return text.text
  }
}

extension ByteText {
  /// Appends `seconds` as ``WallSeconds`` writes it: fixed point with six decimals, the
  /// nearest microsecond.
  public mutating func appendWallSeconds(_ seconds: Double) {
    appendRow(maximumCount: 32) { $0.writeWallSeconds(seconds) }
  }
}
