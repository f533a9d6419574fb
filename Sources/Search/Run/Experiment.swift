import Foundation
import SearchSpace

/// Repeated runs of one search specification with consecutive seeds, written to one
/// output directory, resumable.
///
/// Every run appends to one `journal.jsonl` as it goes (a run of lookups only when it
/// ends: see ``Journal``); when all runs are done the directory receives `history.csv`,
/// `runs.csv`, `summary.json`, `summary.md` and `best_so_far.svg` (see
/// ``ExperimentFolder``). An experiment may compute only a range of its runs (for a
/// cluster's job array); ``ExperimentMerge`` joins such directories.
public struct Experiment<Space: SearchSpace> {
  /// What each run does.
  public var specification: RunSpecification<Space>
  /// The seed of run 0; run r uses `seed + r`.
  public var seed: UInt64
  /// How many runs the experiment has.
  public var runs: Int
  /// The runs this process computes (all by default).
  public var runRange: Range<Int>
  /// Where results go, or nil to keep them in memory only.
  public var output: URL?
  /// The config, recorded in `experiment.json`.
  public var configJSON: JSONValue
  /// How many runs are computed at once, each on a thread of its own; 1: one after the
  /// other.
  ///
  /// The results are the same either way, up to wall times and the order of the
  /// journal's lines.
  public var concurrentRuns = 1

  /// Creates an experiment of `runs` runs that computes `runRange` (nil: all of them).
  public init(
    specification: RunSpecification<Space>, seed: UInt64, runs: Int, output: URL?,
    configJSON: JSONValue = .null, runRange: Range<Int>? = nil
  ) {
    self.specification = specification
    self.seed = seed
    self.runs = runs
    self.runRange = runRange ?? 0..<runs
    self.output = output
    self.configJSON = configJSON
  }

  /// What `experiment.json` records.
  public var manifest: ExperimentManifest {
    ExperimentManifest(
      config: configJSON, strategy: specification.strategy.name, seed: seed, runs: runs,
      runRange: runRange, plotMetric: specification.plotMetric,
      plotsSimulatedSeconds: specification.budget.simulatedSeconds != nil)
  }

  /// Runs every run of the range (continuing interrupted ones when `resume`), writes the
  /// files and returns the outcomes, in run order.
  ///
  /// - Throws: ``SearchInterruption`` when an evaluation fails, when the journal does not
  ///   match, or when the output directory holds anything but this experiment
  ///   (``SearchInterruption/outputConflict(_:)``; without `resume`, anything at all).
  public func run(resume: Bool, progress: (any ProgressReporter)? = nil) throws(SearchInterruption)
    -> [RunOutcome]
  {
    let manifest = self.manifest
    let folder = output.map(ExperimentFolder.init)
    var contents = Journal.Contents()
    var journal: Journal?
    if let folder {
      let resuming = try folder.open(manifest, resume: resume)
      do throws(EvaluationError) {
        if resuming {
          contents = try Journal.read(folder.journalURL)
          // Rewrite the journal from its complete lines (drops a torn final line).
          try AtomicFile.write(contents.text, to: folder.journalURL)
          if let stray = (contents.entries.keys.map { $0 } + contents.ends.keys.map { $0 })
            .first(where: { !runRange.contains($0) })
          {
            throw EvaluationError("the journal has run \(stray), outside the experiment's range")
          }
        }
        journal = try Journal(url: folder.journalURL)
      } catch {
        throw .journalMismatch(error.description)
      }
    }
    let results: [RunResult]
    do {
      results =
        try concurrentRuns > 1 && runRange.count > 1
        ? computeConcurrently(
          replaying: contents, journal: journal, writesHistory: folder != nil, progress: progress)
        : computeInOrder(
          replaying: contents, journal: journal, writesHistory: folder != nil, progress: progress)
    } catch {
      // Whatever happened, evaluations made so far reach the journal.
      try? journal?.close()
      throw error
    }
    let outcomes = results.map(\.outcome)
    if let folder {
      do throws(EvaluationError) {
        let journalFlush = try journal?.closingFlush()
        let records = zip(runRange, outcomes).map { RunRecord(run: $0, outcome: $1) }
        try ExperimentReport(
          manifest: manifest, records: records, historyRows: results.map(\.historyRows)
        ).write(to: folder, alongside: journalFlush.map { [$0] } ?? [])
      } catch {
        throw .evaluationFailed(error)
      }
    }
    return outcomes
  }
}
