import Foundation
import SearchSpace

/// A CSV table of NAS-Bench-101 cells with numeric columns: the reference subsets
/// `nb101_reference_dev.csv` (NASLib: 150 cells, 108-epoch validation accuracy,
/// parameters, FLOPs, zero-cost proxy scores) and `nb101_143_multi_epoch.csv` (143
/// unpruned cells, one seed's CIFAR-10 test accuracy at 12, 36 and 108 epochs).
///
/// A row's cell is read from the columns `ops` and `adjacency_rowmajor` (or
/// `adjacency_rowmajor_unpruned`), joined as the text form `ADJ:OPS`. Lookups go by
/// the benchmark's module hash, so an unpruned cell, its pruned form and any
/// isomorphic relabelling all find the same rows. Several rows can be the same
/// network (NASLib's file holds 103 distinct networks in 150 rows, each row one
/// training repeat); ``value(_:for:)`` averages them and ``values(_:for:)`` lists
/// them.
///
/// Every other column whose fields are all decimal numbers (blank fields allowed,
/// read as NaN) is a numeric column; the rest are text (``textColumnNames``).
///
/// ```swift
/// let table = try NB101SubsetTable(contentsOf: dataDirectory.appending(path: "nasbench101/nb101_reference_dev.csv"))
/// try table.value("val_accuracy", for: cell)
/// ```
public struct NB101SubsetTable: Sendable {
  /// The names of the columns that can hold a cell's matrix, in order of preference.
  public static let adjacencyColumns = ["adjacency_rowmajor", "adjacency_rowmajor_unpruned"]
  /// The column of the operations.
  public static let operationsColumn = "ops"

  /// The file's path or label, for messages.
  public let file: String
  /// The numeric columns, in file order.
  public let columnNames: [String]
  /// The columns that are neither numeric nor the cell's, in file order.
  public let textColumnNames: [String]
  /// Each row's cell as written in the file.
  public let cells: [NB101Cell]
  /// Each row's module hash.
  public let moduleHashes: [MD5Digest]

  private let rowsOfHash: [MD5Digest: [Int]]
  private let columnPositions: [String: Int]
  /// `values[column][row]`.
  private let values: [[Double]]

  /// Reads the CSV file at `url`.
  ///
  /// - Throws: ``TableError`` when the file cannot be read, lacks the cell's columns,
  ///   or a row's cell is malformed or has no input-to-output path.
  public init(contentsOf url: URL) throws(TableError) {
    try self.init(table: CSVTable(contentsOf: url))
  }

  /// Builds the table from a CSV table already read.
  ///
  /// - Throws: ``TableError`` as ``init(contentsOf:)``.
  public init(table: CSVTable) throws(TableError) {
    file = table.file
    guard
      let adjacencyName = Self.adjacencyColumns.first(where: table.columnNames.contains)
    else {
      throw .missingColumn(
        file: table.file, column: Self.adjacencyColumns.joined(separator: "' or '"),
        available: table.columnNames)
    }
    let adjacencyColumn = try table.columnIndex(adjacencyName)
    let operationsColumn = try table.columnIndex(Self.operationsColumn)
    var cells: [NB101Cell] = []
    var hashes: [MD5Digest] = []
    var rowsOfHash: [MD5Digest: [Int]] = [:]
    for row in 0..<table.rowCount {
      let adjacency = try table.text(row: row, column: adjacencyColumn)
      let operations = try table.text(row: row, column: operationsColumn)
      let cell: NB101Cell
      let hash: MD5Digest
      do {
        cell = try NB101Cell(adjacencyRowMajor: adjacency, operations: operations)
        hash = try cell.moduleHash()
      } catch {
        throw .invalidValue(
          file: table.file, line: table.line(ofRow: row),
          column: "\(adjacencyName)' and '\(Self.operationsColumn)",
          text: adjacency + ":" + operations, expected: "an NB101 cell (\(error.reason))")
      }
      cells.append(cell)
      hashes.append(hash)
      rowsOfHash[hash, default: []].append(row)
    }
    var numericNames: [String] = []
    var textNames: [String] = []
    var values: [[Double]] = []
    for (column, name) in table.columnNames.enumerated()
    where column != adjacencyColumn && column != operationsColumn {
      if let numbers = Self.numbers(in: table, column: column) {
        numericNames.append(name)
        values.append(numbers)
      } else {
        textNames.append(name)
      }
    }
    self.cells = cells
    moduleHashes = hashes
    self.rowsOfHash = rowsOfHash
    columnNames = numericNames
    textColumnNames = textNames
    columnPositions = Dictionary(uniqueKeysWithValues: numericNames.enumerated().map { ($1, $0) })
    self.values = values
  }

  /// The number of rows.
  public var rowCount: Int { cells.count }

  /// Every row's value in a numeric column (NaN where the field is blank).
  ///
  /// - Throws: ``TableError/unknownColumn(column:available:)``.
  public func column(_ name: String) throws(TableError) -> [Double] {
    guard let position = columnPositions[name] else {
      throw .unknownColumn(column: name, available: columnNames)
    }
    return values[position]
  }

  /// The rows whose cell is the same network as `cell` (equal module hash), in file
  /// order; empty when there are none or `cell` has no input-to-output path.
  public func rows(for cell: NB101Cell) -> [Int] {
    guard let hash = try? cell.moduleHash() else { return [] }
    return rowsOfHash[hash] ?? []
  }

  /// The values of a numeric column on every row that is the same network as `cell`.
  ///
  /// - Throws: ``TableError/unknownColumn(column:available:)`` or
  ///   ``TableError/unknownArchitecture(architecture:)``.
  public func values(_ column: String, for cell: NB101Cell) throws(TableError) -> [Double] {
    let all = try self.column(column)
    let rows = rows(for: cell)
    guard !rows.isEmpty else { throw .unknownArchitecture(architecture: cell.text) }
    return rows.map { all[$0] }
  }

  /// The mean of a numeric column over the rows that are the same network as `cell`.
  ///
  /// - Throws: ``TableError/unknownColumn(column:available:)`` or
  ///   ``TableError/unknownArchitecture(architecture:)``.
  public func value(_ column: String, for cell: NB101Cell) throws(TableError) -> Double {
    let found = try values(column, for: cell)
    return found.reduce(0, +) / Double(found.count)
  }

  /// The column as numbers when every field is a decimal number or blank (and at
  /// least one is a number); nil for a text column.
  private static func numbers(in table: CSVTable, column: Int) -> [Double]? {
    var numbers: [Double] = []
    numbers.reserveCapacity(table.rowCount)
    for row in 0..<table.rowCount {
      guard let value = try? table.numberIfPresent(row: row, column: column) else {
        // A blank field reads as nil without throwing; a non-number throws.
        guard table.isBlank(row: row, column: column) else { return nil }
        numbers.append(.nan)
        continue
      }
      numbers.append(value)
    }
    return numbers.contains { !$0.isNaN } || table.rowCount == 0 ? numbers : nil
  }
}

extension CSVTable {
  /// Whether the field is empty or only spaces and tabs.
  fileprivate func isBlank(row: Int, column: Int) -> Bool {
    withFieldBytes(row: row, column: column) { field in
      field.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
  }
}
