/// A subcommand of `nas-search`: its option table, its help text and what it does.
protocol Command: Sendable {
  /// The name typed on the command line, such as `sample`.
  var name: String { get }
  /// One line saying what the command does.
  var abstract: String { get }
  /// Longer help, printed after the abstract (may be empty).
  var discussion: String { get }
  /// Positional arguments, for help.
  var arguments: [ArgumentSpec] { get }
  /// Options and flags; `--help` is added automatically.
  var options: [OptionSpec] { get }
  /// Runs the command with parsed arguments, writing results to standard output.
  func run(_ arguments: ParsedArguments) throws(CLIError)
}

extension Command {
  var discussion: String { "" }
  var arguments: [ArgumentSpec] { [] }
}
