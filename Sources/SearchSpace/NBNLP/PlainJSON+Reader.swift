extension PlainJSON {
  /// A recursive-descent reader over UTF-8 bytes.
  struct Reader {
    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) {
      self.bytes = bytes
    }

    // MARK: Errors

    /// An error at the current position.
    func error(_ message: String) -> SyntaxError {
      error(message, at: position)
    }

    /// An error at byte `offset`, with its 1-based line and column.
    func error(_ message: String, at offset: Int) -> SyntaxError {
      var line = 1
      var lineStart = 0
      for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
        line += 1
        lineStart = index + 1
      }
      return SyntaxError(line: line, column: offset - lineStart + 1, message: message)
    }

    /// The current character, quoted, or "the end of the text".
    func describeCurrent() -> String {
      guard position < bytes.count else { return "end of text" }
      let byte = bytes[position]
      if byte >= 0x20 && byte < 0x7F {
        return "'\(Character(Unicode.Scalar(byte)))'"
      }
      return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    // MARK: Values

    mutating func skipWhitespace() {
      while position < bytes.count {
        switch bytes[position] {
        case 0x20, 0x09, 0x0A, 0x0D: position += 1
        default: return
        }
      }
    }

    mutating func readValue(depth: Int) throws(SyntaxError) -> Value {
      guard position < bytes.count else {
        throw error("unexpected end of text, expected a value")
      }
      switch bytes[position] {
      case UInt8(ascii: "{"): return try readObject(depth: depth + 1)
      case UInt8(ascii: "["): return try readArray(depth: depth + 1)
      case UInt8(ascii: "\""): return .string(try readString())
      case UInt8(ascii: "t"):
        try expectWord("true")
        return .bool(true)
      case UInt8(ascii: "f"):
        try expectWord("false")
        return .bool(false)
      case UInt8(ascii: "n"):
        try expectWord("null")
        return .null
      case UInt8(ascii: "N"):
        try expectWord("NaN")
        return .number("NaN")
      case UInt8(ascii: "I"):
        try expectWord("Infinity")
        return .number("Infinity")
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        return .number(try readNumber())
      default:
        throw error("unexpected \(describeCurrent()), expected a value")
      }
    }

    mutating func expectWord(_ word: String) throws(SyntaxError) {
      let start = position
      for byte in word.utf8 {
        guard position < bytes.count, bytes[position] == byte else {
          throw error("invalid literal, expected '\(word)'", at: start)
        }
        position += 1
      }
    }

    mutating func readObject(depth: Int) throws(SyntaxError) -> Value {
      guard depth <= PlainJSON.maximumDepth else {
        throw error("nesting deeper than \(PlainJSON.maximumDepth) levels")
      }
      position += 1  // {
      var members: [Member] = []
      var seen: Set<String> = []
      skipWhitespace()
      if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
        position += 1
        return .object(members)
      }
      while true {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
          throw error("unexpected \(describeCurrent()), expected a string key")
        }
        let keyStart = position
        let key = try readString()
        guard seen.insert(key).inserted else {
          throw error("duplicate key \"\(key)\"", at: keyStart)
        }
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
          throw error("unexpected \(describeCurrent()), expected ':' after the key")
        }
        position += 1
        skipWhitespace()
        members.append(Member(key: key, value: try readValue(depth: depth)))
        skipWhitespace()
        guard position < bytes.count else {
          throw error("unexpected end of text, expected ',' or '}'")
        }
        if bytes[position] == UInt8(ascii: ",") {
          position += 1
        } else if bytes[position] == UInt8(ascii: "}") {
          position += 1
          return .object(members)
        } else {
          throw error("unexpected \(describeCurrent()), expected ',' or '}'")
        }
      }
    }

    mutating func readArray(depth: Int) throws(SyntaxError) -> Value {
      guard depth <= PlainJSON.maximumDepth else {
        throw error("nesting deeper than \(PlainJSON.maximumDepth) levels")
      }
      position += 1  // [
      var elements: [Value] = []
      skipWhitespace()
      if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
        position += 1
        return .array(elements)
      }
      while true {
        skipWhitespace()
        elements.append(try readValue(depth: depth))
        skipWhitespace()
        guard position < bytes.count else {
          throw error("unexpected end of text, expected ',' or ']'")
        }
        if bytes[position] == UInt8(ascii: ",") {
          position += 1
        } else if bytes[position] == UInt8(ascii: "]") {
          position += 1
          return .array(elements)
        } else {
          throw error("unexpected \(describeCurrent()), expected ',' or ']'")
        }
      }
    }
  }
}
