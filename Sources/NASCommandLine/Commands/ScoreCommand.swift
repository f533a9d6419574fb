import Foundation
import Proxies
import Search
import SearchSpace

/// `nas-search score`: zero-cost proxy scores of architectures, with rank correlations
/// against a benchmark metric, or a whole space into a resumable score table.
struct ScoreCommand: Command {
  let name = "score"
  let abstract = "Score architectures with a zero-cost proxy (and correlate with a benchmark)."
  let discussion = """
    Architectures come from ARCH arguments, --archs FILE (one per line; for nb101 also a
    reference CSV with adjacency_rowmajor and ops columns), --sample N or --all (nb201: the
    15,625 cells; nlp: the distinct networks of the --benchmark logs), optionally one
    --shard I/N of them; every one is checked before scoring starts. Prints plain CSV,
    arch,score,seconds[,METRIC],failure per architecture; the summary (failures, Spearman
    and Kendall correlations with --benchmark FILE --metric COLUMN) goes to stderr. With --output the
    rows go to a score table that a later run with the same options resumes, and that
    'merge' joins and configs use as proxy.score_table.
    """
  let arguments = [ArgumentSpec(name: "ARCH", help: "Architectures in the space's text form.")]
  let options: [OptionSpec] = [
    spaceOption,
    .option("proxy", "name", "The scorer (see 'nas-search list')."),
    .option(
      "data", "source",
      "cifar10:PATH, cifar100:PATH, or for nlp ptb:PATH, wikitext2:PATH, text:PATH (a file "
        + "or a corpus directory); or synthetic.",
      default: "synthetic"),
    .option("batch-size", "n", "Batch size (default: the scorer's paper's)."),
    .option("seed", "k", "Seed of the batch and of every network's initialisation.", default: "0"),
    .option("archs", "file", "A file of architectures, one per line."),
    .option("sample", "n", "Score n random architectures (drawn with --seed)."),
    .flag("all", "Score every architecture (nb201: 15,625; nlp: the logged networks)."),
    .option(
      "shard", "i/n|auto",
      "Score only slice i of n (0-based); auto: the Slurm or Kubernetes array index."),
    .flag(
      "share-isomorphs",
      "Score one architecture per isomorphism class and give its score to the others."),
    .option("output", "file", "Write a resumable score table instead of printing rows."),
    .option("jobs", "n", "Networks scored at once (default: 1, or the core count for --all)."),
    .option("benchmark", "file", "A benchmark table to correlate with."),
    .option("metric", "column", "The benchmark column to correlate with."),
    .option("format", "format", "Output format: csv or json.", default: "csv"),
    .option(
      "option", "key=value",
      "A scorer option (repeatable); for nlp also text_steps, text_start (n or random), "
        + "text_split (train, valid, test).", repeatable: true),
    .flag("quiet", "No progress on stderr."),
  ]

  func run(_ arguments: ParsedArguments) throws(CLIError) {
    let request = try ScoreRequest(arguments)
    try execute(request)
  }

  /// Scores the request's architectures and prints or writes the rows and summary.
  private func execute(_ request: ScoreRequest) throws(CLIError) {
    var session = ScoringSession(
      space: request.space, setup: request.setup, metadata: request.metadata)
    session.sharesIsomorphicScores = request.sharesIsomorphs
    let reporter = ScoreProgress(enabled: !request.quiet)
    let clock = ContinuousClock()
    let start = clock.now
    let rows: [ScoreTable.Row]
    do {
      rows = try session.run(request.architectures, jobs: request.jobs, output: request.output) {
        done, resumed, total, elapsed in
        reporter.update(done: done, resumed: resumed, total: total, elapsed: elapsed)
      }
    } catch {
      throw .failure(error.description)
    }
    reporter.finish()
    let elapsed = clock.now - start
    let totalSeconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    var metricValues: [Double]?
    if let benchmark = request.benchmark, let metric = request.metric {
      metricValues = rows.map { benchmark.metrics($0.architecture)?[metric] ?? .nan }
    }
    let report = ScoreReport(
      rows: rows, metric: request.metric, metricValues: metricValues,
      totalSeconds: totalSeconds, jobs: request.jobs)
    if request.output == nil {
      try StandardOutput.write(
        request.format == "json" ? report.json.prettyText + "\n" : report.csv)
    }
    var standardError = StandardError()
    print(report.summaryLines.joined(separator: "\n"), to: &standardError)
  }
}
