extension NB201Cell {
  /// Reads the benchmark's architecture string, such as
  /// `|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|`.
  ///
  /// The form is strict, as the benchmark prints it: three `+`-separated groups for
  /// nodes 1, 2 and 3; group `i` lists `op~j` for `j = 0..<i` in that order, each
  /// between `|` bars; no spaces or other characters anywhere.
  ///
  /// - Throws: ``ArchitectureError`` whose reason names the character position
  ///   (1-based), the node and edge concerned, what was expected and what was found.
  /// - Complexity: O(*n*) in the length of `text`.
  public init(parsing text: String) throws(ArchitectureError) {
    var utf8 = Array(text.utf8)
    let result = utf8.withUnsafeMutableBufferPointer { buffer in
      var parser = NB201Parser(bytes: UnsafeBufferPointer(buffer))
      return parser.parseCell()
    }
    switch result {
    case .success(let cell):
      self = cell
    case .failure(let failure):
      throw ArchitectureError(space: "nb201", text: text, reason: failure.reason)
    }
  }
}

/// Why a string is not an NB201 cell: the reason text of an ``ArchitectureError``.
private struct NB201ParseFailure: Error {
  var reason: String
}

/// A one-pass reader of the NB201 architecture string over its UTF-8 bytes.
private struct NB201Parser {
  let bytes: UnsafeBufferPointer<UInt8>
  var position = 0

  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  private static let bar = UInt8(ascii: "|")
  private static let plus = UInt8(ascii: "+")
  private static let tilde = UInt8(ascii: "~")
  private static let names: [[UInt8]] = NB201Operation.allCases.map { Array($0.name.utf8) }
  private static let expectedNames = NB201Operation.allCases.map(\.name).joined(separator: ", ")

  mutating func parseCell() -> Result<NB201Cell, NB201ParseFailure> {
    var cell = NB201Cell()
    for target in 1..<NB201Cell.nodeCount {
      if target > 1 {
        guard peek() == Self.plus else {
          return .failure(
            fail(
              "expected '+' after node \(target - 1)'s group "
                + "(node \(target - 1) has exactly \(target - 1) edge\(target == 2 ? "" : "s"))"))
        }
        position += 1
      }
      guard peek() == Self.bar else {
        return .failure(fail("expected '|' to open node \(target)'s group"))
      }
      position += 1
      for source in 0..<target {
        switch parseEdge(target: target, source: source) {
        case .success(let operation): cell[to: target, from: source] = operation
        case .failure(let failure): return .failure(failure)
        }
      }
    }
    guard position == bytes.count else {
      return .failure(
        fail("expected the end of the text after node 3's group (a cell has exactly 3 groups)"))
    }
    return .success(cell)
  }

  /// Reads `op~source|`, the bar before it already consumed.
  private mutating func parseEdge(
    target: Int, source: Int
  ) -> Result<NB201Operation, NB201ParseFailure> {
    let edge = "edge \(target)←\(source)"
    let start = position
    while let byte = peek(), byte != Self.tilde, byte != Self.bar, byte != Self.plus {
      position += 1
    }
    if position == start {
      let missing = target - source
      return .failure(
        fail(
          "expected an operation for \(edge): node \(target)'s group needs \(target) edge"
            + "\(target == 1 ? "" : "s") (op~0...op~\(target - 1)), \(missing) more"))
    }
    let name = UnsafeBufferPointer(rebasing: bytes[start..<position])
    guard let index = Self.names.firstIndex(where: { $0.elementsEqual(name) }),
      let operation = NB201Operation(rawValue: UInt8(index))
    else {
      let found = String(decoding: name, as: UTF8.self)
      position = start
      return .failure(
        fail("unknown operation '\(found)' for \(edge); expected one of \(Self.expectedNames)"))
    }
    guard peek() == Self.tilde else {
      return .failure(fail("expected '~\(source)' after the operation of \(edge)"))
    }
    position += 1
    let digitsStart = position
    while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
      position += 1
    }
    let digits = UnsafeBufferPointer(rebasing: bytes[digitsStart..<position])
    if digits.isEmpty {
      return .failure(fail("expected source node \(source) after '~' for \(edge)"))
    }
    // The only accepted spelling is the single digit the benchmark prints.
    if digits.count != 1 || Int(digits[0] - UInt8(ascii: "0")) != source {
      let found =
        String(decoding: digits.prefix(8), as: UTF8.self) + (digits.count > 8 ? "..." : "")
      position = digitsStart
      return .failure(
        fail(
          "expected source node \(source) for \(edge) (the edges of node \(target) come "
            + "from nodes 0...\(target - 1) in order), found ~\(found)"))
    }
    guard peek() == Self.bar else {
      return .failure(fail("expected '|' to close \(edge)"))
    }
    position += 1
    return .success(operation)
  }

  private func peek() -> UInt8? {
    position < bytes.count ? bytes[position] : nil
  }

  /// A failure at the current position, naming the character found there.
  private func fail(_ expectation: String) -> NB201ParseFailure {
    // Count characters as UTF-8 lead bytes so that the position is right for any text.
    var character = 1
    for index in 0..<min(position, bytes.count) where bytes[index] & 0b1100_0000 != 0b1000_0000 {
      character += 1
    }
    return NB201ParseFailure(
      reason: "at character \(character): \(expectation); found \(describeFound())")
  }

  private func describeFound() -> String {
    guard position < bytes.count else { return "the end of the text" }
    let end = min(position + 4, bytes.count)
    let tail = String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self)
    guard let scalar = tail.unicodeScalars.first else { return "an unreadable byte" }
    if scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F {
      return "'\(Character(scalar))'"
    }
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)"
  }
}
