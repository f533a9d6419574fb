import Foundation
import SearchSpace

/// Reads the records of a TFRecord file one at a time, verifying both checksums of
/// every record.
///
/// Framing of each record (TensorFlow `record_writer.cc`): a little-endian `uint64`
/// length, the masked CRC-32C of those 8 bytes, the data, the masked CRC-32C of the
/// data. The file is streamed through a buffer of about `chunkSize` bytes, so a
/// 500 MB file never sits in memory at once.
///
/// ```swift
/// let reader = try TFRecordReader(contentsOf: url)
/// while let record = try reader.next() { … }
/// ```
///
/// A reader is a single-pass cursor over one file; it is not shared across tasks.
public final class TFRecordReader {
  /// The file's name as errors report it.
  public let name: String
  /// The index of the record that ``next()`` reads next.
  public private(set) var recordIndex = 0
  /// The file offset of the record that ``next()`` reads next.
  public private(set) var byteOffset = 0

  private let handle: FileHandle?
  private let chunkSize: Int
  /// The file size when known, to reject absurd lengths before reading them.
  private let totalSize: Int?
  /// Bytes read from the file and not yet consumed: `buffer[start...]` begins at
  /// ``byteOffset``.
  private var buffer: [UInt8]
  private var start = 0
  private var reachedEnd: Bool

  /// Opens `url` for reading.
  ///
  /// - Throws: ``TFRecordError`` with problem `.unreadable` when the file cannot be
  ///   opened.
  public init(contentsOf url: URL, chunkSize: Int = 1 << 20) throws(TFRecordError) {
    name = url.lastPathComponent
    self.chunkSize = max(chunkSize, 4096)
    do {
      handle = try FileHandle(forReadingFrom: url)
      let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
      totalSize = (attributes[.size] as? NSNumber)?.intValue
    } catch {
      throw TFRecordError(
        file: url.path, recordIndex: 0, byteOffset: 0,
        problem: .unreadable(plainReason(of: error)))
    }
    buffer = []
    reachedEnd = false
  }

  /// Reads records from bytes in memory; `name` labels errors.
  public init(bytes: [UInt8], name: String = "<memory>") {
    self.name = name
    handle = nil
    chunkSize = 0
    totalSize = bytes.count
    buffer = bytes
    reachedEnd = true
  }

  deinit {
    try? handle?.close()
  }

  /// The next record's data, or nil at the end of the file.
  ///
  /// - Throws: ``TFRecordError`` naming the record and its offset when the file ends
  ///   inside a record or a checksum does not match. After an error the reader stays
  ///   at the failing record.
  public func next() throws(TFRecordError) -> [UInt8]? {
    try fill(12)
    let available = buffer.count - start
    if available == 0 { return nil }
    guard available >= 12 else {
      throw error(.truncatedHeader(available: available))
    }
    let header = buffer.withUnsafeBytes { bytes in
      (
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self)),
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: start + 8, as: UInt32.self)),
        CRC32C.masked(
          CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[start..<start + 8])))
      )
    }
    guard header.1 == header.2 else {
      throw error(.lengthChecksumMismatch(stored: header.1, computed: header.2))
    }
    let remainingAfterHeader = (totalSize.map { $0 - byteOffset } ?? Int.max) - 12
    guard header.0 <= UInt64(max(0, remainingAfterHeader - 4)) else {
      throw error(.truncatedRecord(declared: header.0, available: max(0, remainingAfterHeader)))
    }
    let length = Int(header.0)
    try fill(12 + length + 4)
    guard buffer.count - start >= 12 + length + 4 else {
      throw error(.truncatedRecord(declared: header.0, available: buffer.count - start - 12))
    }
    let dataStart = start + 12
    let (stored, computed) = buffer.withUnsafeBytes { bytes in
      (
        UInt32(
          littleEndian: bytes.loadUnaligned(fromByteOffset: dataStart + length, as: UInt32.self)),
        CRC32C.masked(
          CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[dataStart..<dataStart + length])))
      )
    }
    guard stored == computed else {
      throw error(.dataChecksumMismatch(stored: stored, computed: computed))
    }
    let record = Array(buffer[dataStart..<dataStart + length])
    start += 12 + length + 4
    byteOffset += 12 + length + 4
    recordIndex += 1
    return record
  }

  /// Reads every remaining record.
  ///
  /// - Throws: ``TFRecordError`` for the first record that cannot be read.
  public func readAll() throws(TFRecordError) -> [[UInt8]] {
    var records: [[UInt8]] = []
    while let record = try next() {
      records.append(record)
    }
    return records
  }

  /// Reads from the file until `count` unconsumed bytes are buffered or the file ends.
  private func fill(_ count: Int) throws(TFRecordError) {
    if buffer.count - start >= count || reachedEnd { return }
    if start > 0 {
      buffer.removeFirst(start)
      start = 0
    }
    guard let handle else { return }
    while buffer.count < count {
      let data: Data?
      do {
        data = try handle.read(upToCount: max(chunkSize, count - buffer.count))
      } catch {
        throw self.error(.unreadable(plainReason(of: error)))
      }
      guard let data, !data.isEmpty else {
        reachedEnd = true
        return
      }
      buffer.append(contentsOf: data)
    }
  }

  private func error(_ problem: TFRecordError.Problem) -> TFRecordError {
    TFRecordError(file: name, recordIndex: recordIndex, byteOffset: byteOffset, problem: problem)
  }
}
