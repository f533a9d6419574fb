import Foundation

/// Builds TFRecord files: each record framed as TensorFlow's `RecordWriter` does
/// (little-endian `uint64` length, its masked CRC-32C, the data, the data's masked
/// CRC-32C).
///
/// ```swift
/// var writer = TFRecordWriter()
/// writer.append(Array("hello".utf8))
/// try writer.write(to: url)
/// ```
public struct TFRecordWriter: Sendable {
  /// The file's bytes so far.
  public private(set) var bytes: [UInt8] = []

  /// Creates an empty file.
  public init() {}

  /// Appends one record.
  public mutating func append(_ record: some Collection<UInt8>) {
    bytes.append(contentsOf: Self.framed(record))
  }

  /// One record with its framing.
  public static func framed(_ record: some Collection<UInt8>) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(record.count + 16)
    let length = UInt64(record.count)
    let lengthBytes = (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) }
    result.append(contentsOf: lengthBytes)
    appendLittleEndian(CRC32C.masked(CRC32C.checksum(lengthBytes)), to: &result)
    result.append(contentsOf: record)
    appendLittleEndian(CRC32C.masked(CRC32C.checksum(record)), to: &result)
    return result
  }

  /// Writes the file to `url`, replacing it.
  ///
  /// - Throws: Foundation's error when the file cannot be written.
  public func write(to url: URL) throws {
    try Data(bytes).write(to: url, options: .atomic)
  }

  private static func appendLittleEndian(_ value: UInt32, to bytes: inout [UInt8]) {
    for shift in stride(from: 0, to: 32, by: 8) {
      bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
    }
  }
}
