/// Where the fields of a CSV file are: the result of ``CSVTokenizer/readTable()``.
struct CSVLayout {
  var columnNames: [String]
  var fieldStarts: [UInt32]
  var fieldEnds: [UInt32]
  var rowLines: [UInt32]
}

/// Preallocated storage for field bounds, written without per-field checks.
struct FieldSink {
  let starts: UnsafeMutableBufferPointer<UInt32>
  let ends: UnsafeMutableBufferPointer<UInt32>
  var count = 0

  var capacity: Int { starts.count }

  init(starts: UnsafeMutableBufferPointer<UInt32>, ends: UnsafeMutableBufferPointer<UInt32>) {
    self.starts = starts
    self.ends = ends
  }

  /// Records a field; the capacity is the number of separators plus one, which no
  /// file can exceed.
  @inline(__always)
  mutating func append(start: Int, end: Int) {
    precondition(count < starts.count, "CSV field bound exceeded")
    starts.initializeElement(at: count, to: UInt32(truncatingIfNeeded: start))
    ends.initializeElement(at: count, to: UInt32(truncatingIfNeeded: end))
    count += 1
  }
}

/// One pass over a CSV file's bytes that records where every field starts and ends.
///
/// It checks the structure only (quotes, field counts, control bytes); the fields'
/// contents are checked when they are decoded.
struct CSVTokenizer {
  private let bytes: UnsafeBufferPointer<UInt8>
  private let file: String
  private var position = 0
  private var line = 1
  private var columnNames: [String] = []

  private static let comma = UInt8(ascii: ",")
  private static let quote = UInt8(ascii: "\"")
  private static let lineFeed = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")
  private static let tab = UInt8(ascii: "\t")

  init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
    self.bytes = bytes
    self.file = file
  }

  /// Reads the header and every row.
  mutating func readTable() throws(TableError) -> CSVLayout {
    // A UTF-8 byte-order mark is not part of the first column's name.
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
      position = 3
    }
    skipBlankLines()
    guard position < bytes.count else { throw .emptyFile(file: file) }

    // Every field but a line's last ends at a comma, so fields ≤ commas + lines.
    let capacity = Self.countSeparators(bytes) + 1
    var starts: [UInt32] = []
    var ends: [UInt32] = []
    var rowLines: [UInt32] = []
    var failure: TableError?
    starts = [UInt32](unsafeUninitializedCapacity: capacity) { startBuffer, startCount in
      ends = [UInt32](unsafeUninitializedCapacity: capacity) { endBuffer, endCount in
        var sink = FieldSink(starts: startBuffer, ends: endBuffer)
        do throws(TableError) {
          rowLines = try readRows(into: &sink)
        } catch {
          failure = error
        }
        endCount = sink.count
      }
      startCount = ends.count
    }
    if let failure { throw failure }
    return CSVLayout(
      columnNames: columnNames, fieldStarts: starts, fieldEnds: ends, rowLines: rowLines)
  }

  /// Reads the header into `columnNames` and every data row into `sink`; returns the
  /// line on which each data row starts.
  private mutating func readRows(into sink: inout FieldSink) throws(TableError) -> [UInt32] {
    _ = try readRecord(into: &sink, limit: Int.max)
    columnNames = try headerNames(sink)
    let columnCount = columnNames.count
    sink.count = 0
    var rowLines: [UInt32] = []
    rowLines.reserveCapacity(sink.capacity / max(columnCount, 1))
    while true {
      skipBlankLines()
      guard position < bytes.count else { return rowLines }
      let rowLine = line
      let (count, terminated) = try readRecord(into: &sink, limit: columnCount)
      guard count == columnCount else {
        if !terminated && count < columnCount {
          throw .truncatedLastLine(file: file, line: rowLine, expected: columnCount, found: count)
        }
        throw .wrongFieldCount(file: file, line: rowLine, expected: columnCount, found: count)
      }
      rowLines.append(UInt32(truncatingIfNeeded: rowLine))
    }
  }

  /// The number of commas, line feeds and carriage returns: a bound on the fields.
  ///
  /// Counted 16 bytes at a time with SIMD compares, about a millisecond for 10 MB.
  private static func countSeparators(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    let raw = UnsafeRawPointer(base)
    let comma = SIMD16<UInt8>(repeating: UInt8(ascii: ","))
    let lineFeed = SIMD16<UInt8>(repeating: 0x0A)
    let carriageReturn = SIMD16<UInt8>(repeating: 0x0D)
    let one = SIMD16<UInt8>(repeating: 1)
    var total = 0
    var offset = 0
    let blocks = bytes.count / 16
    var block = 0
    while block < blocks {
      // At most 255 blocks per byte-wide accumulator, so that no lane overflows.
      let end = min(blocks, block + 255)
      var lanes = SIMD16<UInt8>(repeating: 0)
      while block < end {
        let chunk = raw.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
        let isSeparator = (chunk .== comma) .| (chunk .== lineFeed) .| (chunk .== carriageReturn)
        lanes &+= one.replacing(with: 0, where: .!isSeparator)
        offset &+= 16
        block &+= 1
      }
      total &+= Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
    }
    while offset < bytes.count {
      let byte = base[offset]
      if byte == UInt8(ascii: ",") || byte == 0x0A || byte == 0x0D { total &+= 1 }
      offset &+= 1
    }
    return total
  }

  /// Decodes and checks the header's column names, the fields in `sink`.
  private func headerNames(_ sink: FieldSink) throws(TableError) -> [String] {
    var names: [String] = []
    var seen: [String: Int] = [:]
    for index in 0..<sink.count {
      let start = sink.starts[index]
      let endAndFlag = sink.ends[index]
      let end = Int(endAndFlag & ~CSVTable.escapedFlag)
      let field = UnsafeBufferPointer(rebasing: bytes[Int(start)..<end])
      guard var name = String(validating: field, as: UTF8.self) else {
        throw .invalidHeader(file: file, reason: "column \(index + 1)'s name is not valid UTF-8")
      }
      if endAndFlag & CSVTable.escapedFlag != 0 {
        name = name.replacing("\"\"", with: "\"")
      }
      guard !name.isEmpty else {
        throw .invalidHeader(file: file, reason: "column \(index + 1) has an empty name")
      }
      if let first = seen[name] {
        throw .invalidHeader(
          file: file, reason: "columns \(first + 1) and \(index + 1) are both named '\(name)'")
      }
      seen[name] = index
      names.append(name)
    }
    return names
  }

  /// Consumes line breaks at the current position (blank lines).
  private mutating func skipBlankLines() {
    while position < bytes.count {
      let byte = bytes[position]
      if byte == Self.lineFeed {
        line += 1
        position += 1
      } else if byte == Self.carriageReturn {
        position += 1
        if position < bytes.count && bytes[position] == Self.lineFeed { position += 1 }
        line += 1
      } else {
        return
      }
    }
  }

  /// Reads one record, appending at most `limit` fields; returns how many fields
  /// the record has and whether a line break ended it.
  private mutating func readRecord(
    into sink: inout FieldSink, limit: Int
  ) throws(TableError) -> (count: Int, terminated: Bool) {
    var count = 0
    while true {
      let start: Int
      var end: Int
      var escaped = false
      if position < bytes.count && bytes[position] == Self.quote {
        (start, end, escaped) = try readQuotedField(column: count)
      } else {
        start = position
        try skipUnquotedField()
        end = position
      }
      if count < limit {
        if escaped { end |= Int(CSVTable.escapedFlag) }
        sink.append(start: start, end: end)
      }
      count += 1
      guard position < bytes.count else { return (count, false) }
      let separator = bytes[position]
      position += 1
      if separator == Self.comma { continue }
      if separator == Self.carriageReturn && position < bytes.count
        && bytes[position] == Self.lineFeed
      {
        position += 1
      }
      line += 1
      return (count, true)
    }
  }

  /// Advances to the comma or line break (or the end) that ends an unquoted field.
  ///
  /// Eight bytes are checked at once (SWAR) while they fit: benchmark tables are
  /// mostly short numeric fields, and this keeps the scan near a byte per cycle.
  @inline(__always)
  private mutating func skipUnquotedField() throws(TableError) {
    let count = bytes.count
    guard let base = bytes.baseAddress else { return }
    let raw = UnsafeRawPointer(base)
    while true {
      if position &+ 16 <= count {
        // Two words per step: most fields end, with their comma, within 16 bytes.
        let first = Self.specialBytes(
          UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)))
        if first != 0 {
          position &+= first.trailingZeroBitCount &>> 3
        } else {
          let second = Self.specialBytes(
            UInt64(
              littleEndian: raw.loadUnaligned(fromByteOffset: position &+ 8, as: UInt64.self)))
          guard second != 0 else {
            position &+= 16
            continue
          }
          position &+= 8 &+ second.trailingZeroBitCount &>> 3
        }
      } else if position &+ 8 <= count {
        let word = UInt64(
          littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
        let special = Self.specialBytes(word)
        guard special != 0 else {
          position &+= 8
          continue
        }
        position &+= special.trailingZeroBitCount &>> 3
      } else {
        while position < count {
          let byte = base[position]
          guard byte >= 0x20 && byte != Self.comma && byte != 0x7F else { break }
          position &+= 1
        }
        if position == count { return }
      }
      let byte = base[position]
      if byte == Self.comma || byte == Self.lineFeed || byte == Self.carriageReturn { return }
      guard byte == Self.tab else {
        throw .binaryData(file: file, line: line, byte: byte)
      }
      position &+= 1
    }
  }

  /// The high bit of each byte of `word` that ends an unquoted field's ordinary run:
  /// a control byte (below 0x20), a comma or DEL.
  ///
  /// Each term is the classic "has a byte less than n / equal to zero" bit trick. A
  /// term may flag bytes *after* its first true hit (borrows propagate upwards),
  /// never before it, so the lowest flagged bit is always the first special byte.
  @inline(__always)
  private static func specialBytes(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highBits: UInt64 = 0x8080_8080_8080_8080
    let control = (word &- ones &* 0x20) & ~word & highBits
    let commas = word ^ (ones &* 0x2C)
    let delete = word ^ (ones &* 0x7F)
    return control | ((commas &- ones) & ~commas & highBits)
      | ((delete &- ones) & ~delete & highBits)
  }

  /// Reads `"..."` at the current position; returns the content's bounds and whether
  /// it holds doubled quotes.
  private mutating func readQuotedField(
    column: Int
  ) throws(TableError) -> (start: Int, end: Int, escaped: Bool) {
    let openingLine = line
    position += 1
    let start = position
    var escaped = false
    while true {
      guard position < bytes.count else {
        throw .unterminatedQuote(file: file, line: openingLine)
      }
      let byte = bytes[position]
      if byte == Self.quote {
        if position + 1 < bytes.count && bytes[position + 1] == Self.quote {
          escaped = true
          position += 2
          continue
        }
        break
      }
      if byte == Self.lineFeed {
        line += 1
      } else if byte == Self.carriageReturn {
        if position + 1 >= bytes.count || bytes[position + 1] != Self.lineFeed { line += 1 }
      } else if byte < 0x20 && byte != Self.tab || byte == 0x7F {
        throw .binaryData(file: file, line: line, byte: byte)
      }
      position += 1
    }
    let end = position
    position += 1
    if position < bytes.count {
      let next = bytes[position]
      guard next == Self.comma || next == Self.lineFeed || next == Self.carriageReturn else {
        let name = column < columnNames.count ? columnNames[column] : "column \(column + 1)"
        throw .malformedQuote(file: file, line: line, column: name)
      }
    }
    return (start, end, escaped)
  }
}
