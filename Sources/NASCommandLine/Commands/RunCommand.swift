import Foundation
import Search

/// `nas-search run`: a search from a JSON config.
struct RunCommand: Command {
  let name = "run"
  let abstract = "Run a search from a JSON config (see configs/)."
  let discussion = """
    Writes experiment.json and journal.jsonl as it goes, then history.csv, runs.csv,
    summary.json, summary.md and best_so_far.svg to the output directory, and prints the
    summary. A directory holds one experiment: anything already there is refused without
    --resume. An interrupted experiment continues with --resume and ends as if
    uninterrupted. --run-range A..<B or --shard I/N computes only those runs (seeds
    seed+A...), for the jobs of a cluster array; 'merge-runs' joins their directories.
    """
  let arguments = [ArgumentSpec(name: "CONFIG", help: "The config file.")]
  let options: [OptionSpec] = [
    .option("output", "dir", "Output directory (overrides the config's output)."),
    .option("runs", "n", "Number of runs (overrides the config)."),
    .option("seed", "s", "Seed of the first run (overrides the config)."),
    .option("run-range", "A..<B", "Compute only runs A to B-1 (default output: DIR-runs-A-B)."),
    .option("shard", "I/N", "Compute the I-th (from 0) of N contiguous parts of the runs."),
    .option(
      "jobs", "n",
      "Runs computed at once (default: one per core when every evaluation is a table lookup, else 1)."
    ),
    .flag("resume", "Continue the experiment found in the output directory."),
    .flag("quiet", "No progress on stderr."),
  ]

  func run(_ arguments: ParsedArguments) throws(CLIError) {
    guard arguments.positional.count == 1 else {
      throw .usage("'run' takes exactly one config file", command: name)
    }
    let path = arguments.positional[0]
    var config: SearchConfig
    do {
      config = try SearchConfig.load(URL(fileURLWithPath: path))
    } catch {
      throw .badInput(error.description)
    }
    if arguments.string("runs") != nil {
      config.runs = try arguments.integer("runs", default: 1, in: 1...1_000_000)
    }
    if arguments.string("seed") != nil { config.seed = try arguments.seed() }
    let runRange = try RunRangeOption.parse(arguments, runs: config.runs, command: name)
    var defaultOutput =
      config.output ?? "runs/"
      + URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    if let runRange { defaultOutput += "-runs-\(runRange.lowerBound)-\(runRange.upperBound)" }
    let output = URL(fileURLWithPath: arguments.string("output") ?? defaultOutput)
    let prepared: PreparedSearch
    do {
      prepared = try SearchLauncher.prepare(config, file: path)
    } catch {
      throw .badInput(error.description)
    }
    let progress: TerminalProgress? =
      arguments.flag("quiet")
      ? nil
      : TerminalProgress(
        label: prepared.strategyName, budget: config.budget,
        plannedEvaluations: prepared.plannedEvaluations)
    let concurrentRuns =
      arguments.string("jobs") == nil
      ? nil : try arguments.integer("jobs", default: 1, in: 1...4096)
    let outcomes: [RunOutcome]
    do {
      outcomes = try prepared.run(
        output: output, resume: arguments.flag("resume"), runRange: runRange,
        concurrentRuns: concurrentRuns, progress: progress)
    } catch {
      switch error {
      case .budgetExhausted: throw .failure("internal: a budget stop escaped the run")
      case .evaluationFailed(let failure): throw .failure(failure.description)
      case .journalMismatch(let message):
        throw .badInput("\(output.path): cannot resume: \(message)")
      case .outputConflict(let message): throw .badInput(message)
      }
    }
    print(RunReport.text(outcomes, output: output, columns: prepared.headlineColumns))
  }
}

/// The text `nas-search run` prints when it is done.
enum RunReport {
  static func text(_ outcomes: [RunOutcome], output: URL, columns: [String]) -> String {
    var lines: [String] = []
    if outcomes.count == 1, let outcome = outcomes.first {
      lines.append("best: \(outcome.best?.architecture ?? "none")")
      if let fitness = outcome.best?.fitness { lines.append("fitness: \(fitness)") }
      if let score = outcome.bestProxyScore { lines.append("proxy score: \(score)") }
      for (name, value) in outcome.bestMetrics where columns.isEmpty || columns.contains(name) {
        lines.append("\(name): \(value)")
      }
      lines.append(
        "evaluations: \(outcome.usage.evaluations), simulated: "
          + String(format: "%.0f s", outcome.usage.simulatedSeconds) + ", wall: "
          + String(format: "%.2f s", outcome.usage.wallSeconds)
          + ", stopped by: \(outcome.stopReason.rawValue)")
    } else {
      let summary = RunSummary(outcomes)
      lines.append(
        "\(outcomes.count) runs, \(String(format: "%.1f", summary.meanEvaluations)) evaluations each on average"
      )
      lines.append(summary.markdown(columns: columns).trimmingCharacters(in: .newlines))
    }
    lines.append("results in \(output.path)")
    return lines.joined(separator: "\n")
  }
}
