import SearchSpace

/// The sections of an NB201 cache file (see ``CacheFile`` for the framing), in order:
///
/// 1. six `UInt64` counts: the key's bytes, the numeric columns, the text columns,
///    the 200-epoch table's rows, the names' bytes, the text fields' bytes;
/// 2. the key (`UInt8`): the tables' identities and options, see ``NB201BenchmarkCache``;
/// 3. each name's length in bytes (`UInt32`), numeric columns then text columns, and
/// 4. the names' UTF-8 bytes, one after the other;
/// 5. ``NB201Benchmark/archIndexByProduct`` and 6. ``NB201Benchmark/rowByProduct``
///    (`Int32`, 15,625 each);
/// 7. one section per numeric column: its 15,625 `Double` values by product index;
/// 8. the text columns as a ``CSVTable/packed(columns:)`` table: its field ends
///    (`UInt32`), 9. its rows' lines (`UInt32`) and 10. its bytes (`UInt8`).
///
/// ``NB201Benchmark/cells`` is not stored: it is the present cells in `arch_index`
/// order, which ``NB201Benchmark/archIndexByProduct`` determines.
extension NB201Benchmark {
  /// Writes the benchmark's sections, after `key`.
  ///
  /// - Throws: ``CacheFileError`` when a write fails.
  func write(to writer: CacheFileWriter, key: [UInt8]) throws(CacheFileError) {
    let textColumns = textColumnNames.compactMap { table.columnNames.firstIndex(of: $0) }
    guard textColumns.count == textColumnNames.count else { throw CacheFileError() }
    let texts = table.packed(columns: textColumns)
    let names = columnNames + textColumnNames
    let nameBytes = names.flatMap(\.utf8)
    let counts =
      [key.count, columnNames.count, textColumnNames.count, texts.rowCount]
      .map(UInt64.init) + [UInt64(nameBytes.count), UInt64(texts.bytes.count)]
    try writer.append(counts)
    try writer.append(key)
    try writer.append(names.map { UInt32($0.utf8.count) })
    try writer.append(nameBytes)
    try writer.append(archIndexByProduct)
    try writer.append(rowByProduct)
    for column in values { try writer.append(column) }
    try writer.append(texts.fieldEnds)
    try writer.append(texts.rowLines)
    try writer.append(texts.bytes)
  }

  /// Reads a benchmark written by ``write(to:key:)`` for `key`, or returns nil when
  /// the file was written for another key, is damaged, or holds something that
  /// breaks the benchmark's invariants.
  ///
  /// - Parameters:
  ///   - reader: The cache file, opened.
  ///   - key: The key the file must have been written for.
  ///   - file: The 200-epoch table's name for messages.
  init?(reading reader: CacheFileReader, key: [UInt8], file: String) {
    let cellCount = Self.cellCount
    guard let counts = reader.read(UInt64.self, count: 6),
      counts.allSatisfy({ $0 < UInt64(Int32.max) }),
      counts[0] == UInt64(key.count), reader.read(UInt8.self, count: key.count) == key
    else { return nil }
    let (columnCount, textCount, rowCount) = (Int(counts[1]), Int(counts[2]), Int(counts[3]))
    guard let nameLengths = reader.read(UInt32.self, count: columnCount + textCount),
      let nameBytes = reader.read(UInt8.self, count: Int(counts[4])),
      let names = Self.names(nameBytes, lengths: nameLengths),
      let archIndexByProduct = reader.read(Int32.self, count: cellCount),
      let rowByProduct = reader.read(Int32.self, count: cellCount)
    else { return nil }
    var values: [[Double]] = []
    values.reserveCapacity(columnCount)
    for _ in 0..<columnCount {
      guard let column = reader.read(Double.self, count: cellCount) else { return nil }
      values.append(column)
    }
    guard let fieldEnds = reader.read(UInt32.self, count: rowCount * textCount),
      let rowLines = reader.read(UInt32.self, count: rowCount),
      let textBytes = reader.read(UInt8.self, count: Int(counts[5])),
      reader.finish()
    else { return nil }

    // The checksum matched, so this is a file this code wrote; the checks below keep
    // a file that breaks the invariants from trapping later all the same.
    let columnNames = Array(names[..<columnCount])
    let textColumnNames = Array(names[columnCount...])
    guard Set(columnNames).count == columnCount,
      let cells = Self.cells(archIndexByProduct, rowByProduct, rowCount: rowCount),
      let table = CSVTable(
        file: file, columnNames: textColumnNames, packedBytes: textBytes, fieldEnds: fieldEnds,
        rowLines: rowLines)
    else { return nil }
    self.init(
      file: file, table: table, cells: cells, archIndexByProduct: archIndexByProduct,
      rowByProduct: rowByProduct, columnNames: columnNames, textColumnNames: textColumnNames,
      values: values)
  }

  /// The names in `bytes`, cut at `lengths`; nil unless they are valid UTF-8 and fill
  /// `bytes` exactly.
  private static func names(_ bytes: [UInt8], lengths: [UInt32]) -> [String]? {
    var names: [String] = []
    var start = 0
    for length in lengths {
      let end = start + Int(length)
      guard end <= bytes.count,
        let name = String(validating: bytes[start..<end], as: UTF8.self)
      else { return nil }
      names.append(name)
      start = end
    }
    return start == bytes.count ? names : nil
  }

  /// The present cells in `arch_index` order; nil unless the arch indices are
  /// distinct and in range, the rows are in range, and exactly `rowCount` cells, the
  /// same for both arrays, are present.
  private static func cells(
    _ archIndexByProduct: [Int32], _ rowByProduct: [Int32], rowCount: Int
  ) -> [NB201Cell]? {
    var productByArchIndex = [Int32](repeating: -1, count: cellCount)
    var present = 0
    for (product, (archIndex, row)) in zip(archIndexByProduct, rowByProduct).enumerated() {
      guard (archIndex >= 0) == (row >= 0) else { return nil }
      guard archIndex >= 0 else { continue }
      guard archIndex < cellCount, row < rowCount, productByArchIndex[Int(archIndex)] < 0
      else { return nil }
      productByArchIndex[Int(archIndex)] = Int32(product)
      present += 1
    }
    guard present == rowCount else { return nil }
    return productByArchIndex.compactMap { $0 >= 0 ? NB201Cell(productIndex: Int($0)) : nil }
  }
}
