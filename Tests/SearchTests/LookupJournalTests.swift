import Foundation
import SearchSpace
import Synchronization
import Testing

@testable import Search

/// Runs whose evaluations are all lookups journal only their ends: the evaluation count,
/// simulated seconds and wall times, from which resuming computes them again.
struct LookupJournalTests {
  /// `base` as a lookup, counting its calls.
  struct Lookup<Base: Evaluator>: Evaluator {
    let base: Base
    var calls = ResumeTests.Calls()
    var name: String { base.name }
    var isLookup: Bool { true }
    func evaluate(_ a: Base.Architecture) throws(EvaluationError) -> Evaluation {
      calls.count.add(1, ordering: .relaxed)
      return try base.evaluate(a)
    }
  }

  /// One Max with the cost of every query one second higher: another table.
  struct CostlierOneMax: Evaluator {
    var name: String { "onemax+1" }
    func evaluate(_ a: UInt16) throws(EvaluationError) -> Evaluation {
      Evaluation(fitness: Double(a.nonzeroBitCount), simulatedCost: Double(a.nonzeroBitCount + 2))
    }
  }

  /// The toy AREA experiment, its two evaluators looking up.
  func lookupExperiment(
    _ output: URL, runs: Int = 4, budget: SearchBudget = SearchBudget(simulatedSeconds: 250),
    benchmark: any Evaluator<UInt16> = Lookup(base: OneMaxEvaluator())
  ) -> Experiment<ToySpace> {
    let area = AssistedEvolution(
      proxySamples: 12, evolution: RegularizedEvolution(populationSize: 4))
    var specification = toySpecification(area, budget: budget)
    specification.evaluators = [.benchmark: benchmark, .proxy: Lookup(base: LowBitsProxy())]
    return Experiment(
      specification: specification, seed: 7, runs: runs, output: output,
      configJSON: .object([("toy", .int(2))]))
  }

  func journalLines(_ directory: URL) throws -> [String] {
    try String(contentsOf: ExperimentFolder(directory: directory).journalURL, encoding: .utf8)
      .split(separator: "\n").map(String.init)
  }

  /// The rows of `history.csv` of `run`, wall times included.
  func historyRows(_ directory: URL, run: Int) throws -> [Substring] {
    try String(contentsOf: ExperimentFolder(directory: directory).historyURL, encoding: .utf8)
      .split(separator: "\n").filter { $0.hasPrefix("\(run),") }
  }

  @Test func aLookupRunJournalsOneLineWithItsEvaluations() throws {
    let directory = temporaryExperimentDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outcomes = try lookupExperiment(directory).run(resume: false)
    let lines = try journalLines(directory)
    #expect(lines.count == outcomes.count)
    let contents = try Journal.read(ExperimentFolder(directory: directory).journalURL)
    #expect(contents.entries.isEmpty)
    for (run, outcome) in outcomes.enumerated() {
      #expect(lines[run].hasPrefix("{\"run\":\(run),\"end\":\"simulated_time\""))
      let whole = try #require(contents.wholeRuns[run])
      // The whole microseconds read back as exactly the wall times the run kept.
      #expect(whole.wallSeconds == outcome.history.map(\.wallSeconds))
      #expect(whole.simulatedSeconds == outcome.usage.simulatedSeconds)
      #expect(contents.ends[run]?.wallSeconds == outcome.usage.wallSeconds)
    }
  }

  @Test func resumedLookupRunsKeepTheirWallTimes() throws {
    let reference = temporaryExperimentDirectory()
    let output = temporaryExperimentDirectory()
    defer {
      for url in [reference, output] { try? FileManager.default.removeItem(at: url) }
    }
    _ = try lookupExperiment(reference).run(resume: false)
    // Runs 0 and 2 had ended when the process was killed; 1 and 3 had not.
    try writeInterruptedCopy(of: reference, to: output) { $0.isMultiple(of: 2) ? 1 : 0 }
    // A torn end line of run 1: dropped, and the run computed again.
    let journal = ExperimentFolder(directory: output).journalURL
    let torn = try journalLines(reference)[1].prefix(40)
    let handle = try FileHandle(forWritingTo: journal)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(torn.utf8))
    try handle.close()

    let benchmark = Lookup(base: OneMaxEvaluator())
    _ = try lookupExperiment(output, benchmark: benchmark).run(resume: true)
    try expectSameResultFiles(reference, output)
    // The ended runs are computed again (their lookups asked again) with the wall times
    // they were journaled with.
    #expect(benchmark.calls.count.load(ordering: .relaxed) > 0)
    for run in [0, 2] {
      #expect(try historyRows(output, run: run) == historyRows(reference, run: run))
    }
    #expect(
      try journalLines(output).map { withoutWall(Substring($0)) }.sorted()
        == journalLines(reference).map { withoutWall(Substring($0)) }.sorted())
  }

  @Test func lookupRunsResumedThreeAtOnceGiveTheSameFiles() throws {
    let reference = temporaryExperimentDirectory()
    let output = temporaryExperimentDirectory()
    defer {
      for url in [reference, output] { try? FileManager.default.removeItem(at: url) }
    }
    _ = try lookupExperiment(reference, runs: 6).run(resume: false)
    try writeInterruptedCopy(of: reference, to: output) { [1, 4].contains($0) ? 1 : 0 }
    var resumed = lookupExperiment(output, runs: 6)
    resumed.concurrentRuns = 3
    _ = try resumed.run(resume: true)
    try expectSameResultFiles(reference, output)
    for run in [1, 4] {
      #expect(try historyRows(output, run: run) == historyRows(reference, run: run))
    }
    let contents = try Journal.read(ExperimentFolder(directory: output).journalURL)
    #expect(contents.wholeRuns.keys.sorted() == Array(0..<6))
    #expect(contents.entries.isEmpty)
  }

  @Test func searchesOfLookupsRunOnePerCoreByDefault() throws {
    let config = try SearchConfig.decode(
      Data(
        #"{"space": "nb201", "strategy": {"name": "naswot", "samples": 20}, "proxy": {"name": "naswot"}, "data": "synthetic"}"#
          .utf8),
      file: "test.json")
    let lookups = lookupExperiment(temporaryExperimentDirectory())
    // A score table is a lookup as much as a benchmark table is.
    #expect(lookups.specification.looksUpOnly)
    #expect(lookups.specification.recomputesExactly)
    let prepared = PreparedSearch(config: config, experiment: lookups)
    #expect(prepared.defaultConcurrentRuns == max(1, ProcessInfo.processInfo.activeProcessorCount))

    var scoring = lookups
    scoring.specification.evaluators[.proxy] = LowBitsProxy()
    #expect(!scoring.specification.looksUpOnly)
    #expect(PreparedSearch(config: config, experiment: scoring).defaultConcurrentRuns == 1)

    var timed = lookups
    timed.specification.budget = SearchBudget(wallSeconds: 60, simulatedSeconds: 250)
    #expect(timed.specification.looksUpOnly)
    #expect(!timed.specification.recomputesExactly)
  }

  @Test func aTableThatChangedSinceTheJournalIsAMismatch() throws {
    let directory = temporaryExperimentDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    _ = try lookupExperiment(directory, runs: 1).run(resume: false)
    do {
      _ = try lookupExperiment(directory, runs: 1, benchmark: Lookup(base: CostlierOneMax()))
        .run(resume: true)
      Issue.record("resumed a run journaled with another table")
    } catch {
      guard case .journalMismatch = error else {
        Issue.record("unexpected \(error)")
        return
      }
    }
  }

  @Test func aWallTimeBudgetJournalsEveryEvaluation() throws {
    let directory = temporaryExperimentDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    // A run stopped by the wall clock cannot be computed again to the same end.
    let budget = SearchBudget(wallSeconds: 3600, simulatedSeconds: 250)
    let outcome = try lookupExperiment(directory, runs: 1, budget: budget).run(resume: false)[0]
    #expect(try journalLines(directory).count == outcome.history.count + 1)
    #expect(try Journal.read(ExperimentFolder(directory: directory).journalURL).wholeRuns.isEmpty)
  }

  @Test func aRunWithEvaluationLinesGoesOnJournalingThem() throws {
    // Evaluation lines of a run, written before its evaluators looked up (or by an
    // earlier version): the resumed run replays them and journals the rest the same way.
    let reference = temporaryExperimentDirectory()
    let output = temporaryExperimentDirectory()
    defer {
      for url in [reference, output] { try? FileManager.default.removeItem(at: url) }
    }
    var computing = lookupExperiment(reference, runs: 1)
    computing.specification.evaluators = [.benchmark: OneMaxEvaluator(), .proxy: LowBitsProxy()]
    _ = try computing.run(resume: false)
    let lines = try journalLines(reference)
    try writeInterruptedCopy(of: reference, to: output) { _ in lines.count / 2 }
    let benchmark = Lookup(base: OneMaxEvaluator())
    _ = try lookupExperiment(output, runs: 1, benchmark: benchmark).run(resume: true)
    #expect(
      try journalLines(output).map { withoutWall(Substring($0)) }
        == lines.map { withoutWall(Substring($0)) })
    try expectSameResultFiles(reference, output)
  }

  @Test(arguments: [
    (#"{"run":0,"end":"completed","wall":"0.1","evaluations":2,"simulated":"3.0","walls_us":[1]}"#),
    (#"{"run":0,"end":"completed","wall":"0.1","evaluations":1,"simulated":"x","walls_us":[1]}"#),
    (#"{"run":0,"end":"completed","wall":"0.1","evaluations":1,"simulated":"3.0","walls_us":[-1]}"#),
    (#"{"run":0,"end":"completed","wall":"0.1","evaluations":1,"simulated":"3.0","walls_us":["1"]}"#),
    (#"{"run":0,"end":"completed","wall":"0.1","simulated":"3.0","walls_us":[1]}"#),
  ])
  func malformedEndsOfLookupRunsNameTheLine(line: String) throws {
    let directory = temporaryExperimentDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent("journal.jsonl")
    let good = #"{"run":1,"end":"completed","wall":"0.1"}"#
    try (good + "\n" + line + "\n").write(to: url, atomically: true, encoding: .utf8)
    do {
      _ = try Journal.read(url)
      Issue.record("read \(line)")
    } catch {
      #expect(error.description.hasPrefix("\(url.path):2: "))
    }
  }

  @Test func anEndWithWallTimesAfterEvaluationLinesIsMalformed() throws {
    let directory = temporaryExperimentDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    var computing = lookupExperiment(directory, runs: 1)
    computing.specification.evaluators = [.benchmark: OneMaxEvaluator(), .proxy: LowBitsProxy()]
    _ = try computing.run(resume: false)
    let url = ExperimentFolder(directory: directory).journalURL
    var lines = try journalLines(directory)
    let last = lines.removeLast()
    let count = lines.count
    lines.append(
      String(last.dropLast())
        + ",\"evaluations\":\(count),\"simulated\":\"1.0\",\"walls_us\":"
        + "[\(Array(repeating: "1", count: count).joined(separator: ","))]}")
    try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    do {
      _ = try Journal.read(url)
      Issue.record("read wall times after evaluation lines")
    } catch {
      #expect(error.description.hasPrefix("\(url.path):\(lines.count): "))
    }
  }
}
