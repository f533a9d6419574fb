extension CSVTable {
  /// The text of the field at `row`, `column`, with quotes removed and `""` undone.
  ///
  /// - Throws: ``TableError/invalidText(file:line:column:)`` when the bytes are not
  ///   valid UTF-8.
  public func text(row: Int, column: Int) throws(TableError) -> String {
    let text = bytes.withUnsafeBufferPointer { buffer in
      withField(row: row, column: column, in: buffer) {
        String(validating: $0, as: UTF8.self)
      }
    }
    guard let text else {
      throw .invalidText(file: file, line: line(ofRow: row), column: columnNames[column])
    }
    return text
  }

  /// The texts of every row's field in `column`.
  ///
  /// - Throws: ``TableError/invalidText(file:line:column:)``.
  public func texts(column: Int) throws(TableError) -> [String] {
    var texts: [String] = []
    texts.reserveCapacity(rowCount)
    for row in 0..<rowCount {
      texts.append(try text(row: row, column: column))
    }
    return texts
  }

  /// The field at `row`, `column` as a finite decimal number.
  ///
  /// - Throws: ``TableError/invalidNumber(file:line:column:text:)`` when the field
  ///   is empty, NaN, infinite or not a decimal number.
  public func number(row: Int, column: Int) throws(TableError) -> Double {
    let value = bytes.withUnsafeBufferPointer { buffer in
      withField(row: row, column: column, in: buffer, DecimalNumber.parse)
    }
    guard let value else { throw invalidNumber(row: row, column: column) }
    return value
  }

  /// The field at `row`, `column` as a finite decimal number, or nil when the field
  /// is empty or only spaces (a value that was not recorded).
  ///
  /// - Throws: ``TableError/invalidNumber(file:line:column:text:)`` when the field
  ///   holds something other than a finite decimal number.
  public func numberIfPresent(row: Int, column: Int) throws(TableError) -> Double? {
    let (value, isBlank) = bytes.withUnsafeBufferPointer { buffer in
      withField(row: row, column: column, in: buffer) { field in
        (DecimalNumber.parse(field), field.allSatisfy { $0 == 0x20 || $0 == 0x09 })
      }
    }
    if isBlank { return nil }
    guard let value else { throw invalidNumber(row: row, column: column) }
    return value
  }

  /// Every row's field in `column` as a finite decimal number.
  ///
  /// - Throws: ``TableError/invalidNumber(file:line:column:text:)`` for the first
  ///   field that is empty, NaN, infinite or not a decimal number.
  /// - Complexity: O(*n*) in the bytes of the column.
  public func numbers(column: Int) throws(TableError) -> [Double] {
    try numbers(columns: [column])[0]
  }

  /// Every row's fields in each of `columns` as finite decimal numbers, one array
  /// per requested column.
  ///
  /// Reading several columns in one call walks the file once, in order, which is
  /// several times faster than reading them one by one from a large table.
  ///
  /// - Throws: ``TableError/invalidNumber(file:line:column:text:)`` for the first
  ///   field (in file order) that is empty, NaN, infinite or not a decimal number.
  /// - Complexity: O(*n*) in the bytes of the columns.
  public func numbers(columns: [Int]) throws(TableError) -> [[Double]] {
    let rows = rowCount
    let flat = try numbers(columns: columns, rows: 0..<rows)
    return (0..<columns.count).map { Array(Self.column($0, of: flat, rows: rows)) }
  }

  /// Column `k` of a column-major array of `rows` rows, as ``numbers(columns:rows:)``
  /// returns them.
  static func column(_ k: Int, of columnMajor: [Double], rows: Int) -> ArraySlice<Double> {
    columnMajor[(k * rows)..<((k + 1) * rows)]
  }

  /// The fields of the rows in `rowRange` in each of `columns` as finite decimal
  /// numbers, in one column-major array: requested column `k`'s values are at
  /// `k * rowRange.count ..< (k + 1) * rowRange.count`.
  ///
  /// Lets two threads share one large table: the first error in file order is that
  /// of the earlier range, if it has one. One array, rather than one per column,
  /// spares a caller that rearranges the values anyway a copy of them.
  ///
  /// - Throws: ``TableError/invalidNumber(file:line:column:text:)`` for the first
  ///   field of the range (in file order) that is not a finite decimal number.
  /// - Complexity: O(*n*) in the bytes of the columns in the range.
  func numbers(columns: [Int], rows rowRange: Range<Int>) throws(TableError) -> [Double] {
    let columnCount = columnNames.count
    for column in columns {
      precondition(column >= 0 && column < columnCount, "column \(column) out of range")
    }
    precondition(
      rowRange.lowerBound >= 0 && rowRange.upperBound <= rowCount,
      "rows \(rowRange) out of 0..<\(rowCount)")
    // One flat column-major buffer: no per-element copy-on-write checks.
    let rows = rowRange.count
    let firstRow = rowRange.lowerBound
    var failure: (row: Int, column: Int)?
    let flat = [Double](unsafeUninitializedCapacity: rows * columns.count) { output, initialized in
      output.initialize(repeating: 0)
      initialized = output.count
      bytes.withUnsafeBufferPointer { buffer in
        fieldStarts.withUnsafeBufferPointer { starts in
          fieldEnds.withUnsafeBufferPointer { ends in
            rows: for row in rowRange {
              let rowBase = row &* columnCount
              for (slot, column) in columns.enumerated() {
                let start = Int(starts[rowBase &+ column])
                let endAndFlag = ends[rowBase &+ column]
                let value: Double?
                if endAndFlag & Self.escapedFlag == 0, let base = buffer.baseAddress {
                  value = DecimalNumber.parse(
                    UnsafeBufferPointer(start: base + start, count: Int(endAndFlag) &- start))
                } else {
                  value = withField(row: row, column: column, in: buffer, DecimalNumber.parse)
                }
                guard let value else {
                  failure = (row, column)
                  break rows
                }
                output[slot &* rows &+ (row &- firstRow)] = value
              }
            }
          }
        }
      }
    }
    if let failure { throw invalidNumber(row: failure.row, column: failure.column) }
    return flat
  }

  /// The error for a field that is not a finite decimal number.
  private func invalidNumber(row: Int, column: Int) -> TableError {
    let text = bytes.withUnsafeBufferPointer { buffer in
      withField(row: row, column: column, in: buffer) { field in
        String(decoding: field.prefix(200), as: UTF8.self)
      }
    }
    return .invalidNumber(
      file: file, line: line(ofRow: row), column: columnNames[column], text: text)
  }

  /// Calls `body` with the bytes of the field at `row`, `column`, after undoing
  /// doubled quotes if needed.
  func withFieldBytes<Result>(
    row: Int, column: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result
  ) -> Result {
    bytes.withUnsafeBufferPointer { buffer in
      withField(row: row, column: column, in: buffer, body)
    }
  }

  /// Calls `body` with the field's bytes, after undoing doubled quotes if needed.
  private func withField<Result>(
    row: Int, column: Int, in buffer: UnsafeBufferPointer<UInt8>,
    _ body: (UnsafeBufferPointer<UInt8>) -> Result
  ) -> Result {
    precondition(row >= 0 && row < rowCount, "row \(row) out of 0..<\(rowCount)")
    precondition(column >= 0 && column < columnNames.count, "column \(column) out of range")
    let index = row * columnNames.count + column
    let start = Int(fieldStarts[index])
    let end = Int(fieldEnds[index] & ~Self.escapedFlag)
    let field = UnsafeBufferPointer(rebasing: buffer[start..<end])
    guard fieldEnds[index] & Self.escapedFlag != 0 else { return body(field) }
    var unescaped: [UInt8] = []
    unescaped.reserveCapacity(field.count)
    var skipNextQuote = false
    for byte in field {
      if byte == UInt8(ascii: "\""), skipNextQuote {
        skipNextQuote = false
        continue
      }
      skipNextQuote = byte == UInt8(ascii: "\"")
      unescaped.append(byte)
    }
    return unescaped.withUnsafeBufferPointer(body)
  }
}
