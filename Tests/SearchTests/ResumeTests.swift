import Foundation
import SearchSpace
import Synchronization
import Testing

@testable import Search

func temporaryExperimentDirectory() -> URL {
  FileManager.default.temporaryDirectory.appendingPathComponent("nas-resume-\(UUID().uuidString)")
}

/// The toy AREA experiment the resume and layout tests share.
func toyExperiment(
  _ output: URL, runs: Int = 1, seed: UInt64 = 42, range: Range<Int>? = nil,
  calls: ResumeTests.Calls? = nil
) -> Experiment<ToySpace> {
  let area = AssistedEvolution(
    proxySamples: 12, evolution: RegularizedEvolution(populationSize: 4))
  var specification = toySpecification(area, budget: SearchBudget(simulatedSeconds: 250))
  if let calls {
    specification.evaluators = [
      .benchmark: ResumeTests.Counting(base: OneMaxEvaluator(), calls: calls),
      .proxy: ResumeTests.Counting(base: LowBitsProxy(), calls: calls),
    ]
  }
  return Experiment(
    specification: specification, seed: seed, runs: runs, output: output,
    configJSON: .object([("toy", .int(1))]), runRange: range)
}

struct ResumeTests {
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
    let reference = temporaryExperimentDirectory()
    defer { try? FileManager.default.removeItem(at: reference) }
    let expected = try toyExperiment(reference).run(resume: false)[0]
    let folder = ExperimentFolder(directory: reference)
    let journal = try String(contentsOf: folder.journalURL, encoding: .utf8)
    let lines = journal.split(separator: "\n").map(String.init)
    // One line per evaluation, then the run's end.
    #expect(lines.count == expected.history.count + 1)
    #expect(lines.last?.hasPrefix("{\"run\":0,\"end\":\"simulated_time\"") == true)
    let manifest = try String(contentsOf: folder.manifestURL, encoding: .utf8)

    var rng = SplitMix64(seed: 9)
    for _ in 0..<8 {
      // Simulate a kill after k complete lines, with half of the next line written.
      let k = Int.random(in: 0..<lines.count, using: &rng)
      let directory = temporaryExperimentDirectory()
      defer { try? FileManager.default.removeItem(at: directory) }
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      let partialFolder = ExperimentFolder(directory: directory)
      try manifest.write(to: partialFolder.manifestURL, atomically: true, encoding: .utf8)
      var partial = lines.prefix(k).map { $0 + "\n" }.joined()
      partial += lines[k].prefix(lines[k].count / 2)
      try partial.write(to: partialFolder.journalURL, atomically: true, encoding: .utf8)

      let calls = Calls()
      let resumed = try toyExperiment(directory, calls: calls).run(resume: true)[0]
      // Nothing journaled is recomputed: only evaluations missing from the first k.
      let expectedCalls =
        distinctEvaluations(expected.history) - distinctEvaluations(expected.history.prefix(k))
      #expect(calls.count.load(ordering: .relaxed) == expectedCalls)
      #expect(resumed.history.map(\.architecture) == expected.history.map(\.architecture))
      #expect(resumed.history.map(\.fitness) == expected.history.map(\.fitness))
      #expect(resumed.best?.architecture == expected.best?.architecture)
      #expect(resumed.usage.simulatedSeconds == expected.usage.simulatedSeconds)
      #expect(resumed.stopReason == expected.stopReason)
      // The journal ends as the uninterrupted one, up to wall times.
      let resumedLines = try String(contentsOf: partialFolder.journalURL, encoding: .utf8)
        .split(separator: "\n")
      #expect(resumedLines.map(withoutWall) == lines.map { withoutWall(Substring($0)) })
    }
  }

  @Test func startingOverAnExistingRunWithoutResumeIsRefused() throws {
    let directory = temporaryExperimentDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    _ = try toyExperiment(directory).run(resume: false)
    #expect(throws: SearchInterruption.self) { try toyExperiment(directory).run(resume: false) }
  }

  @Test func aJournalFromAnotherSeedIsRejected() throws {
    let directory = temporaryExperimentDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    _ = try toyExperiment(directory).run(resume: false)
    // Claim seed 43 in experiment.json: the journal of seed 42 no longer replays.
    let other = toyExperiment(directory, seed: 43)
    try other.manifest.text.write(
      to: ExperimentFolder(directory: directory).manifestURL, atomically: true, encoding: .utf8)
    do {
      _ = try other.run(resume: true)
      Issue.record("resumed a journal of another seed")
    } catch {
      guard case .journalMismatch = error else {
        Issue.record("unexpected \(error)")
        return
      }
    }
  }

  @Test func severalRunsWriteOneSetOfFiles() throws {
    let directory = temporaryExperimentDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outcomes = try toyExperiment(directory, runs: 3).run(resume: false)
    #expect(outcomes.map(\.seed) == [42, 43, 44])
    let folder = ExperimentFolder(directory: directory)
    #expect(folder.entries() == ExperimentFolder.fileNames.sorted())
    let summary = RunSummary(outcomes)
    let ones = outcomes.compactMap { $0.metric("ones") }
    let mean = ones.reduce(0, +) / Double(ones.count)
    #expect(abs((summary.statistic("ones")?.mean ?? -1) - mean) < 1e-12)
    let history = try String(contentsOf: folder.historyURL, encoding: .utf8)
      .split(separator: "\n")
    #expect(history.count == outcomes.map(\.history.count).reduce(0, +) + 1)
    // Each row names its run and seed.
    let firstOfRun2 = try #require(history.first { $0.hasPrefix("2,") })
    #expect(firstOfRun2.hasPrefix("2,44,0,"))
    let runs = try String(contentsOf: folder.runsURL, encoding: .utf8).split(separator: "\n")
    #expect(runs.count == 4)
    #expect(
      runs[0]
        == "run,seed,best_arch,fitness,proxy_score,ones,value,evaluations,simulated_seconds,wall_seconds,stopped_by"
    )
  }
}

/// A journal line without its wall times (`"wall":"…"` and `"walls_us":[…]`), which
/// differ between any two runs.
func withoutWall(_ line: Substring) -> String {
  String(line).replacingOccurrences(
    of: #","wall":"[^"]*""#, with: "", options: .regularExpression
  ).replacingOccurrences(of: #","walls_us":\[[0-9,]*\]"#, with: "", options: .regularExpression)
}

/// The lines of the CSV file at `url` without the column called `column` (such as
/// `wall_seconds`, which differs between any two runs).
func linesWithoutColumn(_ url: URL, _ column: String) throws -> [String] {
  let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
    $0.split(separator: ",", omittingEmptySubsequences: false)
  }
  let index = try #require(lines.first?.firstIndex(of: Substring(column)))
  return lines.map { fields in
    fields.enumerated().filter { $0.offset != index }.map(\.element).joined(separator: ",")
  }
}

/// Expects the result files of the experiments in `a` and `b` to be the same up to wall
/// times: `experiment.json`, `summary.md`, the plot, `history.csv`, `runs.csv` and
/// `summary.json`.
func expectSameResultFiles(_ a: URL, _ b: URL) throws {
  let x = ExperimentFolder(directory: a)
  let y = ExperimentFolder(directory: b)
  func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }
  for name in ["experiment.json", "summary.md", "best_so_far.svg"] {
    #expect(try text(x.url(name)) == text(y.url(name)), "\(name)")
  }
  for (first, second) in [(x.historyURL, y.historyURL), (x.runsURL, y.runsURL)] {
    #expect(
      try linesWithoutColumn(first, "wall_seconds") == linesWithoutColumn(second, "wall_seconds"),
      "\(first.lastPathComponent)")
  }
  let summary = { (url: URL) throws -> [Substring] in
    try text(url).split(separator: "\n").filter { !$0.contains("total_wall_seconds") }
  }
  #expect(try summary(x.summaryJSONURL) == summary(y.summaryJSONURL))
}

/// Makes `output` an interrupted copy of the finished experiment in `reference`: its
/// `experiment.json`, and of each run r's journal lines (the end line included) the first
/// `keep(r)`.
func writeInterruptedCopy(of reference: URL, to output: URL, keep: (Int) -> Int) throws {
  let source = ExperimentFolder(directory: reference)
  let target = ExperimentFolder(directory: output)
  try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
  try FileManager.default.copyItem(at: source.manifestURL, to: target.manifestURL)
  var kept: [Int: Int] = [:]
  var text = ""
  for line in try String(contentsOf: source.journalURL, encoding: .utf8).split(separator: "\n") {
    let prefix = line.prefix { $0 != "," }
    let run = try #require(Int(prefix.dropFirst("{\"run\":".count)))
    if kept[run, default: 0] < keep(run) {
      kept[run, default: 0] += 1
      text += line + "\n"
    }
  }
  try text.write(to: target.journalURL, atomically: true, encoding: .utf8)
}
