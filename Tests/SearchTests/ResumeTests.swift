import Foundation
import SearchSpace
import Synchronization
import Testing

@testable import Search

struct ResumeTests {
  func temporaryDirectory() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("nas-resume-\(UUID().uuidString)")
  }

  func experiment(_ output: URL, runs: Int = 1, calls: Calls? = nil) -> Experiment<ToySpace> {
    let area = AssistedEvolution(
      proxySamples: 12, evolution: RegularizedEvolution(populationSize: 4))
    var specification = toySpecification(area, budget: SearchBudget(simulatedSeconds: 250))
    if let calls {
      specification.evaluators = [
        .benchmark: Counting(base: OneMaxEvaluator(), calls: calls),
        .proxy: Counting(base: LowBitsProxy(), calls: calls),
      ]
    }
    return Experiment(specification: specification, seed: 42, runs: runs, output: output)
  }

  /// Counts evaluator calls, to check that a resumed run recomputes nothing.
  final class Calls: Sendable {
    let count = Atomic<Int>(0)
  }

  struct Counting<Base: Evaluator>: Evaluator {
    let base: Base
    let calls: Calls
    var name: String { base.name }
    func evaluate(_ a: Base.Architecture) throws(EvaluationError) -> Evaluation {
      calls.count.add(1, ordering: .relaxed)
      return try base.evaluate(a)
    }
  }

  func distinctEvaluations(_ entries: some Sequence<HistoryEntry>) -> Int {
    Set(entries.map { "\($0.source.rawValue) \($0.architecture)" }).count
  }

  @Test func resumingFromAnyTruncatedJournalGivesTheUninterruptedResult() throws {
    let reference = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: reference) }
    let expected = try experiment(reference).run(resume: false)[0]
    let journal = try String(contentsOf: RunFiles(directory: reference).journalURL, encoding: .utf8)
    let lines = journal.split(separator: "\n").map(String.init)
    #expect(lines.count == expected.history.count)

    var rng = SplitMix64(seed: 9)
    for _ in 0..<8 {
      // Simulate a kill after k complete evaluations, with half of the next line written.
      let k = Int.random(in: 0..<lines.count, using: &rng)
      let directory = temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: directory) }
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      var partial = lines.prefix(k).map { $0 + "\n" }.joined()
      partial += lines[k].prefix(lines[k].count / 2)
      try partial.write(
        to: RunFiles(directory: directory).journalURL, atomically: true, encoding: .utf8)

      let calls = Calls()
      let resumed = try experiment(directory, calls: calls).run(resume: true)[0]
      // Nothing journaled is recomputed: only evaluations missing from the first k.
      let expectedCalls =
        distinctEvaluations(expected.history) - distinctEvaluations(expected.history.prefix(k))
      #expect(calls.count.load(ordering: .relaxed) == expectedCalls)
      #expect(resumed.history.map(\.architecture) == expected.history.map(\.architecture))
      #expect(resumed.history.map(\.fitness) == expected.history.map(\.fitness))
      #expect(resumed.best?.architecture == expected.best?.architecture)
      #expect(resumed.usage.simulatedSeconds == expected.usage.simulatedSeconds)
      #expect(resumed.stopReason == expected.stopReason)
    }
  }

  @Test func startingOverAnExistingRunWithoutResumeIsRefused() throws {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    _ = try experiment(directory).run(resume: false)
    #expect(throws: SearchInterruption.self) { try experiment(directory).run(resume: false) }
  }

  @Test func aJournalFromAnotherSeedIsRejected() throws {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    _ = try experiment(directory).run(resume: false)
    var other = experiment(directory)
    other.seed = 43
    #expect(throws: SearchInterruption.self) { try other.run(resume: true) }
  }

  @Test func severalRunsWriteSubdirectoriesSummaryAndPlot() throws {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outcomes = try experiment(directory, runs: 3).run(resume: false)
    #expect(outcomes.map(\.seed) == [42, 43, 44])
    let fm = FileManager.default
    for name in [
      "run-000/result.json", "run-001/history.csv", "run-002/journal.jsonl",
      "summary.json", "summary.md", "best_so_far.svg",
    ] {
      #expect(fm.fileExists(atPath: directory.appendingPathComponent(name).path), "\(name)")
    }
    let summary = RunSummary(outcomes)
    let ones = outcomes.compactMap { $0.metric("ones") }
    let mean = ones.reduce(0, +) / Double(ones.count)
    #expect(abs((summary.statistic("ones")?.mean ?? -1) - mean) < 1e-12)
    let history = try String(
      contentsOf: directory.appendingPathComponent("run-000/history.csv"), encoding: .utf8)
    #expect(history.split(separator: "\n").count == outcomes[0].history.count + 1)
  }
}
