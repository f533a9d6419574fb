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

  /// Reads a command-line value: `true`/`false`, an integer, a number, else text.
  public static func value(parsing text: String) -> Value {
    if text == "true" { return .bool(true) }
    if text == "false" { return .bool(false) }
    if let integer = Int(text) { return .int(integer) }
    if let number = Double(text), number.isFinite { return .number(number) }
    return .string(text)
  }

  /// The options as `key:value` pairs in key order (`-` for none), as score tables
  /// record them.
  public var summary: String {
    let pairs = values.sorted { $0.key < $1.key }.map { key, value -> String in
      switch value {
      case .bool(let flag): "\(key):\(flag)"
      case .int(let integer): "\(key):\(integer)"
      case .number(let number): "\(key):\(number)"
      case .string(let text): "\(key):\(text)"
      }
    }
    return pairs.isEmpty ? "-" : pairs.joined(separator: ",")
  }

  /// These options with `given`'s values replacing them where both have a key: a
  /// space's defaults overridden by what the user gave.
  public func overridden(by given: ProxyOptions) -> ProxyOptions {
    var merged = self
    merged.values.merge(given.values) { _, given in given }
    return merged
  }

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
  ///
  /// `batch_size` and `seed` are never scorer options: they choose the batch and the
  /// initialisation for every scorer alike (`--batch-size`, `--seed`, or the config's
  /// `proxy.batch_size` and `proxy.seed`).
  public func rejectUnknown(_ known: Set<String>, proxy: String) throws(ProxyOptionError) {
    for key in values.keys.sorted() where !known.contains(key) {
      if key == "batch_size" || key == "seed" {
        throw ProxyOptionError(
          option: key,
          message: "not a scorer option: set it with --\(key == "seed" ? "seed" : "batch-size") "
            + "(in a config: proxy.\(key))")
      }
      throw ProxyOptionError(
        option: key,
        message: known.isEmpty
          ? "proxy '\(proxy)' takes no options"
          : "not an option of proxy '\(proxy)' (expected one of: "
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
