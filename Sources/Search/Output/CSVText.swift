import Foundation

/// RFC 4180 quoting for CSV fields: a field with a comma, quote or newline is quoted and
/// its quotes doubled (NB-NLP architectures are JSON and contain commas).
enum CSVText {
  static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  static func number(_ value: Double) -> String {
    value.isNaN ? "nan" : value.isInfinite ? (value > 0 ? "inf" : "-inf") : "\(value)"
  }
}
