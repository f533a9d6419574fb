extension NB201Cell: CustomStringConvertible, LosslessStringConvertible {
  /// The benchmark's architecture string, such as
  /// `|none~0|+|skip_connect~0|nor_conv_1x1~1|+|nor_conv_3x3~0|avg_pool_3x3~1|none~2|`.
  ///
  /// ``init(parsing:)`` reads it back unchanged, and it is the key of the
  /// benchmark's `arch_str` column.
  public var description: String {
    var text = ""
    text.reserveCapacity(100)
    for target in 1..<Self.nodeCount {
      if target > 1 { text += "+" }
      text += "|"
      for source in 0..<target {
        text += self[to: target, from: source].name
        text += "~\(source)|"
      }
    }
    return text
  }

  /// Reads the benchmark's architecture string; nil when it is not one.
  ///
  /// Use ``init(parsing:)`` to learn why a string was rejected.
  public init?(_ description: String) {
    guard let cell = try? NB201Cell(parsing: description) else { return nil }
    self = cell
  }
}
