import Foundation
import Synchronization

/// A CSV file of the reference data split into strings, independently of the library's
/// reader, to check that reader and the values derived from the tables against.
///
/// Lines end at LF or CRLF; empty lines are skipped. A field in double quotes may hold
/// commas (the NASLib files quote tuples such as `"(4,0,4,1,2,0)"`) and is returned
/// without its quotes; quotes do not escape newlines or other quotes. Lines are found with
/// `memchr`, so that the 15,625-row NAS-Bench-201 table splits fast in unoptimised test
/// builds.
public struct ReferenceRows: Sendable {
  /// The first line's fields.
  public var header: [String]
  /// The other non-empty lines' fields, each as many as the header's.
  public var rows: [[String]]

  /// Reads and splits the file at `url`.
  ///
  /// - Throws: The error of reading the file, or ``Malformed`` when the file is empty
  ///   or a row has another number of fields than the header.
  public init(contentsOf url: URL) throws {
    let data = try Data(contentsOf: url)
    let table = data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self)
      return Self.lines(bytes).map { Self.fields(bytes, $0) }
    }
    guard let header = table.first else {
      throw Malformed(file: url.lastPathComponent, reason: "no header line")
    }
    for (index, row) in table.enumerated() where row.count != header.count {
      throw Malformed(
        file: url.lastPathComponent,
        reason: "line \(index + 1) has \(row.count) fields, the header \(header.count)")
    }
    self.header = header
    rows = Array(table.dropFirst())
  }

  /// The rows of the reference data file at `relativePath` (see ``TestData``), read
  /// once per test process and shared by every test that asks for them.
  public static func dataFile(_ relativePath: String) throws -> ReferenceRows {
    try cache.withLock { cache in
      if let cached = cache[relativePath] { return try cached.get() }
      let result = Result { try ReferenceRows(contentsOf: TestData.url(relativePath)) }
      cache[relativePath] = result
      return try result.get()
    }
  }

  private static let cache = Mutex<[String: Result<ReferenceRows, any Error>]>([:])

  /// The position of column `name` in the header, or nil when there is none.
  public func index(of name: String) -> Int? {
    header.firstIndex(of: name)
  }

  /// The values of column `name`, or nil when the header has no such column.
  public func column(_ name: String) -> [String]? {
    index(of: name).map { index in rows.map { $0[index] } }
  }

  /// The values of column `name`.
  ///
  /// - Throws: ``MissingColumn`` when the header has no such column.
  public func requiredColumn(_ name: String) throws -> [String] {
    guard let values = column(name) else { throw MissingColumn(name: name) }
    return values
  }

  /// The values of column `name` read as `Double` (NaN for a field that is not a number).
  ///
  /// - Throws: ``MissingColumn`` when the header has no such column.
  public func numbers(_ name: String) throws -> [Double] {
    try requiredColumn(name).map { Double($0) ?? .nan }
  }

  /// The rows whose field in column `name` is `value`, with the same header.
  ///
  /// - Throws: ``MissingColumn`` when the header has no such column.
  public func filtered(_ name: String, equals value: String) throws -> ReferenceRows {
    guard let index = index(of: name) else { throw MissingColumn(name: name) }
    var copy = self
    copy.rows = rows.filter { $0[index] == value }
    return copy
  }

  /// Each row as a dictionary from column name to field.
  public var records: [[String: String]] {
    rows.map { Dictionary(zip(header, $0), uniquingKeysWith: { first, _ in first }) }
  }

  /// A column that the header lacks.
  public struct MissingColumn: Error, CustomStringConvertible {
    /// The column asked for.
    public var name: String
    /// Names the column.
    public var description: String { "no column '\(name)' in the reference file" }
  }

  /// A file that does not split into a header and rows of the header's width.
  public struct Malformed: Error, CustomStringConvertible {
    /// The file's name.
    public var file: String
    /// What is wrong.
    public var reason: String
    /// Names the file and the problem.
    public var description: String { "\(file): \(reason)" }
  }

  /// The non-empty lines, without their LF or CRLF.
  private static func lines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    guard let base = bytes.baseAddress else { return [] }
    var lines: [Range<Int>] = []
    var start = 0
    while start < bytes.count {
      let next = offset(of: 0x0A, in: base, from: start, to: bytes.count)
      let end = next > start && base[next - 1] == 0x0D ? next - 1 : next
      if end > start { lines.append(start..<end) }
      start = next + 1
    }
    return lines
  }

  private static func fields(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> [String] {
    guard let base = bytes.baseAddress else { return [] }
    if offset(of: 0x22, in: base, from: line.lowerBound, to: line.upperBound) < line.upperBound {
      return quotedFields(UnsafeBufferPointer(rebasing: bytes[line]))
    }
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

  /// Splits a line that holds double quotes: commas inside quotes belong to the field.
  private static func quotedFields(_ line: UnsafeBufferPointer<UInt8>) -> [String] {
    var fields: [String] = []
    var field: [UInt8] = []
    var quoted = false
    for byte in line {
      switch byte {
      case 0x22: quoted.toggle()
      case 0x2C where !quoted:
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
      default: field.append(byte)
      }
    }
    fields.append(String(decoding: field, as: UTF8.self))
    return fields
  }

  private static func offset(
    of byte: UInt8, in base: UnsafePointer<UInt8>, from start: Int, to end: Int
  ) -> Int {
    guard end > start, let found = memchr(base + start, Int32(byte), end - start) else {
      return end
    }
    return UnsafeRawPointer(found) - UnsafeRawPointer(base)
  }
}
