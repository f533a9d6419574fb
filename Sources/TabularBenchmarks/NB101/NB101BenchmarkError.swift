import SearchSpace

/// Why the NAS-Bench-101 table could not be loaded or could not answer a query.
public enum NB101BenchmarkError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The TFRecord framing of the file is broken (truncated or corrupt).
  case file(TFRecordError)
  /// A record's data is malformed: which file, record and byte offset, and which field.
  case record(file: String, recordIndex: Int, byteOffset: Int, NB101DataError)
  /// A record's stored hash differs from the hash of its stored cell (only checked
  /// when loading with `verifyHashes`).
  case hashMismatch(file: String, recordIndex: Int, stored: MD5Digest, computed: MD5Digest)
  /// The queried cell is not a member of the space.
  case invalidCell(ArchitectureError)
  /// The table has no runs for that many epochs.
  case unknownEpochs(requested: Int, available: [Int])
  /// The queried cell is valid but the table does not hold it.
  case notInTable(cell: String, hash: MD5Digest)

  /// A one-line message naming where the problem is and what was expected.
  public var description: String {
    switch self {
    case .file(let error):
      error.description
    case .record(let file, let index, let offset, let error):
      "\(file): record \(index) at byte \(offset): \(error)"
    case .hashMismatch(let file, let index, let stored, let computed):
      "\(file): record \(index): stored module hash \(stored) but its cell hashes to \(computed)"
    case .invalidCell(let error):
      error.description
    case .unknownEpochs(let requested, let available):
      "no runs for \(requested) epochs in this table; available: "
        + available.map(String.init).joined(separator: ", ")
    case .notInTable(let cell, let hash):
      "cell '\(cell)' (module hash \(hash)) is valid but not in this table"
    }
  }
}
