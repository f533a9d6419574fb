/// Writes a row's bytes into the room that ``ByteText/appendRow(maximumCount:_:)`` made,
/// without the capacity and uniqueness checks of each `ByteText` append: the journal and
/// `history.csv` write a dozen small pieces per evaluation.
///
/// Every write checks that it stays within the room (a comparison, not a call).
struct ByteWriter {
  /// Where the next byte goes.
  private(set) var position: UnsafeMutablePointer<UInt8>
  /// The end of the room.
  let end: UnsafeMutablePointer<UInt8>

  /// Room from `start` to `end`.
  init(start: UnsafeMutablePointer<UInt8>, end: UnsafeMutablePointer<UInt8>) {
    position = start
    self.end = end
  }

  /// Writes one ASCII character.
  @inline(__always)
  mutating func write(ascii: Unicode.Scalar) {
    precondition(position < end, "row longer than its room")
    position.pointee = UInt8(ascii: ascii)
    position += 1
  }

  /// Writes the text of `literal`.
  @inline(__always)
  mutating func write(literal: StaticString) {
    write(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }

  /// Writes the bytes of `buffer`.
  @inline(__always)
  mutating func write(_ buffer: UnsafeBufferPointer<UInt8>) {
    let count = buffer.count
    precondition(end - position >= count, "row longer than its room")
    guard let base = buffer.baseAddress else { return }
    // Pieces are short: a loop the compiler unrolls beats a call to memcpy.
    if count <= 32 {
      for index in 0..<count { position[index] = base[index] }
    } else {
      position.update(from: base, count: count)
    }
    position += count
  }

  /// Writes the UTF-8 bytes of `text`.
  mutating func write(_ text: String) {
    if text.utf8.withContiguousStorageIfAvailable({ write($0) }) == nil {
      Array(text.utf8).withUnsafeBufferPointer { write($0) }
    }
  }

  /// Writes `value` in decimal.
  @inline(__always)
  mutating func write(_ value: Int) {
    if value < 0 { write(ascii: "-") }
    write(UInt64(value.magnitude))
  }

  /// Writes `value` in decimal.
  @inline(__always)
  mutating func write(_ value: UInt64) {
    var digits = 1
    var power: UInt64 = 10
    while digits < 20 && value >= power {
      digits += 1
      power = power &* 10
    }
    precondition(end - position >= digits, "row longer than its room")
    var remaining = value
    var index = digits
    repeat {
      index -= 1
      position[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
      remaining /= 10
    } while index > 0
    position += digits
  }

  /// Writes `seconds` as ``WallSeconds`` does.
  @inline(__always)
  mutating func writeWallSeconds(_ seconds: Double) {
    guard seconds.isFinite, seconds.magnitude < WallSeconds.fixedPointLimit else {
      write(CSVText.number(seconds))
      return
    }
    let microseconds = (seconds * 1e6).rounded()
    if microseconds < 0 { write(ascii: "-") }
    let magnitude = UInt64(microseconds.magnitude)
    write(magnitude / 1_000_000)
    write(ascii: ".")
    precondition(end - position >= 6, "row longer than its room")
    var fraction = magnitude % 1_000_000
    for index in (0..<6).reversed() {
      position[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: fraction % 10)
      fraction /= 10
    }
    position += 6
  }
}
