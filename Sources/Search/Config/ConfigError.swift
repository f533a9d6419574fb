import Foundation

/// A configuration that cannot be used.
///
/// It names the file, the key path and what was expected, as in
/// `configs/rea.json: strategy.population_size: expected an integer ≥ 1`.
public struct ConfigError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The config file, or empty for a config built in code.
  public var file: String
  /// The dotted key path (`budget.simulated_seconds`, `runs`), or empty for the whole file.
  public var path: String
  /// What is wrong and what was expected.
  public var message: String

  /// Creates an error.
  public init(file: String = "", path: String, message: String) {
    self.file = file
    self.path = path
    self.message = message
  }

  /// `file: path: message`.
  public var description: String {
    [file, path, message].filter { !$0.isEmpty }.joined(separator: ": ")
  }

  /// Builds the error for a `DecodingError`, with the key path of the failure.
  static func from(_ error: DecodingError, file: String) -> ConfigError {
    func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
      var parts: [String] = []
      for key in codingPath + (last.map { [$0] } ?? []) {
        if let index = key.intValue {
          parts.append("[\(index)]")
        } else if parts.isEmpty {
          parts.append(key.stringValue)
        } else {
          parts.append("." + key.stringValue)
        }
      }
      return parts.joined()
    }
    switch error {
    case .keyNotFound(let key, let context):
      return ConfigError(
        file: file, path: path(context.codingPath, key), message: "missing required key")
    case .typeMismatch(let type, let context):
      return ConfigError(
        file: file, path: path(context.codingPath), message: "expected \(typeName(type))")
    case .valueNotFound(let type, let context):
      return ConfigError(
        file: file, path: path(context.codingPath), message: "expected \(typeName(type)), got null")
    case .dataCorrupted(let context):
      return ConfigError(
        file: file, path: path(context.codingPath), message: context.debugDescription)
    @unknown default:
      return ConfigError(file: file, path: "", message: "\(error)")
    }
  }

  private static func typeName(_ type: Any.Type) -> String {
    switch type {
    case is Int.Type, is UInt64.Type: "an integer"
    case is Double.Type: "a number"
    case is String.Type: "a string"
    case is Bool.Type: "true or false"
    default: "\(type)".contains("Dictionary") ? "an object" : "\(type)"
    }
  }
}

/// A coding key that accepts any name, used to find keys a config type does not know.
struct AnyCodingKey: CodingKey {
  var stringValue: String
  var intValue: Int?
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) {
    self.stringValue = String(intValue)
    self.intValue = intValue
  }
}

extension Decoder {
  /// Throws when the object at this decoder has keys outside `known`, naming the first
  /// unknown key and listing the known ones (typos such as `"populaton_size"`).
  func rejectUnknownKeys<Key: CodingKey & CaseIterable>(_ known: Key.Type) throws {
    let container = try container(keyedBy: AnyCodingKey.self)
    let names = Set(Key.allCases.map(\.stringValue))
    for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue })
    where !names.contains(key.stringValue) {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(
          codingPath: codingPath + [key],
          debugDescription: "unknown key (expected one of: "
            + Key.allCases.map(\.stringValue).sorted().joined(separator: ", ") + ")"))
    }
  }
}
