import Foundation
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
    .option(
      "dataset", "name", "Dataset for metrics, parameters and FLOPs (nlp: wikitext2 or ptb).",
      default: "cifar10"),
  ]

  func run(_ arguments: ParsedArguments) throws(CLIError) {
    guard arguments.positional.count == 1 else {
      throw .usage("'describe' takes exactly one architecture", command: name)
    }
    let space = try arguments.space()
    let description: AnySearchSpace.Description
    do {
      description = try space.genotypes.describe(arguments.positional[0])
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
    if description.invalidReason == nil {
      if let dataset = arguments.string("dataset") ?? space.datasets.first {
        guard let cost = space.cost(description.canonical, dataset: dataset) else {
          throw .usage(
            "unknown dataset '\(dataset)' for '--dataset' (expected one of: "
              + space.datasets.joined(separator: ", ") + ")", command: name)
        }
        fields.append(("params", .int(cost.parameters)))
        fields.append(("flops", .number(cost.megaFLOPs)))
      }
      if let file = arguments.string("benchmark") {
        let dataset = arguments.string("dataset") ?? "cifar10"
        let table: BenchmarkMetrics<String>?
        do {
          table = try space.benchmark(at: DataPath.resolve(file, key: "--benchmark"))
        } catch let error as ConfigError {
          throw .badInput(error.description)
        } catch {
          throw .badInput(String(describing: error))
        }
        guard let table else {
          throw .usage("space '\(space.name)' has no benchmark tables", command: name)
        }
        let metrics = table.metrics(description.canonical) ?? [:]
        let prefixes = dataset == "cifar10" ? ["cifar10"] : [dataset]
        let chosen = metrics.filter { key, _ in
          prefixes.contains { key.hasPrefix($0 + "_") } || arguments.string("dataset") == nil
        }
        fields.append(
          (
            "metrics",
            .object(chosen.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })
          ))
      }
    }
    try StandardOutput.write(JSONValue.object(fields).text + "\n")
  }
}
