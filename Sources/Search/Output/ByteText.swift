/// A growing UTF-8 byte buffer for the large append-only texts (journal, history): far
/// cheaper than growing a `String` field by field, which matters at 50,000 rows.
public struct ByteText: Sendable {
  /// The bytes so far.
  public private(set) var bytes: [UInt8] = []

  /// An empty buffer.
  public init() {}

  /// Whether nothing has been appended.
  public var isEmpty: Bool { bytes.isEmpty }

  /// Drops every byte, keeping the storage.
  public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

  /// Appends `text`.
  public mutating func append(_ text: String) {
    var text = text
    text.withUTF8 { bytes.append(contentsOf: $0) }
  }

  /// Appends the bytes of `other`.
  public mutating func append(bytes other: ByteText) { bytes.append(contentsOf: other.bytes) }

  /// Appends one ASCII character.
  public mutating func append(ascii: Unicode.Scalar) { bytes.append(UInt8(ascii: ascii)) }

  /// Appends `value` in decimal.
  public mutating func append(_ value: Int) { append(String(value)) }

  /// Appends `value` in decimal.
  public mutating func append(_ value: UInt64) { append(String(value)) }

  /// Appends `text` as a JSON string literal.
  public mutating func appendJSONString(_ text: String) {
    let plain = !text.utf8.contains {
      $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")
    }
    if plain {
      bytes.append(UInt8(ascii: "\""))
      append(text)
      bytes.append(UInt8(ascii: "\""))
    } else {
      var quoted = ""
      JSONValue.quote(text, into: &quoted)
      append(quoted)
    }
  }

  /// Appends `value` as Swift prints it (the shortest text that reads back exactly).
  public mutating func append(_ value: Double) { append(value.description) }

  /// The text.
  public var text: String { String(decoding: bytes, as: UTF8.self) }
}
