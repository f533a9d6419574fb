extension NB201Cell: CustomStringConvertible, LosslessStringConvertible {
  /// The benchmark's architecture string, such as
  /// `|none~0|+|skip_connect~0|nor_conv_1x1~1|+|nor_conv_3x3~0|avg_pool_3x3~1|none~2|`.
  ///
  /// ``init(parsing:)`` reads it back unchanged, and it is the key of the
  /// benchmark's `arch_str` column.
  ///
  /// Written byte by byte into one allocation: searches make it for every new cell.
  public var description: String {
    // Six edges of at most 12 + 3 bytes, two `+|` and the opening `|`.
    String(unsafeUninitializedCapacity: 96) { buffer in
      var count = 0
      func put(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
      }
      var edge = 0
      for target in 1..<Self.nodeCount {
        if target > 1 { put(UInt8(ascii: "+")) }
        put(UInt8(ascii: "|"))
        for source in 0..<target {
          for byte in Self.operationNames[Int(rawOperation(edge))] { put(byte) }
          put(UInt8(ascii: "~"))
          put(UInt8(ascii: "0") + UInt8(source))
          put(UInt8(ascii: "|"))
          edge += 1
        }
      }
      return count
    }
  }

  /// The UTF-8 bytes of each operation's name, by raw value.
  private static let operationNames: [[UInt8]] = NB201Operation.allCases.map { Array($0.name.utf8) }

  /// Reads the benchmark's architecture string; nil when it is not one.
  ///
  /// Use ``init(parsing:)`` to learn why a string was rejected.
  public init?(_ description: String) {
    guard let cell = try? NB201Cell(parsing: description) else { return nil }
    self = cell
  }
}
