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
    var utf8 = text
    let result = utf8.withUTF8 { bytes in
      Result { () throws(NB201ParseFailure) in
        var parser = NB201Parser(bytes: bytes)
        return try parser.parseCell()
      }
    }
    switch result {
    case .success(let cell): self = cell
    case .failure(let failure):
      throw ArchitectureError(space: "nb201", text: text, reason: failure.reason)
    }
  }

  /// Reads the benchmark's architecture string from its UTF-8 bytes, as
  /// ``init(parsing:)`` does, without making a `String` first.
  ///
  /// For readers of large tables; the error's text is made only on failure.
  ///
  /// The benchmark's own spelling takes a fast path
  /// (``parsingCanonical(_:)``); anything else, well formed or not, the general
  /// parser, whose errors are the only ones.
  package init(parsingUTF8 bytes: UnsafeBufferPointer<UInt8>) throws(ArchitectureError) {
    if let cell = Self.parsingCanonical(bytes) {
      self = cell
      return
    }
    self = try Self.parsingGenerally(bytes)
  }

  /// Reads the architecture string's UTF-8 bytes with the general parser only.
  static func parsingGenerally(
    _ bytes: UnsafeBufferPointer<UInt8>
  ) throws(ArchitectureError) -> NB201Cell {
    do throws(NB201ParseFailure) {
      var parser = NB201Parser(bytes: bytes)
      return try parser.parseCell()
    } catch {
      throw ArchitectureError(
        space: "nb201", text: String(decoding: bytes, as: UTF8.self), reason: error.reason)
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

  mutating func parseCell() throws(NB201ParseFailure) -> NB201Cell {
    var cell = NB201Cell()
    for target in 1..<NB201Cell.nodeCount {
      if target > 1 {
        guard peek() == Self.plus else {
          throw fail(
            "expected '+' after node \(target - 1)'s group "
              + "(node \(target - 1) has exactly \(target - 1) edge\(target == 2 ? "" : "s"))")
        }
        position += 1
      }
      guard peek() == Self.bar else {
        throw fail("expected '|' to open node \(target)'s group")
      }
      position += 1
      for source in 0..<target {
        cell[to: target, from: source] = try parseEdge(target: target, source: source)
      }
    }
    guard position == bytes.count else {
      throw fail("expected the end of the text after node 3's group (a cell has exactly 3 groups)")
    }
    return cell
  }

  /// Reads `op~source|`, the bar before it already consumed.
  private mutating func parseEdge(
    target: Int, source: Int
  ) throws(NB201ParseFailure) -> NB201Operation {
    var edge: String { "edge \(target)←\(source)" }
    let start = position
    while let byte = peek(), byte != Self.tilde, byte != Self.bar, byte != Self.plus {
      position += 1
    }
    if position == start {
      throw fail(
        "expected an operation for \(edge): node \(target)'s group needs \(target) edge"
          + "\(target == 1 ? "" : "s") (op~0...op~\(target - 1)), \(target - source) more")
    }
    let name = UnsafeBufferPointer(rebasing: bytes[start..<position])
    guard let operation = Self.operation(named: name) else {
      position = start
      let expected = NB201Operation.allCases.map(\.name).joined(separator: ", ")
      throw fail(
        "unknown operation '\(String(decoding: name, as: UTF8.self))' for \(edge); "
          + "expected one of \(expected)")
    }
    guard peek() == Self.tilde else {
      throw fail("expected '~\(source)' after the operation of \(edge)")
    }
    position += 1
    let digitsStart = position
    while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
      position += 1
    }
    let digits = UnsafeBufferPointer(rebasing: bytes[digitsStart..<position])
    if digits.isEmpty {
      throw fail("expected source node \(source) after '~' for \(edge)")
    }
    // The only accepted spelling is the single digit the benchmark prints.
    if digits.count != 1 || Int(digits[0] - UInt8(ascii: "0")) != source {
      let found =
        String(decoding: digits.prefix(8), as: UTF8.self) + (digits.count > 8 ? "..." : "")
      position = digitsStart
      throw fail(
        "expected source node \(source) for \(edge) (the edges of node \(target) come "
          + "from nodes 0...\(target - 1) in order), found ~\(found)")
    }
    guard peek() == Self.bar else {
      throw fail("expected '|' to close \(edge)")
    }
    position += 1
    return operation
  }

  /// The operation whose benchmark name is exactly `name`.
  private static func operation(named name: UnsafeBufferPointer<UInt8>) -> NB201Operation? {
    // Pick the only candidate by length and a distinguishing byte, then compare.
    let candidate: NB201Operation
    let spelling: StaticString
    switch (name.count, name.first) {
    case (4, _): (candidate, spelling) = (.none, "none")
    case (12, UInt8(ascii: "s")): (candidate, spelling) = (.skipConnect, "skip_connect")
    case (12, UInt8(ascii: "a")): (candidate, spelling) = (.avgPool3x3, "avg_pool_3x3")
    case (12, UInt8(ascii: "n")) where name[9] == UInt8(ascii: "1"):
      (candidate, spelling) = (.conv1x1, "nor_conv_1x1")
    case (12, UInt8(ascii: "n")): (candidate, spelling) = (.conv3x3, "nor_conv_3x3")
    default: return nil
    }
    let expected = spelling.utf8Start
    for index in 0..<name.count where name[index] != expected[index] {
      return nil
    }
    return candidate
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
