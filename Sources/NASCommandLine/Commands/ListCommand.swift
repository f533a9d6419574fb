import Proxies
import Search
import SearchSpace

/// `nas-search list`: the spaces, proxies and strategies available, one line each.
struct ListCommand: Command {
  let name = "list"
  let abstract = "List the search spaces, proxies and strategies, one per line."
  let options: [OptionSpec] = []

  func run(_ arguments: ParsedArguments) throws(CLIError) {
    guard arguments.positional.isEmpty else {
      throw .usage("'list' takes no arguments", command: name)
    }
    var lines: [String] = []
    for space in SpaceRegistry.all {
      lines.append("space     \(space.name.padding(20))\(space.summary)")
    }
    for proxy in ProxyRegistry.all {
      lines.append("proxy     \(proxy.name.padding(20))\(proxy.summary)")
    }
    for strategy in StrategyRegistry.all {
      lines.append("strategy  \(strategy.name.padding(20))\(strategy.summary)")
    }
    try StandardOutput.write(lines.map { $0 + "\n" }.joined())
  }
}

extension String {
  /// The string padded with spaces to `width` characters (at least one space after).
  func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
