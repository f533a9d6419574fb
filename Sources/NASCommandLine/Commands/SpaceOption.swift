import Search

extension ParsedArguments {
  /// The registered space named by `--space`, or a usage error listing the known names.
  func space() throws(CLIError) -> RegisteredSpace {
    let name = try required("space")
    do {
      return try SpaceRegistry.space(named: name)
    } catch {
      throw .usage("\(error) for '--space'", command: command)
    }
  }
}

/// The `--space` option shared by commands that work on one space.
let spaceOption = OptionSpec.option(
  "space", "space", "The search space (see 'nas-search list': nb201, nb101, nlp, ...).")
