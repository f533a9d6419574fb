import SearchSpace

extension ParsedArguments {
  /// The space named by `--space`, or a usage error listing the known names.
  func space() throws(CLIError) -> AnySearchSpace {
    let name = try required("space")
    guard let space = SearchSpaceCatalog.named(name) else {
      throw .usage(
        "unknown space '\(name)' for '--space' (expected one of: "
          + SearchSpaceCatalog.names.joined(separator: ", ") + ")", command: command)
    }
    return space
  }
}

/// The `--space` option shared by commands that work on one space.
let spaceOption = OptionSpec.option(
  "space", "space", "The search space: nb201, nb101 or nlp.")
