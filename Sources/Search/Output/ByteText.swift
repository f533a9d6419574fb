/// A growing UTF-8 byte buffer for the large append-only texts (journal, history): far
/// cheaper than growing a `String` field by field, which matters at 50,000 rows.
public struct ByteText: Sendable {
  /// The bytes so far.
  public private(set) var bytes: [UInt8] = []

  /// An empty buffer.
  public init() {}

  /// Whether nothing has been appended.
  public var isEmpty: Bool { bytes.isEmpty }

  /// The number of bytes.
  public var count: Int { bytes.count }

  /// Makes room for `capacity` bytes in all.
  public mutating func reserveCapacity(_ capacity: Int) { bytes.reserveCapacity(capacity) }

  /// Drops every byte, keeping the storage.
  public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

  /// Appends `text`.
  public mutating func append(_ text: String) {
    if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
      bytes.append(contentsOf: text.utf8)
    }
  }

  /// Appends the bytes of `buffer`.
  public mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
    bytes.append(contentsOf: buffer)
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
    let needsEscapes: (UInt8) -> Bool = {
      $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")
    }
    let plain =
      text.utf8.withContiguousStorageIfAvailable { !$0.contains(where: needsEscapes) }
      ?? !text.utf8.contains(where: needsEscapes)
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

  /// Appends `value` as ``CSVText/number(_:)`` writes it.
  public mutating func appendCSVNumber(_ value: Double) {
    if value.isFinite { append(value.description) } else { append(CSVText.number(value)) }
  }

  /// Appends `text` as ``CSVText/field(_:)`` writes it.
  public mutating func appendCSVField(_ text: String) {
    let plain =
      text.utf8.withContiguousStorageIfAvailable { !$0.contains(where: CSVText.isSpecial) }
      ?? !text.utf8.contains(where: CSVText.isSpecial)
    if plain { append(text) } else { append(CSVText.field(text)) }
  }

  /// The text.
  public var text: String { String(decoding: bytes, as: UTF8.self) }
}
