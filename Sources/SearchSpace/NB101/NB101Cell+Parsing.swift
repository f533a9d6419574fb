extension NB101Cell {
  /// Reads the text form `ADJ:OPS`, such as
  /// `0110001000010000:input|conv3x3-bn-relu|maxpool3x3|output`.
  ///
  /// `ADJ` is the n×n matrix in row-major order as `0`/`1` characters and `OPS` the
  /// n operations' official names joined by `|`: the columns `adjacency_rowmajor`
  /// and `ops` of the reference CSV files joined with `:`. Only syntax is checked
  /// here; ``NB101Space/validate(_:)`` checks the benchmark's rules.
  ///
  /// - Throws: ``ArchitectureError`` saying which part is malformed and what was
  ///   expected.
  public init(parsing text: some StringProtocol) throws(ArchitectureError) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2 else {
      throw Self.error(
        "expected 'ADJ:OPS' (row-major 0/1 matrix, ':', operations joined by '|'), "
          + "found \(parts.count - 1) ':'", text: String(text))
    }
    do {
      try self.init(adjacencyRowMajor: parts[0], operations: parts[1])
    } catch {
      throw Self.error(error.reason, text: String(text))
    }
  }

  /// Reads a cell from its two columns: the row-major matrix as `0`/`1` characters
  /// and the operations' official names joined by `separator`.
  ///
  /// The benchmark's own file stores operations joined by `,`; the reference CSV
  /// files join them by `|`.
  ///
  /// - Throws: ``ArchitectureError`` saying which column is malformed.
  public init(
    adjacencyRowMajor: some StringProtocol, operations: some StringProtocol,
    separator: Character = "|"
  ) throws(ArchitectureError) {
    guard let separatorByte = separator.asciiValue else {
      throw Self.error("the operation separator '\(separator)' is not an ASCII character")
    }
    let digits = ContiguousUTF8.bytes(of: adjacencyRowMajor)
    var size = 0
    while size * size < digits.count { size += 1 }
    guard size * size == digits.count, (2...Self.maximumVertexCount).contains(size) else {
      throw Self.error(
        "adjacency has \(digits.count) characters; expected n*n for n in 2...8 (49 for 7 vertices)")
    }
    self.init(vertexCount: size)
    for (index, digit) in digits.enumerated() {
      switch digit {
      case UInt8(ascii: "0"): continue
      case UInt8(ascii: "1"): setEdge(from: index / size, to: index % size, true)
      default:
        throw Self.error(
          "adjacency character \(index + 1) is '\(Self.printable(digit))'; expected '0' or '1'")
      }
    }
    let names = ContiguousUTF8.bytes(of: operations)
    let nameCount = names.reduce(1) { $0 + ($1 == separatorByte ? 1 : 0) }
    guard nameCount == size else {
      throw Self.error(
        "\(nameCount) operations for a \(size)x\(size) matrix; expected \(size) "
          + "joined by '\(separator)'")
    }
    var vertex = 0
    var nameStart = names.startIndex
    for position in names.indices where names[position] == separatorByte {
      try setOperation(named: names[nameStart..<position], at: vertex)
      vertex += 1
      nameStart = position + 1
    }
    try setOperation(named: names[nameStart...], at: vertex)
  }

  /// Sets vertex `vertex`'s operation from its official name, or throws.
  private mutating func setOperation(
    named name: ArraySlice<UInt8>, at vertex: Int
  ) throws(ArchitectureError) {
    guard let operation = NB101Operation.matching(utf8: name) else {
      let known = NB101Operation.allCases.map(\.officialName).joined(separator: ", ")
      throw Self.error(
        "operation \(vertex + 1) is '\(String(decoding: name, as: UTF8.self))'; "
          + "expected one of \(known)")
    }
    setOperation(operation, at: vertex)
  }

  /// The row-major matrix as `0`/`1` characters (the `adjacency_rowmajor` column).
  public var adjacencyRowMajor: String {
    var digits: [UInt8] = []
    digits.reserveCapacity(vertexCount * vertexCount)
    for from in 0..<vertexCount {
      for to in 0..<vertexCount {
        digits.append(hasEdge(from: from, to: to) ? UInt8(ascii: "1") : UInt8(ascii: "0"))
      }
    }
    return String(decoding: digits, as: UTF8.self)
  }

  /// The operations' official names joined by `separator` (the `ops` column).
  public func operationNames(separator: String = "|") -> String {
    operations.map(\.officialName).joined(separator: separator)
  }

  /// The text form `ADJ:OPS` that ``init(parsing:)`` reads back unchanged.
  public var text: String {
    adjacencyRowMajor + ":" + operationNames()
  }

  private static func printable(_ byte: UInt8) -> String {
    (0x20..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
  }
}

extension NB101Cell: CustomStringConvertible {
  /// The text form `ADJ:OPS`.
  public var description: String { text }
}

extension NB101Cell: Codable {
  /// Decodes the text form `ADJ:OPS`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    do {
      try self.init(parsing: text)
    } catch {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
    }
  }

  /// Encodes the text form `ADJ:OPS`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(text)
  }
}
