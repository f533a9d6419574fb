/// The shortest text that reads back as a finite `Double` (the text of `description`),
/// made without a `String`.
///
/// `description` returns a new `String`, and one of more than 15 bytes, such as the
/// simulated seconds `12089.856588000002` that every evaluation of a search writes, is a
/// heap allocation and a release. `Double.write(to:)` makes the same text with the same
/// formatter and hands its bytes to the stream, which this stream keeps in place.
struct ShortestText: TextOutputStream {
  /// Room for the longest text, 24 bytes (`-2.2250738585072014e-308`).
  private var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
  /// How many bytes of `storage` hold text.
  private(set) var count = 0

  /// The text of finite `value`.
  init(_ value: Double) {
    value.write(to: &self)
  }

  /// Keeps the text's bytes (the formatter's path).
  mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
    append(buffer)
  }

  /// Keeps a string's bytes (any other path).
  mutating func write(_ string: String) {
    var string = string
    string.withUTF8 { append($0) }
  }

  private mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
    withUnsafeMutableBytes(of: &storage) { bytes in
      let room = min(buffer.count, bytes.count - count)
      for index in 0..<room { bytes[count + index] = buffer[index] }
      count += room
    }
  }

  /// Calls `body` with the text's bytes.
  func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    withUnsafeBytes(of: storage) { bytes in
      body(
        UnsafeBufferPointer(
          start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: count))
    }
  }
}
