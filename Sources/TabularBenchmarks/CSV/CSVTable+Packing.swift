extension CSVTable {
  /// A table of only `columns` (positions in ``columnNames``, in the order given),
  /// whose fields' bytes are packed one after the other: each field starts where the
  /// previous one ends.
  ///
  /// Its fields read exactly as in `self` (quoted fields keep their doubled quotes
  /// and their flag), and its rows keep their lines, so its errors are the same.
  /// A ``CacheFile`` stores it as ``bytes``, ``fieldEnds`` and ``rowLines``, and
  /// ``init(file:columnNames:packedBytes:fieldEnds:rowLines:)`` rebuilds it.
  func packed(columns: [Int]) -> CSVTable {
    var packedBytes: [UInt8] = []
    var starts: [UInt32] = []
    var ends: [UInt32] = []
    starts.reserveCapacity(rowCount * columns.count)
    ends.reserveCapacity(rowCount * columns.count)
    let columnCount = columnNames.count
    bytes.withUnsafeBufferPointer { buffer in
      for row in 0..<rowCount {
        for column in columns {
          let index = row * columnCount + column
          let start = Int(fieldStarts[index])
          let flag = fieldEnds[index] & Self.escapedFlag
          let end = Int(fieldEnds[index] & ~Self.escapedFlag)
          starts.append(UInt32(packedBytes.count))
          packedBytes += UnsafeBufferPointer(rebasing: buffer[start..<end])
          ends.append(UInt32(packedBytes.count) | flag)
        }
      }
    }
    return CSVTable(
      file: file, columnNames: columns.map { columnNames[$0] }, bytes: packedBytes,
      fieldStarts: starts, fieldEnds: ends, rowLines: rowLines)
  }

  /// Rebuilds a table made by ``packed(columns:)`` from its bytes, field ends and row
  /// lines, or returns nil when they do not fit together (the fields are not packed,
  /// run past the bytes or do not fill whole rows).
  init?(
    file: String, columnNames: [String], packedBytes: [UInt8], fieldEnds: [UInt32],
    rowLines: [UInt32]
  ) {
    guard packedBytes.count < Int(Self.escapedFlag),
      fieldEnds.count == rowLines.count * columnNames.count
    else { return nil }
    var starts: [UInt32] = []
    starts.reserveCapacity(fieldEnds.count)
    var position: UInt32 = 0
    for endAndFlag in fieldEnds {
      let end = endAndFlag & ~Self.escapedFlag
      guard end >= position, end <= packedBytes.count else { return nil }
      starts.append(position)
      position = end
    }
    self.init(
      file: file, columnNames: columnNames, bytes: packedBytes, fieldStarts: starts,
      fieldEnds: fieldEnds, rowLines: rowLines)
  }

  /// A table from its parts, as they are.
  private init(
    file: String, columnNames: [String], bytes: [UInt8], fieldStarts: [UInt32],
    fieldEnds: [UInt32], rowLines: [UInt32]
  ) {
    self.file = file
    self.columnNames = columnNames
    self.bytes = bytes
    self.fieldStarts = fieldStarts
    self.fieldEnds = fieldEnds
    self.rowLines = rowLines
  }
}
