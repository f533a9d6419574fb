import Proxies

/// A JSON value inside a config whose meaning is decided later (a proxy's options).
public enum ConfigValue: Sendable, Equatable, Codable {
  /// `true` / `false`.
  case bool(Bool)
  /// An integral number.
  case int(Int)
  /// A number.
  case number(Double)
  /// A string.
  case string(String)
  /// An array.
  case array([ConfigValue])
  /// An object.
  case object([String: ConfigValue])
  /// `null`.
  case null

  /// Decodes any JSON value.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int.self) {
      self = .int(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([ConfigValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: ConfigValue].self))
    }
  }

  /// Encodes the value as JSON.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .bool(let value): try container.encode(value)
    case .int(let value): try container.encode(value)
    case .number(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    case .null: try container.encodeNil()
    }
  }

  /// The value as a proxy option, or nil for arrays, objects and null.
  public var proxyOptionValue: ProxyOptions.Value? {
    switch self {
    case .bool(let value): .bool(value)
    case .int(let value): .int(value)
    case .number(let value): .number(value)
    case .string(let value): .string(value)
    case .array, .object, .null: nil
    }
  }

  /// The ordered-JSON form, for result files.
  public var json: JSONValue {
    switch self {
    case .bool(let value): .bool(value)
    case .int(let value): .int(value)
    case .number(let value): .number(value)
    case .string(let value): .string(value)
    case .array(let value): .array(value.map(\.json))
    case .object(let value):
      .object(value.sorted { $0.key < $1.key }.map { ($0.key, $0.value.json) })
    case .null: .null
    }
  }
}
