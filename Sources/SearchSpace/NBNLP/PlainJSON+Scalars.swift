extension PlainJSON.Reader {
  /// Reads a string literal starting at the opening quote; decodes escapes and checks
  /// that the result is valid UTF-8.
  mutating func readString() throws(PlainJSON.SyntaxError) -> String {
    let start = position
    position += 1  // opening quote
    var buffer: [UInt8] = []
    while true {
      guard position < bytes.count else {
        throw error("unterminated string", at: start)
      }
      let byte = bytes[position]
      switch byte {
      case UInt8(ascii: "\""):
        position += 1
        guard let string = String(validating: buffer, as: UTF8.self) else {
          throw error("string is not valid UTF-8", at: start)
        }
        return string
      case UInt8(ascii: "\\"):
        try readEscape(into: &buffer)
      case 0..<0x20:
        throw error("control character \(describeCurrent()) in a string must be escaped")
      default:
        buffer.append(byte)
        position += 1
      }
    }
  }

  /// Reads one escape sequence (starting at the backslash) and appends its UTF-8.
  private mutating func readEscape(into buffer: inout [UInt8]) throws(PlainJSON.SyntaxError) {
    let start = position
    position += 1
    guard position < bytes.count else {
      throw error("unterminated escape sequence", at: start)
    }
    let simple: UInt8? =
      switch bytes[position] {
      case UInt8(ascii: "\""): UInt8(ascii: "\"")
      case UInt8(ascii: "\\"): UInt8(ascii: "\\")
      case UInt8(ascii: "/"): UInt8(ascii: "/")
      case UInt8(ascii: "b"): 0x08
      case UInt8(ascii: "f"): 0x0C
      case UInt8(ascii: "n"): 0x0A
      case UInt8(ascii: "r"): 0x0D
      case UInt8(ascii: "t"): 0x09
      default: nil
      }
    if let simple {
      buffer.append(simple)
      position += 1
      return
    }
    guard bytes[position] == UInt8(ascii: "u") else {
      throw error("invalid escape sequence '\\\(describeCurrent())'", at: start)
    }
    position += 1
    var code = try readHexQuad(escapeStart: start)
    if (0xD800..<0xDC00).contains(code) {
      // A high surrogate must be followed by an escaped low surrogate.
      guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
        bytes[position + 1] == UInt8(ascii: "u")
      else {
        throw error("unpaired surrogate in \\u escape", at: start)
      }
      position += 2
      let low = try readHexQuad(escapeStart: start)
      guard (0xDC00..<0xE000).contains(low) else {
        throw error("unpaired surrogate in \\u escape", at: start)
      }
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
    } else if (0xDC00..<0xE000).contains(code) {
      throw error("unpaired surrogate in \\u escape", at: start)
    }
    guard let scalar = Unicode.Scalar(code) else {
      throw error("invalid \\u escape", at: start)
    }
    buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
  }

  /// Reads four hexadecimal digits.
  private mutating func readHexQuad(escapeStart: Int) throws(PlainJSON.SyntaxError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard position < bytes.count else {
        throw error("unterminated \\u escape", at: escapeStart)
      }
      let byte = bytes[position]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error("\\u escape needs four hexadecimal digits", at: escapeStart)
      }
      value = value * 16 + digit
      position += 1
    }
    return value
  }

  /// Reads a number (RFC 8259 grammar, or `-Infinity`) and returns its source text.
  mutating func readNumber() throws(PlainJSON.SyntaxError) -> String {
    let start = position
    if bytes[position] == UInt8(ascii: "-") {
      position += 1
      if position < bytes.count && bytes[position] == UInt8(ascii: "I") {
        try expectWord("Infinity")
        return "-Infinity"
      }
    }
    // Integer part: 0, or a non-zero digit followed by digits.
    guard position < bytes.count, isDigit(bytes[position]) else {
      throw error("invalid number, expected a digit", at: position)
    }
    if bytes[position] == UInt8(ascii: "0") {
      position += 1
      if position < bytes.count && isDigit(bytes[position]) {
        throw error("invalid number, leading zeros are not allowed", at: start)
      }
    } else {
      skipDigits()
    }
    if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
      position += 1
      guard position < bytes.count, isDigit(bytes[position]) else {
        throw error("invalid number, expected a digit after '.'", at: position)
      }
      skipDigits()
    }
    if position < bytes.count
      && (bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E"))
    {
      position += 1
      if position < bytes.count
        && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-"))
      {
        position += 1
      }
      guard position < bytes.count, isDigit(bytes[position]) else {
        throw error("invalid number, expected a digit in the exponent", at: position)
      }
      skipDigits()
    }
    return String(decoding: bytes[start..<position], as: UTF8.self)
  }

  private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private mutating func skipDigits() {
    while position < bytes.count && isDigit(bytes[position]) {
      position += 1
    }
  }
}
