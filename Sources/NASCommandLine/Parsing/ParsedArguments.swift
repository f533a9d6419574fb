/// The options, flags and positional arguments of one command line, checked against
/// the command's ``OptionSpec`` table.
struct ParsedArguments {
  private var values: [String: [String]] = [:]
  private var flags: Set<String> = []
  /// Positional arguments, in order.
  private(set) var positional: [String] = []
  /// The command these arguments belong to, for error messages.
  let command: String

  /// Parses `arguments` (without the command name) against `specs`.
  ///
  /// Accepts `--name value`, `--name=value` and `--flag`; `--` ends options.
  init(_ arguments: [String], specs: [OptionSpec], command: String) throws(CLIError) {
    self.command = command
    let byName = Dictionary(specs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || !argument.hasPrefix("--") || argument == "-" {
        if !optionsEnded, argument.hasPrefix("-"), argument != "-", Double(argument) == nil {
          throw .usage("unknown option '\(argument)'", command: command)
        }
        positional.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      var name = String(argument.dropFirst(2))
      var inlineValue: String?
      if let equals = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      guard let spec = byName[name] else {
        throw .usage("unknown option '--\(name)'", command: command)
      }
      if spec.valueName == nil {
        if inlineValue != nil {
          throw .usage("'--\(name)' is a flag and takes no value", command: command)
        }
        flags.insert(name)
        continue
      }
      let value: String
      if let inlineValue {
        value = inlineValue
      } else if index < arguments.count {
        value = arguments[index]
        index += 1
      } else {
        throw .usage("'--\(name)' needs a value \(spec.valueName ?? "")", command: command)
      }
      if !spec.repeatable, values[name] != nil {
        throw .usage("'--\(name)' given more than once", command: command)
      }
      values[name, default: []].append(value)
    }
  }

  /// Whether the flag `name` was given.
  func flag(_ name: String) -> Bool { flags.contains(name) }

  /// The value of option `name`, or nil when absent.
  func string(_ name: String) -> String? { values[name]?.last }

  /// Every value given for a repeatable option.
  func strings(_ name: String) -> [String] { values[name] ?? [] }

  /// The value of option `name` as an integer in `range`, or `defaultValue` when absent.
  func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>)
    throws(CLIError) -> Int
  {
    guard let text = string(name) else { return defaultValue }
    guard let value = Int(text), range.contains(value) else {
      throw .usage(
        "'--\(name)' expects an integer in \(range.lowerBound)...\(range.upperBound), got '\(text)'",
        command: command)
    }
    return value
  }

  /// The value of option `name` as a seed (any unsigned 64-bit integer).
  func seed(_ name: String = "seed", default defaultValue: UInt64 = 0) throws(CLIError) -> UInt64 {
    guard let text = string(name) else { return defaultValue }
    guard let value = UInt64(text) else {
      throw .usage(
        "'--\(name)' expects a non-negative integer, got '\(text)'", command: command)
    }
    return value
  }

  /// The value of a required option.
  func required(_ name: String) throws(CLIError) -> String {
    guard let value = string(name) else {
      throw .usage("missing required option '--\(name)'", command: command)
    }
    return value
  }
}
