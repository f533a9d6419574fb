/// A small JSON reader that reports line and column, rejects duplicate keys and keeps
/// key order.
///
/// NAS-Bench-NLP recipes and training logs are JSON. Foundation's readers lose the
/// position of a syntax error, silently keep one of two duplicate keys and refuse the
/// `NaN` that Python's `json` module writes for diverged losses; this reader does all
/// three right, needs no Foundation, and is shared with `TabularBenchmarks`.
///
/// Accepted: RFC 8259 JSON, plus the bare tokens `NaN`, `Infinity` and `-Infinity`
/// (Python's extension) as numbers. Nesting deeper than ``maximumDepth`` is an error,
/// so hostile input cannot exhaust the stack.
package enum PlainJSON {
  /// How deep arrays and objects may nest.
  package static let maximumDepth = 256

  /// A parsed JSON value.
  package indirect enum Value: Sendable, Equatable {
    /// An object, members in document order (keys are unique).
    case object([Member])
    /// An array.
    case array([Value])
    /// A string.
    case string(String)
    /// A number, kept as its source text so that integers stay exact.
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null

    /// A short English name of the value's kind, for error messages.
    package var kindDescription: String {
      switch self {
      case .object: "an object"
      case .array: "an array"
      case .string: "a string"
      case .number: "a number"
      case .bool: "a boolean"
      case .null: "null"
      }
    }

    /// The value of `key` when `self` is an object that has it.
    package subscript(key: String) -> Value? {
      guard case .object(let members) = self else { return nil }
      return members.first { $0.key == key }?.value
    }

    /// The number as a `Double` (`NaN` and infinities included), or nil.
    package var doubleValue: Double? {
      guard case .number(let text) = self else { return nil }
      return Double(text)
    }

    /// The number as an `Int` when it is written as an integer in range, or nil.
    package var intValue: Int? {
      guard case .number(let text) = self else { return nil }
      return Int(text)
    }
  }

  /// One `"key": value` pair of an object.
  package struct Member: Sendable, Equatable {
    /// The key.
    package var key: String
    /// The value.
    package var value: Value
  }

  /// Why a text is not JSON, and where (1-based line and column, in UTF-8 bytes).
  package struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line of the offending character.
    package var line: Int
    /// The 1-based column (in bytes) of the offending character.
    package var column: Int
    /// What was found and what was expected.
    package var message: String

    /// `line:column: message`.
    package var description: String { "\(line):\(column): \(message)" }
  }

  /// Parses `text` as one JSON value followed only by white space.
  package static func parse(_ text: String) throws(SyntaxError) -> Value {
    try parse(bytes: Array(text.utf8))
  }

  /// Parses UTF-8 `bytes` as one JSON value followed only by white space.
  package static func parse(bytes: [UInt8]) throws(SyntaxError) -> Value {
    var reader = Reader(bytes: bytes)
    reader.skipWhitespace()
    let value = try reader.readValue(depth: 0)
    reader.skipWhitespace()
    if reader.position < bytes.count {
      throw reader.error("unexpected \(reader.describeCurrent()) after the JSON value")
    }
    return value
  }
}
