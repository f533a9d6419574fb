import Foundation
import Networks
import SearchSpace
import Synchronization

/// What one run of an experiment leaves: its outcome and its rows of `history.csv`.
struct RunResult: Sendable {
  var outcome: RunOutcome
  var historyRows: ByteText
}

extension Experiment {
  /// Computes the runs of the range one after the other, on this thread.
  func computeInOrder(
    replaying contents: Journal.Contents, journal: Journal?, writesHistory: Bool,
    progress: (any ProgressReporter)?
  ) throws(SearchInterruption) -> [RunResult] {
    var results: [RunResult] = []
    results.reserveCapacity(runRange.count)
    var rowsHint = 0
    for index in runRange {
      let position = index - runRange.lowerBound
      let result = try compute(
        run: index, specification: specification, replaying: contents, journal: journal,
        historyRowsHint: writesHistory ? rowsHint : nil,
        onEvaluation: progress.map { progress in
          { entry, usage, best in
            progress.evaluated(
              run: position, of: runRange.count, entry: entry, usage: usage, best: best)
          }
        })
      rowsHint = result.historyRows.count
      progress?.finished(run: position, of: runRange.count, outcome: result.outcome)
      results.append(result)
    }
    return results
  }

  /// Computes the runs of the range ``concurrentRuns`` at a time, each taken by the next
  /// free thread, and returns them in run order.
  ///
  /// Every thread has its own journal writer and text caches, so the runs share nothing
  /// but the journal file and the progress reporter (each behind a lock). When a run
  /// fails, no further run starts, and the error of the first failed run is thrown.
  func computeConcurrently(
    replaying contents: Journal.Contents, journal: Journal?, writesHistory: Bool,
    progress: (any ProgressReporter)?
  ) throws(SearchInterruption) -> [RunResult] {
    let count = runRange.count
    let shared = ConcurrentRunState(count: count, progress: progress)
    let work = UncheckedWork(experiment: self, contents: contents, journal: journal)
    let threads = min(concurrentRuns, count)
    // A proxy's networks share the cores among the runs, as `score --jobs` does.
    let networkThreads = max(1, ComputeThreads.defaultCount / threads)
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
      ComputeThreads.withCount(networkThreads) {
        work.computeRuns(writesHistory: writesHistory, shared: shared)
      }
    }
    return try shared.results()
  }

  /// Run `index`: replayed from `contents` as far as its journal goes, then computed, its
  /// evaluations appended to `journal` (or, when they are all lookups, only its end) and,
  /// when `historyRowsHint` is given (the size of a similar run's rows), its rows of
  /// `history.csv` made.
  func compute(
    run index: Int, specification: RunSpecification<Space>, replaying contents: Journal.Contents,
    journal: Journal?, historyRowsHint: Int?,
    onEvaluation: ((HistoryEntry, BudgetUsage, Double?) -> Void)?
  ) throws(SearchInterruption) -> RunResult {
    let selection = specification.strategy.selection
    let replaying = contents.entries[index] ?? []
    let whole = contents.wholeRuns[index]
    // A run of lookups journals only its end, unless it has evaluation lines already.
    let journalsEvaluations =
      whole == nil && (!replaying.isEmpty || !specification.recomputesExactly)
    var best: Double?
    var outcome = try specification.execute(
      seed: seed &+ UInt64(index), replaying: replaying,
      replayingWalls: whole?.wallSeconds ?? [], journal: journalsEvaluations ? journal : nil,
      run: index,
      onEvaluation: onEvaluation.map { report in
        { entry, usage in
          if entry.source == selection { best = max(best ?? -.infinity, entry.fitness) }
          report(entry, usage, best)
        }
      })
    if let end = contents.ends[index] {
      guard end.stopReason == outcome.stopReason else {
        throw .journalMismatch(
          "run \(index) ended by \(end.stopReason.rawValue) in the journal but by "
            + "\(outcome.stopReason.rawValue) now")
      }
      if let whole,
        whole.wallSeconds.count != outcome.history.count
          || whole.simulatedSeconds != (outcome.history.last?.simulatedSeconds ?? 0)
      {
        throw .journalMismatch(
          "run \(index) made \(whole.wallSeconds.count) evaluations and "
            + "\(whole.simulatedSeconds) simulated seconds in the journal but "
            + "\(outcome.history.count) and \(outcome.history.last?.simulatedSeconds ?? 0) "
            + "now (has a table changed?)")
      }
      outcome.usage.wallSeconds = end.wallSeconds
    } else if let journal {
      do {
        if journalsEvaluations {
          try journal.end(
            run: index, stopReason: outcome.stopReason, wallSeconds: outcome.usage.wallSeconds)
        } else {
          try journal.end(
            run: index, stopReason: outcome.stopReason, wallSeconds: outcome.usage.wallSeconds,
            evaluations: outcome.history)
        }
      } catch {
        throw .evaluationFailed(error)
      }
    }
    var rows = ByteText()
    if let historyRowsHint {
      // Room for a run like the last one, and an eighth more: no copy as the rows grow.
      rows.reserveCapacity(historyRowsHint + historyRowsHint / 8)
      HistoryCSV.appendRows(
        run: index, outcome, selection: selection, to: &rows,
        numbers: journal.map { ($0.cellNumbers, $0.runNumbers) })
    }
    return RunResult(outcome: outcome, historyRows: rows)
  }
}

/// What the threads of ``Experiment/computeConcurrently(replaying:journal:writesHistory:progress:)``
/// read: the experiment, the replayed journal and the journal the writers come from.
///
/// It is only read while they run (each thread makes its own writer and caches), which
/// is why handing it to them is safe although its types are not `Sendable`.
private struct UncheckedWork<Space: SearchSpace>: @unchecked Sendable {
  let experiment: Experiment<Space>
  let contents: Journal.Contents
  let journal: Journal?

  /// One thread's work: takes the next run until none is left or one has failed.
  func computeRuns(writesHistory: Bool, shared: ConcurrentRunState) {
    var specification = experiment.specification
    specification.texts = ArchitectureTexts()
    let writer = journal?.writer()
    let count = experiment.runRange.count
    var rowsHint = 0
    while let position = shared.nextPosition() {
      do throws(SearchInterruption) {
        let result = try experiment.compute(
          run: experiment.runRange.lowerBound + position, specification: specification,
          replaying: contents, journal: writer, historyRowsHint: writesHistory ? rowsHint : nil,
          onEvaluation: shared.progress == nil
            ? nil
            : { entry, usage, best in
              shared.evaluated(run: position, of: count, entry: entry, usage: usage, best: best)
            })
        rowsHint = result.historyRows.count
        shared.finish(position, with: result)
      } catch {
        shared.fail(position, with: error)
      }
    }
    do throws(EvaluationError) {
      try writer?.flush()
    } catch {
      shared.fail(count, with: .evaluationFailed(error))
    }
  }
}

/// The state the threads computing runs at once share: the next run to take, the
/// results, the first failure, and the progress reporter, each behind a lock.
private final class ConcurrentRunState: @unchecked Sendable {
  /// The next position in the run range to hand out.
  private let next = Atomic<Int>(0)
  private let count: Int
  private let slots: Mutex<[RunResult?]>
  /// The failure of the lowest position so far.
  private let failure = Mutex<(position: Int, error: SearchInterruption)?>(nil)
  /// The reporter; only used with `reporting` held.
  let progress: (any ProgressReporter)?
  /// Orders the calls to `progress` and counts finished runs, which it is told as
  /// positions in the order they finish (its last position is the last run to end).
  private let reporting = Mutex<Int>(0)

  init(count: Int, progress: (any ProgressReporter)?) {
    self.count = count
    self.progress = progress
    slots = Mutex([RunResult?](repeating: nil, count: count))
  }

  /// The position of the next run to compute, or nil when all are taken or one failed.
  func nextPosition() -> Int? {
    guard failure.withLock({ $0 == nil }) else { return nil }
    let position = next.add(1, ordering: .relaxed).oldValue
    return position < count ? position : nil
  }

  /// Reports an evaluation of the run at `position`, as the current run after those
  /// that have finished.
  func evaluated(
    run position: Int, of runs: Int, entry: HistoryEntry, usage: BudgetUsage, best: Double?
  ) {
    reporting.withLock { finished in
      progress?.evaluated(
        run: min(finished, runs - 1), of: runs, entry: entry, usage: usage, best: best)
    }
  }

  /// Keeps the result of the run at `position` and reports it.
  func finish(_ position: Int, with result: RunResult) {
    slots.withLock { $0[position] = result }
    reporting.withLock { finished in
      progress?.finished(run: finished, of: count, outcome: result.outcome)
      finished += 1
    }
  }

  /// Records that the run at `position` failed; the lowest position's error is kept.
  func fail(_ position: Int, with error: SearchInterruption) {
    failure.withLock { current in
      if position < current?.position ?? Int.max { current = (position, error) }
    }
  }

  /// The results in run order, or the kept failure.
  func results() throws(SearchInterruption) -> [RunResult] {
    if let failure = failure.withLock({ $0 }) { throw failure.error }
    return slots.withLock { $0 }.compactMap { $0 }
  }
}
