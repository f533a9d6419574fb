/// A scorer's options, as a config's `proxy` section or the command line give them
/// (`batch_size`, `precision`, constants), read with typed accessors whose errors name
/// the option and the expected type.
public struct ProxyOptions: Sendable, Equatable {
  /// One option value.
  public enum Value: Sendable, Equatable {
    /// `true` / `false`.
    case bool(Bool)
    /// A whole number.
    case int(Int)
    /// A number.
    case number(Double)
    /// Text.
    case string(String)
  }

  /// The options by name.
  public var values: [String: Value]

  /// Options from `values`.
  public init(_ values: [String: Value] = [:]) {
    self.values = values
  }

  /// The integer option `key`, or `defaultValue`.
  public func integer(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>)
    throws(ProxyOptionError) -> Int
  {
    guard let value = values[key] else { return defaultValue }
    guard case .int(let number) = value, range.contains(number) else {
      throw ProxyOptionError(
        option: key, message: "expected an integer in \(range.lowerBound)...\(range.upperBound)")
    }
    return number
  }

  /// The number option `key`, or `defaultValue`.
  public func number(_ key: String, default defaultValue: Double) throws(ProxyOptionError)
    -> Double
  {
    switch values[key] {
    case nil: return defaultValue
    case .int(let number): return Double(number)
    case .number(let number) where number.isFinite: return number
    default: throw ProxyOptionError(option: key, message: "expected a finite number")
    }
  }

  /// The text option `key` (one of `allowed`), or `defaultValue`.
  public func choice(_ key: String, default defaultValue: String, allowed: [String])
    throws(ProxyOptionError) -> String
  {
    guard let value = values[key] else { return defaultValue }
    guard case .string(let text) = value, allowed.contains(text) else {
      throw ProxyOptionError(
        option: key, message: "expected one of \(allowed.joined(separator: ", "))")
    }
    return text
  }

  /// The boolean option `key`, or `defaultValue`.
  public func flag(_ key: String, default defaultValue: Bool) throws(ProxyOptionError) -> Bool {
    guard let value = values[key] else { return defaultValue }
    guard case .bool(let flag) = value else {
      throw ProxyOptionError(option: key, message: "expected true or false")
    }
    return flag
  }

  /// Throws for the first option outside `known` (a typo such as `batchsize`).
  public func rejectUnknown(_ known: Set<String>, proxy: String) throws(ProxyOptionError) {
    for key in values.keys.sorted() where !known.contains(key) {
      throw ProxyOptionError(
        option: key,
        message: "not an option of proxy '\(proxy)' (expected one of: "
          + known.sorted().joined(separator: ", ") + ")")
    }
  }
}

/// A proxy option with a wrong value or name.
public struct ProxyOptionError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The option's name.
  public var option: String
  /// What was expected.
  public var message: String
  /// Creates an error.
  public init(option: String, message: String) {
    self.option = option
    self.message = message
  }
  /// `option: message`.
  public var description: String { "\(option): \(message)" }
}
