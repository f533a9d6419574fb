import Foundation

/// RFC 4180 quoting for CSV fields: a field with a comma, quote or newline is quoted and
/// its quotes doubled (NB-NLP architectures are JSON and contain commas).
public enum CSVText {
  /// `text` as one CSV field, quoted when needed.
  public static func field(_ text: String) -> String {
    let special: (UInt8) -> Bool = {
      $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n")
        || $0 == UInt8(ascii: "\r")
    }
    guard text.utf8.contains(where: special) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A number as CSV text (`nan`, `inf`, `-inf` for non-finite values).
  public static func number(_ value: Double) -> String {
    value.isNaN ? "nan" : value.isInfinite ? (value > 0 ? "inf" : "-inf") : "\(value)"
  }
}
