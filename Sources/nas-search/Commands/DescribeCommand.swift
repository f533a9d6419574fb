import Search
import SearchSpace

/// `nas-search describe`: one JSON object about an architecture.
struct DescribeCommand: Command {
  let name = "describe"
  let abstract = "Describe one architecture as JSON: canonical form, hash, validity."
  let discussion = """
    With --benchmark, also the benchmark's metrics for the architecture.
    """
  let arguments = [ArgumentSpec(name: "ARCH", help: "The architecture in the space's text form.")]
  let options: [OptionSpec] = [
    spaceOption,
    .option("benchmark", "file", "A benchmark table to look the architecture up in."),
    .option("dataset", "name", "Dataset for metrics, parameters and FLOPs.", default: "cifar10"),
  ]

  func run(_ arguments: ParsedArguments) throws(CLIError) {
    guard arguments.positional.count == 1 else {
      throw .usage("'describe' takes exactly one architecture", command: name)
    }
    let space = try arguments.space()
    let description: AnySearchSpace.Description
    do {
      description = try space.describe(arguments.positional[0])
    } catch {
      throw .badInput(error.description)
    }
    var fields: [(String, JSONValue)] = [
      ("arch", .string(description.canonical)),
      ("hash", .string(description.hash)),
      ("valid", .bool(description.invalidReason == nil)),
    ]
    if let reason = description.invalidReason {
      fields.append(("invalid_reason", .string(reason)))
    }
    print(JSONValue.object(fields).text)
  }
}
