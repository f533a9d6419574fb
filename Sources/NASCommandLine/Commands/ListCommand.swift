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
    for space in SpaceRegistry.all {
      print("space     \(space.name.padding(20))\(space.summary)")
    }
    for proxy in ProxyRegistry.all {
      print("proxy     \(proxy.name.padding(20))\(proxy.summary)")
    }
    for strategy in StrategyRegistry.all {
      print("strategy  \(strategy.name.padding(20))\(strategy.summary)")
    }
  }
}

extension String {
  /// The string padded with spaces to `width` characters (at least one space after).
  func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
