import Foundation
import Search

/// `nas-search merge-runs`: joins the directories of `run --run-range`/`--shard` jobs into
/// the directory one process running all those runs writes.
struct MergeRunsCommand: Command {
  let name = "merge-runs"
  let abstract = "Join the output directories of 'run --run-range/--shard' jobs."
  let discussion = """
    Checks that every directory holds the same experiment (config, seed, run count), has
    finished, and that the run ranges follow each other without gap or overlap; writes
    experiment.json, journal.jsonl, history.csv, runs.csv, summary.json, summary.md and
    best_so_far.svg as one process computing those runs does (only wall times differ).
    """
  let arguments = [ArgumentSpec(name: "DIRS", help: "The directories to join.")]
  let options: [OptionSpec] = [
    .option("output", "dir", "The merged directory (must be absent or empty).")
  ]

  func run(_ arguments: ParsedArguments) throws(CLIError) {
    guard !arguments.positional.isEmpty else {
      throw .usage("'merge-runs' needs at least one directory", command: name)
    }
    let output = try arguments.required("output")
    let manifest: ExperimentManifest
    do {
      manifest = try ExperimentMerge.merge(
        arguments.positional.map { URL(fileURLWithPath: $0) },
        into: URL(fileURLWithPath: output))
    } catch {
      throw .badInput(error.description)
    }
    let range = manifest.runRange
    print(
      "runs \(range.lowerBound)..<\(range.upperBound) of \(manifest.runs) "
        + "from \(arguments.positional.count) directories in \(output)")
  }
}
