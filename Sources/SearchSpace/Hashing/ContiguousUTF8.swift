/// Copies text's UTF-8 bytes in one step.
///
/// Iterating `utf8` of a generic `StringProtocol` from another module goes through
/// unspecialised generic code byte by byte; converting to `String` and copying its
/// contiguous storage is an order of magnitude faster on the parsing hot paths.
enum ContiguousUTF8 {
  /// The UTF-8 bytes of `text`.
  static func bytes(of text: some StringProtocol) -> [UInt8] {
    var string = String(text)
    return string.withUTF8 { Array($0) }
  }
}
