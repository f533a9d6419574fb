/// One option or flag of a command: the single table that both parsing and `--help`
/// are generated from.
struct OptionSpec: Sendable {
  /// The long name without dashes, such as `seed`.
  var name: String
  /// The value's placeholder in help (`<n>`); nil for a flag that takes no value.
  var valueName: String?
  /// One line of help.
  var help: String
  /// The default shown in help, if any.
  var defaultValue: String?
  /// Whether the option may be given several times.
  var repeatable = false

  /// An option that takes a value.
  static func option(
    _ name: String, _ valueName: String, _ help: String, default defaultValue: String? = nil,
    repeatable: Bool = false
  ) -> OptionSpec {
    OptionSpec(
      name: name, valueName: valueName, help: help, defaultValue: defaultValue,
      repeatable: repeatable)
  }

  /// A flag that takes no value.
  static func flag(_ name: String, _ help: String) -> OptionSpec {
    OptionSpec(name: name, valueName: nil, help: help, defaultValue: nil)
  }
}

/// A positional argument of a command, for help.
struct ArgumentSpec: Sendable {
  /// The placeholder, such as `ARCH`.
  var name: String
  /// One line of help.
  var help: String
}
