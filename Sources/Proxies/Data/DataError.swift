/// A data file that cannot be used: names the file, the record or line, and what was
/// expected.
public struct DataError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The file.
  public var file: String
  /// What is wrong and what was expected.
  public var message: String

  /// Creates an error.
  public init(file: String, message: String) {
    self.file = file
    self.message = message
  }

  /// `file: message`.
  public var description: String { file.isEmpty ? message : "\(file): \(message)" }
}
