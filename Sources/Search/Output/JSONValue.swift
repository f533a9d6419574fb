import Foundation

/// A JSON value that keeps its object keys in the order they were given, so that
/// result files and `describe` output read top-down the way they are documented.
public enum JSONValue: Sendable, Equatable {
  /// `null`.
  case null
  /// `true` / `false`.
  case bool(Bool)
  /// An integer, printed without a fraction.
  case int(Int)
  /// A number; non-finite values print as `null` (JSON has no NaN or infinity).
  case number(Double)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object whose keys keep their order.
  case object([(String, JSONValue)])

  /// Compact JSON text (one line).
  public var text: String {
    var output = ""
    write(to: &output, indent: nil, level: 0)
    return output
  }

  /// JSON text indented by two spaces per level, ending without a newline.
  public var prettyText: String {
    var output = ""
    write(to: &output, indent: "  ", level: 0)
    return output
  }

  private func write(to output: inout String, indent: String?, level: Int) {
    switch self {
    case .null: output += "null"
    case .bool(let value): output += value ? "true" : "false"
    case .int(let value): output += String(value)
    case .number(let value): output += JSONValue.format(value)
    case .string(let value): JSONValue.quote(value, into: &output)
    case .array(let values):
      guard !values.isEmpty else {
        output += "[]"
        return
      }
      output += "["
      for (index, value) in values.enumerated() {
        if index > 0 { output += "," }
        newline(&output, indent: indent, level: level + 1)
        value.write(to: &output, indent: indent, level: level + 1)
      }
      newline(&output, indent: indent, level: level)
      output += "]"
    case .object(let pairs):
      guard !pairs.isEmpty else {
        output += "{}"
        return
      }
      output += "{"
      for (index, (key, value)) in pairs.enumerated() {
        if index > 0 { output += "," }
        newline(&output, indent: indent, level: level + 1)
        JSONValue.quote(key, into: &output)
        output += indent == nil ? ":" : ": "
        value.write(to: &output, indent: indent, level: level + 1)
      }
      newline(&output, indent: indent, level: level)
      output += "}"
    }
  }

  private func newline(_ output: inout String, indent: String?, level: Int) {
    guard let indent else { return }
    output += "\n" + String(repeating: indent, count: level)
  }

  /// The shortest text that reads back as the same `Double`; `null` when not finite.
  static func format(_ value: Double) -> String {
    guard value.isFinite else { return "null" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
  }

  static func quote(_ string: String, into output: inout String) {
    output += "\""
    // Fast path: nothing to escape (architecture strings, column names).
    if !string.utf8.contains(where: {
      $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")
    }) {
      output += string
      output += "\""
      return
    }
    for scalar in string.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case _ where scalar.value < 0x20:
        output += String(format: "\\u%04x", scalar.value)
      default: output.unicodeScalars.append(scalar)
      }
    }
    output += "\""
  }

  /// Two values are equal when they print the same text.
  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.text == rhs.text }
}
