/// Why a benchmark table could not be read, or a lookup in it failed.
///
/// Every case names the file and, where there is one, the 1-based line, the column
/// and what was expected there, so that the message alone is enough to fix the
/// file: `nb201_200epoch.csv:17: column 'cifar10_test_acc': expected a finite
/// decimal number, found 'nan'`.
public enum TableError: Error, CustomStringConvertible, Equatable, Sendable {
  /// No file exists at the path.
  case fileNotFound(file: String)
  /// The file exists but could not be read (a directory, no permission, ...).
  case unreadable(file: String, reason: String)
  /// The file is larger than the reader accepts.
  case fileTooLarge(file: String, bytes: Int, limit: Int)
  /// The file has no header row: it is empty or holds only line breaks.
  case emptyFile(file: String)
  /// A control byte that never occurs in a text table (a NUL, for instance): the
  /// file is binary or corrupted.
  case binaryData(file: String, line: Int, byte: UInt8)
  /// A field's bytes are not valid UTF-8.
  case invalidText(file: String, line: Int, column: String)
  /// A quoted field opened on `line` is never closed.
  case unterminatedQuote(file: String, line: Int)
  /// A closing quote is followed by something other than a comma or a line break.
  case malformedQuote(file: String, line: Int, column: String)
  /// The header row is unusable (an empty or repeated column name).
  case invalidHeader(file: String, reason: String)
  /// A column the table needs is absent.
  case missingColumn(file: String, column: String, available: [String])
  /// A row has another number of fields than the header.
  case wrongFieldCount(file: String, line: Int, expected: Int, found: Int)
  /// The last row is short and has no final line break: the file was cut off.
  case truncatedLastLine(file: String, line: Int, expected: Int, found: Int)
  /// A numeric field is empty, NaN, infinite or not a decimal number.
  case invalidNumber(file: String, line: Int, column: String, text: String)
  /// A field is not of the form the table needs (an architecture string, an index).
  case invalidValue(file: String, line: Int, column: String, text: String, expected: String)
  /// The same key (an architecture) appears on two rows.
  case duplicateKey(file: String, line: Int, column: String, value: String, firstLine: Int)
  /// The table lacks rows it must have (the benchmark's complete set of cells, or
  /// the cells of the table it is joined to).
  case incompleteTable(file: String, expected: Int, found: Int, example: String)
  /// A lookup asked for a column the table does not have.
  case unknownColumn(column: String, available: [String])
  /// A lookup asked for an architecture the table does not have.
  case unknownArchitecture(architecture: String)

  /// The file the error is about; nil for a lookup's error.
  public var file: String? {
    switch self {
    case .fileNotFound(let file), .unreadable(let file, _), .fileTooLarge(let file, _, _),
      .emptyFile(let file), .binaryData(let file, _, _), .invalidText(let file, _, _),
      .unterminatedQuote(let file, _), .malformedQuote(let file, _, _),
      .invalidHeader(let file, _), .missingColumn(let file, _, _),
      .wrongFieldCount(let file, _, _, _), .truncatedLastLine(let file, _, _, _),
      .invalidNumber(let file, _, _, _), .invalidValue(let file, _, _, _, _),
      .duplicateKey(let file, _, _, _, _), .incompleteTable(let file, _, _, _):
      return file
    case .unknownColumn, .unknownArchitecture:
      return nil
    }
  }

  /// A one-line message: `file:line: column 'name': what was expected, what was found`.
  public var description: String {
    switch self {
    case .fileNotFound(let file):
      return "\(file): no such file"
    case .unreadable(let file, let reason):
      return "\(file): cannot read the file: \(reason)"
    case .fileTooLarge(let file, let bytes, let limit):
      return "\(file): the file has \(bytes) bytes, more than the limit of \(limit) for a table"
    case .emptyFile(let file):
      return "\(file): the file is empty; expected a header row of column names"
    case .binaryData(let file, let line, let byte):
      return "\(file):\(line): found the control byte \(Self.hex(byte)); expected CSV text "
        + "(is this a binary file?)"
    case .invalidText(let file, let line, let column):
      return "\(file):\(line): column '\(column)': the field is not valid UTF-8 text"
    case .unterminatedQuote(let file, let line):
      return "\(file):\(line): a quoted field opened on this line is never closed; "
        + "expected a closing '\"' (is the file truncated?)"
    case .malformedQuote(let file, let line, let column):
      return "\(file):\(line): column '\(column)': a closing '\"' must be followed by a "
        + "comma or a line break (write a quote inside a quoted field as \"\")"
    case .invalidHeader(let file, let reason):
      return "\(file):1: invalid header row: \(reason)"
    case .missingColumn(let file, let column, let available):
      return "\(file):1: missing required column '\(column)'; the header has "
        + Self.list(available)
    case .wrongFieldCount(let file, let line, let expected, let found):
      return "\(file):\(line): expected \(expected) fields as in the header, found \(found)"
    case .truncatedLastLine(let file, let line, let expected, let found):
      return "\(file):\(line): the last line has \(found) of \(expected) fields and no "
        + "final line break: the file looks truncated"
    case .invalidNumber(let file, let line, let column, let text):
      let found = text.isEmpty ? "an empty field" : "'\(Self.shortened(text))'"
      return "\(file):\(line): column '\(column)': expected a finite decimal number, "
        + "found \(found)"
    case .invalidValue(let file, let line, let column, let text, let expected):
      return "\(file):\(line): column '\(column)': expected \(expected), found "
        + "'\(Self.shortened(text))'"
    case .duplicateKey(let file, let line, let column, let value, let firstLine):
      return "\(file):\(line): column '\(column)': '\(Self.shortened(value))' already "
        + "appears on line \(firstLine); expected each value once"
    case .incompleteTable(let file, let expected, let found, let example):
      return "\(file): expected \(expected) rows, found \(found); missing, for example, "
        + "'\(Self.shortened(example))'"
    case .unknownColumn(let column, let available):
      return "no column '\(column)' in the table; it has \(Self.list(available))"
    case .unknownArchitecture(let architecture):
      return "the table has no row for the architecture '\(Self.shortened(architecture))'"
    }
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return "0x" + (digits.count == 1 ? "0" : "") + digits
  }

  private static func shortened(_ text: String) -> String {
    text.count > 120 ? String(text.prefix(117)) + "..." : text
  }

  private static func list(_ names: [String]) -> String {
    guard !names.isEmpty else { return "no columns" }
    let shown = names.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
    return names.count > 12 ? "\(shown) and \(names.count - 12) more" : shown
  }
}
