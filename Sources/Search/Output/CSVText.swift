import Foundation

/// RFC 4180 quoting for CSV fields: a field with a comma, quote or newline is quoted and
/// its quotes doubled (NB-NLP architectures are JSON and contain commas).
public enum CSVText {
  /// `text` as one CSV field, quoted when needed.
  public static func field(_ text: String) -> String {
    guard text.utf8.contains(where: isSpecial) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Whether `byte` makes a field need quotes.
  @inline(__always)
  static func isSpecial(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n")
      || byte == UInt8(ascii: "\r")
  }

  /// A number as CSV text (`nan`, `inf`, `-inf` for non-finite values).
  public static func number(_ value: Double) -> String {
    value.isNaN ? "nan" : value.isInfinite ? (value > 0 ? "inf" : "-inf") : value.description
  }

  /// The number `number(_:)` wrote (exactly the same Double), or nil.
  public static func parseNumber(_ text: String) -> Double? {
    switch text {
    case "nan": return .nan
    case "inf": return .infinity
    case "-inf": return -.infinity
    default: return Double(text)
    }
  }

  /// The fields of one line, unquoted (the inverse of ``field(_:)`` joined by commas).
  public static func fields(_ line: Substring) -> [String] {
    var fields: [String] = []
    var current = ""
    var quoted = false
    var characters = line.makeIterator()
    var pendingQuote = false
    while let c = characters.next() {
      if quoted {
        if pendingQuote {
          pendingQuote = false
          if c == "\"" {
            current.append("\"")
            continue
          }
          quoted = false
        } else if c == "\"" {
          pendingQuote = true
          continue
        } else {
          current.append(c)
          continue
        }
      }
      if c == "," {
        fields.append(current)
        current = ""
      } else if c == "\"" && current.isEmpty {
        quoted = true
      } else {
        current.append(c)
      }
    }
    fields.append(current)
    return fields
  }
}
