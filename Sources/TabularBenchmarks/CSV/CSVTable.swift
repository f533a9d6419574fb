/// A CSV file held as its bytes plus the position of every field: a header row of
/// column names, then rows with exactly one field per column.
///
/// Reading is one pass over the bytes; fields are decoded only when asked for, as
/// numbers (``numbers(column:)``) or text (``texts(column:)``), so a table of
/// hundreds of thousands of numbers loads in milliseconds. The dialect is RFC 4180
/// with the common extensions: fields may be quoted (`"a, b"`, with `""` for a
/// quote), lines end in LF, CRLF or CR, blank lines are skipped, a UTF-8 byte-order
/// mark is ignored and the last line needs no line break.
///
/// ```swift
/// let table = try CSVTable(contentsOf: url)
/// let column = try table.columnIndex("cifar10_test_acc")
/// let accuracies = try table.numbers(column: column)
/// ```
///
/// Every failure is a ``TableError`` naming the file, the line and the column:
/// binary data, unterminated quotes, short or long rows, a truncated last line,
/// non-numeric values. The reader never traps on malformed input.
public struct CSVTable: Sendable {
  /// The name used in error messages: the file's path, or a caller-chosen label.
  public let file: String

  /// The column names of the header row, in file order.
  public let columnNames: [String]

  /// The number of data rows (the header and blank lines excluded).
  public var rowCount: Int { rowLines.count }

  /// The file's bytes.
  let bytes: [UInt8]
  /// Byte offset of each field's first byte, row-major (`row * columnCount + column`).
  let fieldStarts: [UInt32]
  /// Byte offset just past each field; ``escapedFlag`` marks a quoted field that
  /// contains doubled quotes.
  let fieldEnds: [UInt32]
  /// The 1-based line on which each data row starts.
  let rowLines: [UInt32]

  /// The flag in ``fieldEnds`` of a field whose doubled quotes must be undone.
  static let escapedFlag: UInt32 = 1 << 31

  /// The largest file the reader accepts by default: 512 MiB.
  public static let defaultMaximumBytes = 512 << 20

  /// Reads a CSV table from `bytes`.
  ///
  /// - Parameters:
  ///   - bytes: The file's contents.
  ///   - file: The name used in error messages.
  ///   - maximumBytes: A limit on the size of `bytes`; at most 2 GiB − 1.
  /// - Throws: ``TableError`` when `bytes` is not a well-formed table.
  /// - Complexity: O(*n*) in the number of bytes.
  public init(
    bytes: [UInt8], file: String, maximumBytes: Int = CSVTable.defaultMaximumBytes
  ) throws(TableError) {
    let limit = min(maximumBytes, Int(Self.escapedFlag) - 1)
    guard bytes.count <= limit else {
      throw .fileTooLarge(file: file, bytes: bytes.count, limit: limit)
    }
    let layout = try bytes.withUnsafeBufferPointer { buffer throws(TableError) in
      var tokenizer = CSVTokenizer(bytes: buffer, file: file)
      return try tokenizer.readTable()
    }
    self.file = file
    self.bytes = bytes
    self.columnNames = layout.columnNames
    self.fieldStarts = layout.fieldStarts
    self.fieldEnds = layout.fieldEnds
    self.rowLines = layout.rowLines
  }

  /// The position of the column called `name`.
  ///
  /// - Throws: ``TableError/missingColumn(file:column:available:)``.
  public func columnIndex(_ name: String) throws(TableError) -> Int {
    guard let index = columnNames.firstIndex(of: name) else {
      throw .missingColumn(file: file, column: name, available: columnNames)
    }
    return index
  }

  /// The 1-based line of the file on which data row `row` starts.
  public func line(ofRow row: Int) -> Int {
    Int(rowLines[row])
  }
}
