import Foundation
import Synchronization
import Testing

@testable import Search

/// Runs computed at once (``Experiment/concurrentRuns``) give the files of runs computed
/// one after the other, resume from their interleaved journal, and stop at a failure.
struct ConcurrentRunsTests {
  func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

  /// The journal's lines without wall times, grouped by run (each run's in file order).
  func journalByRun(_ folder: ExperimentFolder) throws -> [Int: [String]] {
    var runs: [Int: [String]] = [:]
    for line in try text(folder.journalURL).split(separator: "\n") {
      let run = try #require(Int(line.prefix { $0 != "," }.dropFirst("{\"run\":".count)))
      runs[run, default: []].append(withoutWall(line))
    }
    return runs
  }

  /// Every result file of `a` and `b` is the same up to wall times and the order in which
  /// the runs' journal lines interleave.
  func expectSameFiles(_ a: URL, _ b: URL) throws {
    try expectSameResultFiles(a, b)
    #expect(
      try journalByRun(ExperimentFolder(directory: a))
        == journalByRun(ExperimentFolder(directory: b)))
  }

  @Test func runsComputedAtOnceWriteTheFilesOfRunsComputedInOrder() throws {
    let root = temporaryExperimentDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let inOrder = root.appendingPathComponent("in-order")
    let expected = try toyExperiment(inOrder, runs: 7).run(resume: false)
    for threads in [2, 3, 16] {
      let atOnce = root.appendingPathComponent("at-once-\(threads)")
      var experiment = toyExperiment(atOnce, runs: 7)
      experiment.concurrentRuns = threads
      let outcomes = try experiment.run(resume: false)
      #expect(outcomes.map(\.seed) == expected.map(\.seed))
      #expect(
        outcomes.map { $0.history.map(\.architecture) }
          == expected.map { $0.history.map(\.architecture) })
      #expect(outcomes.map(\.best?.fitness) == expected.map(\.best?.fitness))
      try expectSameFiles(inOrder, atOnce)
    }
  }

  @Test func anInterruptedConcurrentExperimentResumesToTheSameFiles() throws {
    let root = temporaryExperimentDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let reference = root.appendingPathComponent("reference")
    var whole = toyExperiment(reference, runs: 6)
    whole.concurrentRuns = 3
    _ = try whole.run(resume: false)
    // Killed with runs 0 to 5 at different points: some finished, some not started.
    let interrupted = root.appendingPathComponent("interrupted")
    try writeInterruptedCopy(of: reference, to: interrupted) { [40, 3, 0, 17, 1000, 9][$0] }
    let calls = ResumeTests.Calls()
    var resumed = toyExperiment(interrupted, runs: 6, calls: calls)
    resumed.concurrentRuns = 2
    _ = try resumed.run(resume: true)
    #expect(calls.count.load(ordering: .relaxed) > 0)
    try expectSameFiles(reference, interrupted)
  }

  /// An evaluator that fails on every architecture.
  struct Failing: Evaluator {
    var name: String { "failing" }
    func evaluate(_ a: UInt16) throws(EvaluationError) -> Evaluation {
      throw EvaluationError("no row for \(a)")
    }
  }

  @Test func aFailedRunStopsTheExperimentWithItsErrorAndKeepsTheJournal() throws {
    let directory = temporaryExperimentDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    var experiment = toyExperiment(directory, runs: 40)
    // Run 5 (seed 47) cannot be evaluated.
    experiment.specification.seededEvaluator = SeededEvaluator(source: .benchmark) { seed in
      seed == 47 ? Failing() as any Evaluator<UInt16> : OneMaxEvaluator()
    }
    experiment.concurrentRuns = 3
    do {
      _ = try experiment.run(resume: false)
      Issue.record("the experiment did not fail")
    } catch {
      guard case .evaluationFailed(let failure) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(failure.message.contains("no row for"), "\(failure)")
    }
    let folder = ExperimentFolder(directory: directory)
    // No result files; the journal is whole and holds run 0's end, not all 40 runs.
    #expect(!FileManager.default.fileExists(atPath: folder.historyURL.path))
    let contents = try Journal.read(folder.journalURL)
    #expect(contents.ends[0] != nil)
    #expect(contents.ends[5] == nil)
    #expect(contents.ends.count < 40)
  }
}
