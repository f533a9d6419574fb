import Foundation
import SearchSpace

extension NB201Benchmark {
  /// Loads `nb201_200epoch.csv` and, unless told not to, `nb201_12epoch.csv` from
  /// `directory` (such as the reference data's `nasbench201/`).
  ///
  /// With a `cacheDirectory`, the tables are cached there as in
  /// ``init(contentsOf:twelveEpochContentsOf:allowsPartialTable:cacheDirectory:)``.
  ///
  /// - Throws: ``TableError`` for a missing or malformed file or an incomplete table.
  public init(
    directory: URL, includesTwelveEpochTable: Bool = true, allowsPartialTable: Bool = false,
    cacheDirectory: URL? = nil
  ) throws(TableError) {
    try self.init(
      contentsOf: directory.appendingPathComponent(Self.fileName),
      twelveEpochContentsOf: includesTwelveEpochTable
        ? directory.appendingPathComponent(Self.twelveEpochFileName) : nil,
      allowsPartialTable: allowsPartialTable, cacheDirectory: cacheDirectory)
  }

  /// Loads the 200-epoch table at `url` and, when given, the 12-epoch table at
  /// `twelveEpochURL`.
  ///
  /// With a `cacheDirectory`, a binary copy of the parsed benchmark is kept there and
  /// read instead of the CSV files as long as they are unchanged (same resolved path,
  /// size, times, inode and device) and `allowsPartialTable` is the same; a copy that
  /// is missing, stale or damaged is replaced after parsing. The benchmark is the
  /// same either way, and so are the errors: only tables that loaded are cached. A
  /// cache that cannot be written is ignored.
  ///
  /// ```swift
  /// let benchmark = try NB201Benchmark(
  ///   contentsOf: table, twelveEpochContentsOf: twelveEpochTable,
  ///   cacheDirectory: URL(fileURLWithPath: "/tmp/nas-search-cache"))
  /// ```
  ///
  /// - Parameters:
  ///   - url: The 200-epoch table.
  ///   - twelveEpochURL: The 12-epoch table, if any.
  ///   - allowsPartialTable: Accept fewer than 15,625 cells.
  ///   - cacheDirectory: Where to keep the cache, created when needed; nil (the
  ///     default) reads the CSV files every time.
  /// - Throws: ``TableError`` for a missing or malformed file or an incomplete table.
  public init(
    contentsOf url: URL, twelveEpochContentsOf twelveEpochURL: URL? = nil,
    allowsPartialTable: Bool = false, cacheDirectory: URL? = nil
  ) throws(TableError) {
    let sources = [url] + (twelveEpochURL.map { [$0] } ?? [])
    let cache = cacheDirectory.flatMap {
      NB201BenchmarkCache(directory: $0, sources: sources, allowsPartialTable: allowsPartialTable)
    }
    if let cached = cache?.load(file: url.path) {
      self = cached
      return
    }
    try self.init(parsing: sources, allowsPartialTable: allowsPartialTable)
    cache?.store(self)
  }

  /// Reads and parses the 200-epoch table `sources[0]` and the 12-epoch table
  /// `sources[1]`, if given.
  private init(parsing sources: [URL], allowsPartialTable: Bool) throws(TableError) {
    // The two files are read and tokenised at once, one on each of two threads.
    let tables = try simultaneously(
      sources.map { url in
        { Result { () throws(TableError) in try CSVTable(contentsOf: url) } }
      })
    let table = tables[0]
    let twelveEpochTable = tables.count > 1 ? tables[1] : nil
    try self.init(
      table: table, twelveEpochTable: twelveEpochTable, allowsPartialTable: allowsPartialTable)
  }

  /// Builds the benchmark from tables already read.
  ///
  /// - Parameters:
  ///   - table: The 200-epoch table: the columns ``requiredColumns``, any further
  ///     numeric columns, and text columns among ``knownTextColumns``.
  ///   - twelveEpochTable: The 12-epoch table, with ``requiredTwelveEpochColumns``; it
  ///     must hold exactly the cells of `table`, and its `arch_index`, if present, must
  ///     agree.
  ///   - allowsPartialTable: Accept fewer than 15,625 cells.
  /// - Throws: ``TableError`` naming the file, line and column of the first problem.
  public init(
    table: CSVTable, twelveEpochTable: CSVTable? = nil, allowsPartialTable: Bool = false
  ) throws(TableError) {
    for name in Self.requiredColumns { _ = try table.columnIndex(name) }
    let keys = try Self.readKeys(of: table)
    if !allowsPartialTable && keys.cells.count != Self.cellCount {
      let missing = NB201Cell.all.first { keys.rowByProduct[$0.productIndex] < 0 }
      throw .incompleteTable(
        file: table.file, expected: Self.cellCount, found: keys.cells.count,
        example: missing?.description ?? "")
    }

    var names: [String] = []
    var textNames: [String] = []
    var numericColumns: [Int] = []
    for (index, name) in table.columnNames.enumerated() where name != "arch_index" {
      if Self.knownTextColumns.contains(name) {
        textNames.append(name)
      } else {
        names.append(name)
        numericColumns.append(index)
      }
    }
    var otherColumns: [Int] = []
    for (index, name) in (twelveEpochTable?.columnNames ?? []).enumerated()
    where name != "arch_index" && !Self.knownTextColumns.contains(name) {
      names.append(Self.twelveEpochPrefix + name)
      otherColumns.append(index)
    }
    // The numbers are parsed on two threads: the first takes the 200-epoch table's
    // first rows, the second its remaining rows and then the 12-epoch table, so that
    // both have about as many fields. The first error in file order comes first, and
    // a 200-epoch table's error before a 12-epoch table's.
    let (ownColumns, twelveEpochColumns) = (numericColumns, otherColumns)
    let otherFields = (twelveEpochTable?.rowCount ?? 0) * (otherColumns.count + 1)
    let ownFields = table.rowCount * max(ownColumns.count, 1)
    let split = min(
      table.rowCount, table.rowCount * (ownFields + otherFields) / (2 * ownFields))
    // Each job gives its part of the 200-epoch table's numbers, column-major, and the
    // second also the 12-epoch table's columns, already placed by product index.
    let jobs: [@Sendable () -> Result<(own: [Double], other: [[Double]]), TableError>] = [
      {
        Result { () throws(TableError) in
          (try table.numbers(columns: ownColumns, rows: 0..<split), [])
        }
      },
      {
        Result { () throws(TableError) in
          let own = try table.numbers(columns: ownColumns, rows: split..<table.rowCount)
          guard let twelveEpochTable else { return (own, []) }
          let otherProducts = try Self.joinKeys(of: twelveEpochTable, to: keys, of: table)
            .map(\.productIndex)
          let rows = twelveEpochTable.rowCount
          let other = try twelveEpochTable.numbers(
            columns: twelveEpochColumns, rows: 0..<rows)
          return (
            own,
            (0..<twelveEpochColumns.count).map {
              Self.scatter([CSVTable.column($0, of: other, rows: rows)], to: otherProducts)
            }
          )
        }
      },
    ]
    let (head, tail) = try { () throws(TableError) in
      let parts = try simultaneously(jobs)
      return (parts[0], parts[1])
    }()
    let rowProducts = keys.rowCells.map(\.productIndex)
    let (headRows, tailRows) = (split, table.rowCount - split)
    let columns =
      (0..<ownColumns.count).map {
        Self.scatter(
          [
            CSVTable.column($0, of: head.own, rows: headRows),
            CSVTable.column($0, of: tail.own, rows: tailRows),
          ], to: rowProducts)
      } + tail.other

    self.init(
      file: table.file, table: table, cells: keys.cells,
      archIndexByProduct: keys.archIndexByProduct, rowByProduct: keys.rowByProduct,
      columnNames: names, textColumnNames: textNames, values: columns)
  }

  /// The key columns of the 200-epoch table, checked.
  private struct Keys {
    /// The cell of each row, in file order.
    var rowCells: [NB201Cell]
    /// The cells in `arch_index` order.
    var cells: [NB201Cell]
    var archIndexByProduct: [Int32]
    var rowByProduct: [Int32]
  }

  /// Parses `arch_str` and `arch_index`, rejecting malformed and repeated keys.
  private static func readKeys(of table: CSVTable) throws(TableError) -> Keys {
    let rowCells = try readCells(of: table)
    var rowByProduct = [Int32](repeating: -1, count: cellCount)
    for (row, cell) in rowCells.enumerated() {
      let first = rowByProduct[cell.productIndex]
      guard first < 0 else {
        throw .duplicateKey(
          file: table.file, line: table.line(ofRow: row), column: "arch_str",
          value: cell.description, firstLine: table.line(ofRow: Int(first)))
      }
      rowByProduct[cell.productIndex] = Int32(row)
    }

    let indexColumn = try table.columnIndex("arch_index")
    let indices = try table.numbers(column: indexColumn)
    var archIndexByProduct = [Int32](repeating: -1, count: cellCount)
    var rowByArchIndex = [Int32](repeating: -1, count: cellCount)
    for (row, value) in indices.enumerated() {
      guard value >= 0, value < Double(cellCount), value.rounded() == value else {
        throw .invalidValue(
          file: table.file, line: table.line(ofRow: row), column: "arch_index",
          text: (try? table.text(row: row, column: indexColumn)) ?? "",
          expected: "an integer index in 0...\(cellCount - 1)")
      }
      let archIndex = Int(value)
      let first = rowByArchIndex[archIndex]
      guard first < 0 else {
        throw .duplicateKey(
          file: table.file, line: table.line(ofRow: row), column: "arch_index",
          value: String(archIndex), firstLine: table.line(ofRow: Int(first)))
      }
      rowByArchIndex[archIndex] = Int32(row)
      archIndexByProduct[rowCells[row].productIndex] = Int32(archIndex)
    }
    let cells = rowByArchIndex.compactMap { $0 >= 0 ? rowCells[Int($0)] : nil }
    return Keys(
      rowCells: rowCells, cells: cells, archIndexByProduct: archIndexByProduct,
      rowByProduct: rowByProduct)
  }

  /// Parses the `arch_str` of every row.
  ///
  /// With `reference` (a table already read and its rows' cells), a row whose text is
  /// byte for byte that of the same row of `reference` takes that row's cell unparsed:
  /// the benchmark's tables list the cells in the same order.
  private static func readCells(
    of table: CSVTable, reference: (table: CSVTable, cells: [NB201Cell])? = nil
  ) throws(TableError) -> [NB201Cell] {
    let column = try table.columnIndex("arch_str")
    let referenceColumn = reference?.table.columnNames.firstIndex(of: "arch_str")
    var cells: [NB201Cell] = []
    cells.reserveCapacity(table.rowCount)
    for row in 0..<table.rowCount {
      let parsed = table.withFieldBytes(row: row, column: column) {
        (bytes) -> Result<NB201Cell, ArchitectureError> in
        if let reference, let referenceColumn, row < reference.cells.count,
          reference.table.withFieldBytes(row: row, column: referenceColumn, { same($0, bytes) })
        {
          return .success(reference.cells[row])
        }
        do throws(ArchitectureError) {
          return .success(try NB201Cell(parsingUTF8: bytes))
        } catch {
          return .failure(error)
        }
      }
      switch parsed {
      case .success(let cell):
        cells.append(cell)
      case .failure(let error):
        throw .invalidValue(
          file: table.file, line: table.line(ofRow: row), column: "arch_str",
          text: (try? table.text(row: row, column: column)) ?? error.text,
          expected: "an NB201 architecture string (\(error.reason))")
      }
    }
    return cells
  }

  /// Whether `a` and `b` hold the same bytes.
  private static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
    guard a.count == b.count else { return false }
    guard let x = a.baseAddress, let y = b.baseAddress else { return true }
    return memcmp(x, y, a.count) == 0
  }

  /// Checks that the 12-epoch table holds exactly the cells of the 200-epoch table
  /// (with the same `arch_index` when it has that column); returns its rows' cells.
  private static func joinKeys(
    of other: CSVTable, to keys: Keys, of table: CSVTable
  ) throws(TableError) -> [NB201Cell] {
    for name in requiredTwelveEpochColumns { _ = try other.columnIndex(name) }
    let rowCells = try readCells(of: other, reference: (table, keys.rowCells))
    var seenRow = [Int32](repeating: -1, count: cellCount)
    let indexColumn = other.columnNames.firstIndex(of: "arch_index")
    let indices = try indexColumn.map { (column) throws(TableError) in
      try other.numbers(column: column)
    }
    for (row, cell) in rowCells.enumerated() {
      let product = cell.productIndex
      guard seenRow[product] < 0 else {
        throw .duplicateKey(
          file: other.file, line: other.line(ofRow: row), column: "arch_str",
          value: cell.description, firstLine: other.line(ofRow: Int(seenRow[product])))
      }
      seenRow[product] = Int32(row)
      let archIndex = keys.archIndexByProduct[product]
      guard archIndex >= 0 else {
        throw .invalidValue(
          file: other.file, line: other.line(ofRow: row), column: "arch_str",
          text: cell.description, expected: "an architecture listed in \(table.file)")
      }
      if let indices, let indexColumn, indices[row] != Double(archIndex) {
        throw .invalidValue(
          file: other.file, line: other.line(ofRow: row), column: "arch_index",
          text: (try? other.text(row: row, column: indexColumn)) ?? "",
          expected: "\(archIndex), this architecture's arch_index in \(table.file)")
      }
    }
    if rowCells.count != keys.cells.count {
      let missing = keys.cells.first { seenRow[$0.productIndex] < 0 }
      throw .incompleteTable(
        file: other.file, expected: keys.cells.count, found: rowCells.count,
        example: missing?.description ?? "")
    }
    return rowCells
  }

  /// Places each row's value at its cell's product index; NaN elsewhere.
  ///
  /// The rows' values come in consecutive `parts` (a table read in row ranges).
  private static func scatter(_ parts: [ArraySlice<Double>], to productIndices: [Int]) -> [Double] {
    var values = [Double](repeating: .nan, count: cellCount)
    values.withUnsafeMutableBufferPointer { values in
      productIndices.withUnsafeBufferPointer { products in
        var row = 0
        for part in parts {
          part.withUnsafeBufferPointer { part in
            for value in part {
              values[products[row]] = value
              row += 1
            }
          }
        }
      }
    }
    return values
  }
}
