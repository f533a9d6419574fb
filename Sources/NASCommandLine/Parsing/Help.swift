/// Help text in swift-argument-parser's layout: OVERVIEW, USAGE, ARGUMENTS, OPTIONS.
enum Help {
  /// The column where help text starts.
  static let column = 26

  /// Help for one subcommand.
  static func text(for command: any Command) -> String {
    var lines = ["OVERVIEW: \(command.abstract)", ""]
    if !command.discussion.isEmpty {
      lines += [command.discussion, ""]
    }
    let argumentNames = command.arguments.map { " <\($0.name.lowercased())>" }.joined()
    lines.append("USAGE: nas-search \(command.name) [<options>]\(argumentNames)")
    if !command.arguments.isEmpty {
      lines += ["", "ARGUMENTS:"]
      for argument in command.arguments {
        lines.append(row("<\(argument.name.lowercased())>", argument.help))
      }
    }
    lines += ["", "OPTIONS:"]
    for option in command.options {
      var label = "--\(option.name)"
      if let valueName = option.valueName { label += " <\(valueName)>" }
      var help = option.help
      if let defaultValue = option.defaultValue { help += " (default: \(defaultValue))" }
      lines.append(row(label, help))
    }
    lines.append(row("-h, --help", "Show help information."))
    return lines.joined(separator: "\n")
  }

  /// The top-level help listing every subcommand.
  static func root(commands: [any Command], version: String) -> String {
    var lines = [
      "OVERVIEW: Neural architecture search with zero-cost proxies (nas-search \(version)).",
      "",
      "USAGE: nas-search <subcommand>",
      "",
      "OPTIONS:",
      row("--version", "Show the version."),
      row("-h, --help", "Show help information."),
      "",
      "SUBCOMMANDS:",
    ]
    for command in commands {
      lines.append(row(command.name, command.abstract))
    }
    lines += ["", "  See 'nas-search help <subcommand>' for detailed help."]
    return lines.joined(separator: "\n")
  }

  private static func row(_ label: String, _ help: String) -> String {
    let indented = "  " + label
    if indented.count < column - 1 {
      return indented + String(repeating: " ", count: column - indented.count) + help
    }
    return indented + "\n" + String(repeating: " ", count: column) + help
  }
}
