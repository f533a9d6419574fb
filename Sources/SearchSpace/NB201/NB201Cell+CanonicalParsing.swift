extension NB201Cell {
  /// Reads an architecture string written exactly as the benchmark writes it, or
  /// returns nil for any other text.
  ///
  /// The benchmark's tables hold 15,625 strings each, all of the canonical form
  /// `|op~0|+|op~0|op~1|+|op~0|op~1|op~2|` with the five operation names; reading
  /// them with whole-word compares instead of the general parser's byte-by-byte scan
  /// is several times cheaper. Whatever this rejects goes to the general parser,
  /// which accepts exactly the same strings, so results and error messages do not
  /// depend on this path.
  ///
  /// - Complexity: O(1): at most 37 + 5 × 12 bytes are looked at.
  @inline(__always)
  static func parsingCanonical(_ bytes: UnsafeBufferPointer<UInt8>) -> NB201Cell? {
    guard let base = bytes.baseAddress else { return nil }
    let raw = UnsafeRawPointer(base)
    let end = bytes.count
    let bar = UInt8(ascii: "|")
    guard end > 0, base[0] == bar else { return nil }
    var position = 1
    var cell = NB201Cell()
    // Edge k's source node is 2-bit field k of `sources` (0, 0, 1, 0, 1, 2 in string
    // order); node 2's group starts at edge 1 and node 3's at edge 3.
    let sources: UInt32 = 0b10_01_00_01_00_00
    for edge in 0..<edgeCount {
      let source = (sources &>> UInt32(truncatingIfNeeded: 2 &* edge)) & 0b11
      if edge == 1 || edge == 3 {
        guard end &- position >= 2, base[position] == UInt8(ascii: "+"),
          base[position &+ 1] == bar
        else { return nil }
        position &+= 2
      }
      guard let (operation, length) = operation(at: position, in: raw, end: end) else {
        return nil
      }
      position &+= length
      guard end &- position >= 3, base[position] == UInt8(ascii: "~"),
        base[position &+ 1] == UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: source),
        base[position &+ 2] == bar
      else { return nil }
      position &+= 3
      cell[edge: edge] = operation
    }
    return position == end ? cell : nil
  }

  /// The operation whose name starts at `position`, and the name's length.
  ///
  /// The names are compared as little-endian words: `none` as 4 bytes, the others as
  /// 8 + 4 bytes. A name must be followed by `~`, which the caller checks.
  @inline(__always)
  private static func operation(
    at position: Int, in raw: UnsafeRawPointer, end: Int
  ) -> (NB201Operation, Int)? {
    let available = end &- position
    guard available >= 4 else { return nil }
    let head4 = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt32.self))
    if head4 == 0x656e_6f6e { return (.none, 4) }  // "none"
    guard available >= 12 else { return nil }
    let head = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
    let tail = UInt32(
      littleEndian: raw.loadUnaligned(fromByteOffset: position &+ 8, as: UInt32.self))
    switch (head, tail) {
    case (0x6e6f_635f_7069_6b73, 0x7463_656e): return (.skipConnect, 12)  // "skip_con", "nect"
    case (0x766e_6f63_5f72_6f6e, 0x3178_315f): return (.conv1x1, 12)  // "nor_conv", "_1x1"
    case (0x766e_6f63_5f72_6f6e, 0x3378_335f): return (.conv3x3, 12)  // "nor_conv", "_3x3"
    case (0x6c6f_6f70_5f67_7661, 0x3378_335f): return (.avgPool3x3, 12)  // "avg_pool", "_3x3"
    default: return nil
    }
  }
}
