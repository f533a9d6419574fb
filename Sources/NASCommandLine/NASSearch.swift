import Foundation

/// The `nas-search` command line: dispatches to a subcommand and maps errors to
/// messages on stderr and exit codes.
///
/// A program that registers its own spaces, proxies or strategies (``SpaceRegistry``,
/// `ProxyRegistry`, ``StrategyRegistry``) and then calls ``main(_:)`` is nas-search
/// with those additions.
public enum NASSearch {
  /// The tool's version, printed by `--version`.
  static let version = "0.1.0"

  /// Every subcommand, in the order `--help` lists them.
  static let commands: [any Command] = [
    ListCommand(),
    SampleCommand(),
    DescribeCommand(),
    ScoreCommand(),
    RunCommand(),
    MergeCommand(),
    MergeRunsCommand(),
  ]

  /// Runs the command line `arguments` (without the program name); returns the exit code.
  public static func main(_ arguments: [String]) -> Int32 {
    var standardError = StandardError()
    guard let first = arguments.first else {
      print(Help.root(commands: commands, version: version))
      return 0
    }
    switch first {
    case "-h", "--help":
      print(Help.root(commands: commands, version: version))
      return 0
    case "--version":
      print(version)
      return 0
    case "help":
      guard arguments.count > 1 else {
        print(Help.root(commands: commands, version: version))
        return 0
      }
      guard let command = commands.first(where: { $0.name == arguments[1] }) else {
        print("Error: unknown subcommand '\(arguments[1])'", to: &standardError)
        print("Usage: nas-search <subcommand>; see 'nas-search --help'.", to: &standardError)
        return 2
      }
      print(Help.text(for: command))
      return 0
    default:
      break
    }
    guard let command = commands.first(where: { $0.name == first }) else {
      print("Error: unknown subcommand '\(first)'", to: &standardError)
      print("Usage: nas-search <subcommand>; see 'nas-search --help'.", to: &standardError)
      return 2
    }
    let rest = Array(arguments.dropFirst())
    if rest.contains("--help") || rest.contains("-h") {
      print(Help.text(for: command))
      return 0
    }
    do {
      let parsed = try ParsedArguments(rest, specs: command.options, command: command.name)
      try command.run(parsed)
      return 0
    } catch {
      print("Error: \(error)", to: &standardError)
      if case .usage(_, let name) = error {
        print("Usage: see 'nas-search help \(name)'.", to: &standardError)
      }
      return error.exitCode
    }
  }
}
