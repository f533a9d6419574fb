/// Why a TFRecord file could not be read: names the file, the record and the byte
/// offset where that record starts.
public struct TFRecordError: Error, CustomStringConvertible, Equatable, Sendable {
  /// What is wrong with the record.
  public enum Problem: Equatable, Sendable {
    /// The file ends inside a record's 12-byte header (`available` bytes were left).
    case truncatedHeader(available: Int)
    /// The masked CRC-32C stored after the length does not match the length bytes.
    case lengthChecksumMismatch(stored: UInt32, computed: UInt32)
    /// The record declares `declared` data bytes, but fewer than those plus the 4-byte
    /// data checksum remain (`available` bytes after the header).
    case truncatedRecord(declared: UInt64, available: Int)
    /// The masked CRC-32C stored after the data does not match the data.
    case dataChecksumMismatch(stored: UInt32, computed: UInt32)
    /// The file could not be opened or read.
    case unreadable(String)
  }

  /// The file's name or path (or a label for in-memory data).
  public var file: String
  /// The zero-based index of the record that failed.
  public var recordIndex: Int
  /// The offset of that record's first byte in the file.
  public var byteOffset: Int
  /// What went wrong.
  public var problem: Problem

  /// Creates an error about record `recordIndex` starting at `byteOffset` of `file`.
  public init(file: String, recordIndex: Int, byteOffset: Int, problem: Problem) {
    self.file = file
    self.recordIndex = recordIndex
    self.byteOffset = byteOffset
    self.problem = problem
  }

  /// `file: record i at byte b: what is wrong and what was expected`.
  public var description: String {
    "\(file): record \(recordIndex) at byte \(byteOffset): \(explanation)"
  }

  private var explanation: String {
    switch problem {
    case .truncatedHeader(let available):
      "the file ends inside the record header (\(available) of 12 bytes: "
        + "uint64 length, uint32 masked CRC-32C of the length)"
    case .lengthChecksumMismatch(let stored, let computed):
      "length checksum mismatch (stored \(hex(stored)), computed \(hex(computed))): "
        + "corrupt file or not a TFRecord file"
    case .truncatedRecord(let declared, let available):
      "the record declares \(declared) data bytes plus a 4-byte checksum, "
        + "but only \(available) bytes remain: truncated file"
    case .dataChecksumMismatch(let stored, let computed):
      "data checksum mismatch (stored \(hex(stored)), computed \(hex(computed))): corrupt record"
    case .unreadable(let reason):
      "cannot read the file: \(reason)"
    }
  }

  private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
  }
}
