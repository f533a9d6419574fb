/// A growing UTF-8 byte buffer for the large append-only texts (journal, history): far
/// cheaper than growing a `String` field by field, which matters at 50,000 rows.
///
/// The storage is an array longer than the text (``count`` bytes are used), so that an
/// append is a bounds check and a copy, without `Array.append(contentsOf:)`'s generic
/// machinery on each of the dozen small pieces of a row.
public struct ByteText: Sendable {
  /// The storage: the text, then unused bytes.
  private var storage: [UInt8] = []
  /// The number of bytes of text.
  public private(set) var count = 0

  /// An empty buffer.
  public init() {}

  /// The bytes so far (a copy; see ``withUnsafeBytes(_:)``).
  public var bytes: [UInt8] { Array(storage[..<count]) }

  /// Calls `body` with the bytes so far, without copying them.
  public func withUnsafeBytes<Result>(
    _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
  ) rethrows -> Result {
    try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[..<count])) }
  }

  /// Whether nothing has been appended.
  public var isEmpty: Bool { count == 0 }

  /// Makes room for `capacity` bytes in all.
  public mutating func reserveCapacity(_ capacity: Int) {
    if capacity > storage.count { grow(to: capacity) }
  }

  /// Drops every byte, keeping the storage.
  public mutating func removeAll() { count = 0 }

  /// Enlarges the storage to at least `capacity` bytes (doubling, so appends stay linear).
  private mutating func grow(to capacity: Int) {
    let size = max(capacity, storage.count * 2, 256)
    var larger = [UInt8](repeating: 0, count: size)
    if count > 0 {
      larger.withUnsafeMutableBufferPointer { target in
        storage.withUnsafeBufferPointer { source in
          guard let to = target.baseAddress, let from = source.baseAddress else { return }
          to.update(from: from, count: count)
        }
      }
    }
    storage = larger
  }

  /// Appends `length` bytes from `source`.
  @inline(__always)
  private mutating func append(_ source: UnsafePointer<UInt8>, length: Int) {
    if count &+ length > storage.count { grow(to: count &+ length) }
    let start = count
    storage.withUnsafeMutableBufferPointer { target in
      target.baseAddress.unsafelyUnwrapped.advanced(by: start).update(from: source, count: length)
    }
    count = start &+ length
  }

  /// Appends `text`.
  public mutating func append(_ text: String) {
    if text.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
      append(Array(text.utf8))
    }
  }

  /// Appends the text of `literal` (cheaper than a `String`: no checks, no copy).
  public mutating func append(literal: StaticString) {
    literal.withUTF8Buffer { append($0) }
  }

  /// Appends `bytes`.
  public mutating func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { append($0) }
  }

  /// Appends the bytes of `buffer`.
  public mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
    guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
    append(base, length: buffer.count)
  }

  /// Appends what `body` writes, at most `maximumCount` bytes (more stops the program),
  /// with one capacity and one uniqueness check for all of its pieces.
  @inline(__always)
  mutating func appendRow(maximumCount: Int, _ body: (inout ByteWriter) -> Void) {
    if count &+ maximumCount > storage.count { grow(to: count &+ maximumCount) }
    let start = count
    let written = storage.withUnsafeMutableBufferPointer { target in
      let base = target.baseAddress.unsafelyUnwrapped + start
      var writer = ByteWriter(start: base, end: base + maximumCount)
      body(&writer)
      return writer.position - base
    }
    count = start &+ written
  }

  /// Appends the bytes of `other`.
  public mutating func append(bytes other: ByteText) {
    other.withUnsafeBytes { append($0) }
  }

  /// Appends one ASCII character.
  public mutating func append(ascii: Unicode.Scalar) {
    if count == storage.count { grow(to: count + 1) }
    storage[count] = UInt8(ascii: ascii)
    count += 1
  }

  /// Appends `value` in decimal.
  public mutating func append(_ value: Int) {
    if value < 0 {
      append(ascii: "-")
      append(UInt64(value.magnitude))
    } else {
      append(UInt64(value))
    }
  }

  /// Appends `value` in decimal.
  public mutating func append(_ value: UInt64) {
    // Twenty digits at most, written backwards into a local buffer.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var remaining = value
      var start = 20
      repeat {
        start -= 1
        digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
        remaining /= 10
      } while remaining > 0
      append(UnsafeBufferPointer(rebasing: digits[start..<20]))
    }
  }

  /// Appends `text` as a JSON string literal.
  public mutating func appendJSONString(_ text: String) {
    let plain =
      text.utf8.withContiguousStorageIfAvailable { !Self.containsJSONSpecial($0) }
      ?? !text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
    if plain {
      append(ascii: "\"")
      append(text)
      append(ascii: "\"")
    } else {
      var quoted = ""
      JSONValue.quote(text, into: &quoted)
      append(quoted)
    }
  }

  /// Whether `bytes` hold a control character, a quote or a backslash (16 bytes at a
  /// time: every journal line checks its architecture's text).
  static func containsJSONSpecial(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    contains(bytes) { chunk in
      (chunk .< SIMD16(repeating: 0x20)) .| (chunk .== SIMD16(repeating: UInt8(ascii: "\"")))
        .| (chunk .== SIMD16(repeating: UInt8(ascii: "\\")))
    }
  }

  /// Whether `bytes` hold a comma, a quote or a line break (see ``CSVText/field(_:)``).
  static func containsCSVSpecial(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    contains(bytes) { chunk in
      (chunk .== SIMD16(repeating: UInt8(ascii: ",")))
        .| (chunk .== SIMD16(repeating: UInt8(ascii: "\"")))
        .| (chunk .== SIMD16(repeating: UInt8(ascii: "\n")))
        .| (chunk .== SIMD16(repeating: UInt8(ascii: "\r")))
    }
  }

  /// Whether `isSpecial` marks a byte of `bytes`, checked 16 bytes at a time (the tail is
  /// padded with `a`, which is special for neither).
  @inline(__always)
  private static func contains(
    _ bytes: UnsafeBufferPointer<UInt8>, _ isSpecial: (SIMD16<UInt8>) -> SIMDMask<SIMD16<Int8>>
  ) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    let raw = UnsafeRawPointer(base)
    var offset = 0
    while offset &+ 16 <= bytes.count {
      if any(isSpecial(raw.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self))) {
        return true
      }
      offset &+= 16
    }
    var tail = SIMD16<UInt8>(repeating: UInt8(ascii: "a"))
    for index in 0..<(bytes.count &- offset) { tail[index] = base[offset &+ index] }
    return any(isSpecial(tail))
  }

  /// Appends `value` as Swift prints it (the shortest text that reads back exactly).
  public mutating func append(_ value: Double) { append(value.description) }

  /// Appends `value` as ``CSVText/number(_:)`` writes it.
  public mutating func appendCSVNumber(_ value: Double) {
    if value.isFinite {
      appendRow(maximumCount: 32) { row in ShortestText(value).withBytes { row.write($0) } }
    } else {
      append(CSVText.number(value))
    }
  }

  /// Appends `text` as ``CSVText/field(_:)`` writes it.
  public mutating func appendCSVField(_ text: String) {
    let plain =
      text.utf8.withContiguousStorageIfAvailable { !Self.containsCSVSpecial($0) }
      ?? !text.utf8.contains(where: CSVText.isSpecial)
    if plain { append(text) } else { append(CSVText.field(text)) }
  }

  /// The text.
  public var text: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }
}
