/// A minimal reader of the protocol-buffer wire format: enough to decode small
/// messages field by field without generated code.
///
/// Supports varint, 64-bit, length-delimited and 32-bit fields and skips unknown
/// ones; groups (deprecated) are rejected.
struct ProtobufReader {
  /// The wire types of the encoding.
  enum WireType: UInt8 {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case startGroup = 3
    case endGroup = 4
    case fixed32 = 5
  }

  /// Why a message could not be decoded: the byte offset in the message and the reason.
  struct DecodingError: Error, CustomStringConvertible {
    var offset: Int
    var reason: String
    var description: String { "protobuf byte \(offset): \(reason)" }
  }

  /// The message; `position` indexes it directly (slices keep their parent's indices).
  private let bytes: ArraySlice<UInt8>
  private var position: Int

  init(_ bytes: ArraySlice<UInt8>) {
    self.bytes = bytes
    position = bytes.startIndex
  }

  /// How many bytes of the message have been read.
  var offset: Int { position - bytes.startIndex }

  /// Whether every byte has been read.
  var isAtEnd: Bool { position >= bytes.endIndex }

  /// Reads the next field's tag; nil at the end of the message.
  mutating func nextField() throws(DecodingError) -> (number: Int, wireType: WireType)? {
    if isAtEnd { return nil }
    let tagOffset = offset
    let tag = try readVarint()
    guard let wireType = WireType(rawValue: UInt8(tag & 7)) else {
      throw DecodingError(offset: tagOffset, reason: "unknown wire type \(tag & 7)")
    }
    let number = tag >> 3
    guard number > 0, number <= 0x1FFF_FFFF else {
      throw DecodingError(offset: tagOffset, reason: "invalid field number \(number)")
    }
    return (Int(number), wireType)
  }

  /// Reads a base-128 varint of at most 10 bytes.
  mutating func readVarint() throws(DecodingError) -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    let begin = offset
    while true {
      guard position < bytes.endIndex else {
        throw DecodingError(offset: begin, reason: "the message ends inside a varint")
      }
      let byte = bytes[position]
      position += 1
      guard shift < 64 else {
        throw DecodingError(offset: begin, reason: "varint longer than 10 bytes")
      }
      value |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return value }
      shift += 7
    }
  }

  /// Reads 8 little-endian bytes.
  mutating func readFixed64() throws(DecodingError) -> UInt64 {
    try readLittleEndian(count: 8)
  }

  /// Reads 4 little-endian bytes.
  mutating func readFixed32() throws(DecodingError) -> UInt32 {
    UInt32(truncatingIfNeeded: try readLittleEndian(count: 4))
  }

  /// Reads a length-prefixed byte string (a string, bytes or a nested message),
  /// without copying it.
  mutating func readLengthDelimited() throws(DecodingError) -> ArraySlice<UInt8> {
    let begin = offset
    let length = try readVarint()
    let left = bytes.endIndex - position
    guard length <= UInt64(left) else {
      throw DecodingError(
        offset: begin, reason: "length \(length) exceeds the \(left) bytes left in the message")
    }
    let end = position + Int(length)
    defer { position = end }
    return bytes[position..<end]
  }

  /// Skips a field's value of the given wire type.
  mutating func skip(_ wireType: WireType) throws(DecodingError) {
    switch wireType {
    case .varint: _ = try readVarint()
    case .fixed64: _ = try readFixed64()
    case .fixed32: _ = try readFixed32()
    case .lengthDelimited: _ = try readLengthDelimited()
    case .startGroup, .endGroup:
      throw DecodingError(offset: offset, reason: "groups are not supported")
    }
  }

  private mutating func readLittleEndian(count: Int) throws(DecodingError) -> UInt64 {
    guard bytes.endIndex - position >= count else {
      throw DecodingError(
        offset: offset, reason: "the message ends inside a \(count * 8)-bit field")
    }
    var value: UInt64 = 0
    for index in 0..<count {
      value |= UInt64(bytes[position + index]) << UInt64(8 * index)
    }
    position += count
    return value
  }
}

/// Writes the protocol-buffer wire format: the counterpart of ``ProtobufReader``, used
/// to build test files in the benchmark's format.
struct ProtobufWriter {
  private(set) var bytes: [UInt8] = []

  /// Appends a varint field (`int32` values are sign-extended to 64 bits, as
  /// protobuf encodes negative `int32`).
  mutating func appendVarint(field: Int, _ value: Int64) {
    appendTag(field: field, wireType: .varint)
    appendVarint(UInt64(bitPattern: value))
  }

  /// Appends a `double` field.
  mutating func appendDouble(field: Int, _ value: Double) {
    appendTag(field: field, wireType: .fixed64)
    let bits = value.bitPattern
    for index in 0..<8 {
      bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(8 * index)))
    }
  }

  /// Appends a length-delimited field: a string, bytes or a nested message.
  mutating func appendLengthDelimited(field: Int, _ value: [UInt8]) {
    appendTag(field: field, wireType: .lengthDelimited)
    appendVarint(UInt64(value.count))
    bytes.append(contentsOf: value)
  }

  private mutating func appendTag(field: Int, wireType: ProtobufReader.WireType) {
    appendVarint(UInt64(field) << 3 | UInt64(wireType.rawValue))
  }

  private mutating func appendVarint(_ value: UInt64) {
    var rest = value
    while rest >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }
}
