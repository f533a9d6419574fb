import SearchSpace

extension NB201Benchmark {
  /// One numeric column, indexed by cell in O(1): fetch it once for a hot loop.
  public struct Column: Sendable {
    /// The column's name, as in ``NB201Benchmark/columnNames``.
    public let name: String
    /// The values by product index; NaN for cells the table lacks.
    let values: [Double]

    /// The value for `cell`, or nil when the table has no row for it.
    public subscript(cell: NB201Cell) -> Double? {
      let value = values[cell.productIndex]
      return value.isNaN ? nil : value
    }
  }

  /// The numeric column called `name`.
  ///
  /// - Throws: ``TableError/unknownColumn(column:available:)``.
  public func column(_ name: String) throws(TableError) -> Column {
    guard let position = columnPositions[name] else {
      throw .unknownColumn(column: name, available: columnNames)
    }
    return Column(name: name, values: values[position])
  }

  /// The value of the numeric column `column` for `cell`.
  ///
  /// - Throws: ``TableError/unknownColumn(column:available:)`` or
  ///   ``TableError/unknownArchitecture(architecture:)`` (partial tables only).
  public func value(_ column: String, for cell: NB201Cell) throws(TableError) -> Double {
    guard let value = try self.column(column)[cell] else {
      throw .unknownArchitecture(architecture: cell.description)
    }
    return value
  }

  /// Every numeric column's value for `cell`, by column name; empty when the table
  /// has no row for `cell` (possible only for a partial table).
  public func metrics(for cell: NB201Cell) -> [String: Double] {
    guard contains(cell) else { return [:] }
    var metrics: [String: Double] = [:]
    metrics.reserveCapacity(columnNames.count)
    for (position, name) in columnNames.enumerated() {
      metrics[name] = values[position][cell.productIndex]
    }
    return metrics
  }

  /// The text of column `column` (one of ``textColumnNames``) for `cell`.
  ///
  /// - Throws: ``TableError/unknownColumn(column:available:)``,
  ///   ``TableError/unknownArchitecture(architecture:)`` or, for a field that is not
  ///   UTF-8, ``TableError/invalidText(file:line:column:)``.
  public func text(_ column: String, for cell: NB201Cell) throws(TableError) -> String {
    guard textColumnNames.contains(column), let index = table.columnNames.firstIndex(of: column)
    else {
      throw .unknownColumn(column: column, available: textColumnNames)
    }
    let row = rowByProduct[cell.productIndex]
    guard row >= 0 else { throw .unknownArchitecture(architecture: cell.description) }
    return try table.text(row: Int(row), column: index)
  }

  /// The cell whose `arch_index` is `archIndex`, or nil when there is none.
  public func cell(atArchIndex archIndex: Int) -> NB201Cell? {
    // `cells` is sorted by arch_index, which is the position for a complete table.
    if archIndex >= 0 && archIndex < cells.count,
      self.archIndex(of: cells[archIndex]) == archIndex
    {
      return cells[archIndex]
    }
    var low = 0
    var high = cells.count
    while low < high {
      let middle = (low + high) / 2
      let found = Int(archIndexByProduct[cells[middle].productIndex])
      if found == archIndex { return cells[middle] }
      if found < archIndex { low = middle + 1 } else { high = middle }
    }
    return nil
  }
}
