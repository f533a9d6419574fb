import Foundation

/// A CSV file without quoted fields, split at every newline and comma with `memchr`
/// into strings: an independent reading of the reference tables to check the library's
/// reader against (and fast in unoptimised test builds).
public struct ReferenceRows: Sendable {
  /// The first line's fields.
  public var header: [String]
  /// The other non-empty lines' fields.
  public var rows: [[String]]

  /// Reads and splits the file at `url`.
  public init(contentsOf url: URL) throws {
    let data = try Data(contentsOf: url)
    let table = data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self)
      precondition(!raw.contains(0x22), "no quoted fields expected")
      return Self.lines(bytes).map { Self.fields(bytes, $0) }
    }
    header = table[0]
    rows = Array(table.dropFirst())
  }

  /// The values of column `name`, or nil when the header has no such column.
  public func column(_ name: String) -> [String]? {
    header.firstIndex(of: name).map { index in rows.map { $0[index] } }
  }

  private static func lines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    guard let base = bytes.baseAddress else { return [] }
    var lines: [Range<Int>] = []
    var start = 0
    while start < bytes.count {
      let end = offset(of: 0x0A, in: base, from: start, to: bytes.count)
      if end > start { lines.append(start..<end) }
      start = end + 1
    }
    return lines
  }

  private static func fields(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> [String] {
    guard let base = bytes.baseAddress else { return [] }
    var fields: [String] = []
    var start = line.lowerBound
    while true {
      let end = offset(of: 0x2C, in: base, from: start, to: line.upperBound)
      fields.append(
        String(
          decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self))
      if end == line.upperBound { return fields }
      start = end + 1
    }
  }

  private static func offset(
    of byte: UInt8, in base: UnsafePointer<UInt8>, from start: Int, to end: Int
  ) -> Int {
    guard let found = memchr(base + start, Int32(byte), end - start) else { return end }
    return UnsafeRawPointer(found) - UnsafeRawPointer(base)
  }
}
