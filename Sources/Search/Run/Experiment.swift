import Foundation
import SearchSpace

/// Repeated runs of one search specification with consecutive seeds, written to an
/// output directory, resumable.
///
/// One run writes `result.json`, `history.csv` and `journal.jsonl` into the output
/// directory; several runs write each into `run-NNN/` and add `summary.json`,
/// `summary.md` and `best_so_far.svg`.
public struct Experiment<Space: SearchSpace> {
  /// What each run does.
  public var specification: RunSpecification<Space>
  /// The first run's seed; run r uses `seed + r`.
  public var seed: UInt64
  /// How many runs.
  public var runs: Int
  /// Where results go, or nil to keep them in memory only.
  public var output: URL?
  /// The config, copied into every `result.json`.
  public var configJSON: JSONValue

  /// Creates an experiment.
  public init(
    specification: RunSpecification<Space>, seed: UInt64, runs: Int, output: URL?,
    configJSON: JSONValue = .null
  ) {
    self.specification = specification
    self.seed = seed
    self.runs = runs
    self.output = output
    self.configJSON = configJSON
  }

  /// The directory of run `index`.
  public func directory(ofRun index: Int) -> URL? {
    guard let output else { return nil }
    return runs == 1 ? output : output.appendingPathComponent(String(format: "run-%03d", index))
  }

  /// Runs every run (continuing interrupted ones when `resume`), writes the files and
  /// returns the outcomes.
  ///
  /// - Throws: ``SearchInterruption`` when an evaluation fails, when a journal does not
  ///   match, or when an output directory already holds results and `resume` is false.
  public func run(resume: Bool, progress: (any ProgressReporter)? = nil) throws(SearchInterruption)
    -> [RunOutcome]
  {
    var outcomes: [RunOutcome] = []
    for index in 0..<runs {
      let runSeed = seed &+ UInt64(index)
      var replay: [HistoryEntry] = []
      var journal: Journal?
      let files = directory(ofRun: index).map(RunFiles.init)
      do throws(EvaluationError) {
        if let files {
          if files.hasStarted && !resume {
            throw EvaluationError(
              "\(files.directory.path) already holds a run: pass --resume to continue it, "
                + "or choose another --output")
          }
          try files.prepare()
          replay = try Journal.read(files.journalURL)
          // Rewrite the journal from the replayed entries (drops a torn final line).
          try AtomicFile.write(
            replay.map { Journal.encode($0) + "\n" }.joined(), to: files.journalURL)
          journal = try Journal(url: files.journalURL)
        }
      } catch {
        throw .evaluationFailed(error)
      }
      var best: Double?
      let result = Result { () throws(SearchInterruption) -> RunOutcome in
        try specification.execute(
          seed: runSeed, replaying: replay, journal: journal,
          onEvaluation: { entry, usage in
            if entry.source == specification.strategy.selection {
              best = max(best ?? -.infinity, entry.fitness)
            }
            progress?.evaluated(run: index, of: runs, entry: entry, usage: usage, best: best)
          })
      }
      // Whatever happened, evaluations made so far reach the journal.
      do {
        try journal?.close()
      } catch {
        throw .evaluationFailed(error)
      }
      let outcome = try result.get()
      if let files {
        do {
          try files.write(outcome, config: configJSON)
        } catch {
          throw .evaluationFailed(error)
        }
      }
      progress?.finished(run: index, of: runs, outcome: outcome)
      outcomes.append(outcome)
    }
    if runs > 1, let output {
      do {
        try writeSummary(outcomes, to: output)
      } catch {
        throw .evaluationFailed(error)
      }
    }
    return outcomes
  }

  private func writeSummary(_ outcomes: [RunOutcome], to output: URL) throws(EvaluationError) {
    let summary = RunSummary(outcomes)
    try AtomicFile.write(
      summary.json.prettyText + "\n", to: output.appendingPathComponent("summary.json"))
    try AtomicFile.write(summary.markdown(), to: output.appendingPathComponent("summary.md"))
    if let metric = specification.plotMetric {
      let axis: SVGPlot.Axis =
        specification.budget.simulatedSeconds != nil ? .simulatedSeconds : .evaluations
      let svg = SVGPlot.bestSoFar(
        outcomes, metric: metric, axis: axis,
        title: "\(specification.strategy.name): best so far over \(outcomes.count) runs")
      try AtomicFile.write(svg, to: output.appendingPathComponent("best_so_far.svg"))
    }
  }
}
