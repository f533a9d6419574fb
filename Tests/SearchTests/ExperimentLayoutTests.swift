import Foundation
import Testing

@testable import Search

/// One experiment per directory: refusals, run ranges and their merge, and the files'
/// contents.
struct ExperimentLayoutTests {
  func conflict(_ body: () throws -> Void) -> String? {
    do {
      try body()
    } catch let error as SearchInterruption {
      if case .outputConflict(let message) = error { return message }
    } catch {}
    return nil
  }

  @Test func anotherRunCountInTheSameFolderIsRefusedNamingWhatIsThere() throws {
    let directory = temporaryExperimentDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    _ = try toyExperiment(directory, runs: 1).run(resume: false)
    let fresh = conflict { _ = try toyExperiment(directory, runs: 3).run(resume: false) }
    #expect(
      fresh?.contains("already holds best_so_far.svg, experiment.json") == true, "\(fresh ?? "")")
    let resumed = conflict { _ = try toyExperiment(directory, runs: 3).run(resume: true) }
    #expect(resumed?.contains("runs: 1 in the folder, 3 now") == true, "\(resumed ?? "")")
    // Nothing was touched: the folder still holds the one-run experiment.
    let runs = try String(
      contentsOf: ExperimentFolder(directory: directory).runsURL, encoding: .utf8)
    #expect(runs.split(separator: "\n").count == 2)
  }

  @Test func resumingFewerRunsOrAnotherRangeOrAFolderWithStrayFilesIsRefused() throws {
    let directory = temporaryExperimentDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    _ = try toyExperiment(directory, runs: 5).run(resume: false)
    let fewer = conflict { _ = try toyExperiment(directory, runs: 2).run(resume: true) }
    #expect(fewer?.contains("runs: 5 in the folder, 2 now") == true, "\(fewer ?? "")")
    let range = conflict {
      _ = try toyExperiment(directory, runs: 5, range: 0..<2).run(resume: true)
    }
    #expect(range?.contains("run range: 0..<5 in the folder, 0..<2 now") == true)
    try "x".write(
      to: directory.appendingPathComponent("run-000"), atomically: true, encoding: .utf8)
    let stray = conflict { _ = try toyExperiment(directory, runs: 5).run(resume: true) }
    #expect(stray?.contains("also holds run-000") == true, "\(stray ?? "")")
  }

  @Test func threeRunRangesMergeIntoTheFilesOfOneProcess() throws {
    let root = temporaryExperimentDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let whole = root.appendingPathComponent("whole")
    _ = try toyExperiment(whole, runs: 6).run(resume: false)
    var parts: [URL] = []
    // Listed out of order: the merge sorts by range.
    for range in [2..<4, 0..<2, 4..<6] {
      let part = root.appendingPathComponent("part-\(range.lowerBound)")
      let outcomes = try toyExperiment(part, runs: 6, range: range).run(resume: false)
      #expect(outcomes.map(\.seed) == range.map { 42 + UInt64($0) })
      parts.append(part)
    }
    let merged = root.appendingPathComponent("merged")
    let manifest = try ExperimentMerge.merge(parts, into: merged)
    #expect(manifest.runRange == 0..<6)
    try expectSameResultFiles(whole, merged)
    let a = ExperimentFolder(directory: whole)
    let b = ExperimentFolder(directory: merged)
    func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }
    #expect(
      try text(a.journalURL).split(separator: "\n").map(withoutWall)
        == text(b.journalURL).split(separator: "\n").map(withoutWall))
    // The merged folder is a finished experiment: resuming it recomputes the same runs.
    let resumed = try toyExperiment(merged, runs: 6).run(resume: true)
    #expect(resumed.count == 6)
  }

  @Test func rangesWithAGapOrAnotherSeedDoNotMerge() throws {
    let root = temporaryExperimentDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let first = root.appendingPathComponent("a")
    let gap = root.appendingPathComponent("b")
    let seed = root.appendingPathComponent("c")
    _ = try toyExperiment(first, runs: 6, range: 0..<2).run(resume: false)
    _ = try toyExperiment(gap, runs: 6, range: 3..<6).run(resume: false)
    _ = try toyExperiment(seed, runs: 6, seed: 7, range: 2..<6).run(resume: false)
    #expect(throws: EvaluationError.self) {
      try ExperimentMerge.merge([first, gap], into: root.appendingPathComponent("m1"))
    }
    #expect(throws: EvaluationError.self) {
      try ExperimentMerge.merge([first, seed], into: root.appendingPathComponent("m2"))
    }
  }

  /// AREA's warm-up evaluates the proxy only: until the first benchmark evaluation no
  /// best-so-far exists, and its cells are empty (not `nan`).
  @Test func areaWarmUpRowsHaveEmptyBestSoFarCells() throws {
    let directory = temporaryExperimentDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outcome = try toyExperiment(directory).run(resume: false)[0]
    let rows = try String(
      contentsOf: ExperimentFolder(directory: directory).historyURL, encoding: .utf8
    ).split(separator: "\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    #expect(!rows.joined().contains("nan"))
    for (row, entry) in zip(rows, outcome.history) {
      let seen = outcome.history.prefix(entry.index + 1).contains { $0.source == .benchmark }
      #expect((row[6] == "") == !seen, "\(row)")
      #expect((row[7] == "") == !seen, "\(row)")
    }
    // The toy AREA scores 12 proxy samples first.
    #expect(rows.prefix(12).allSatisfy { $0[4] == "proxy" && $0[7] == "" })
  }

  @Test func runsCSVReadsBackToTheSameRecords() throws {
    let directory = temporaryExperimentDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outcomes = try toyExperiment(directory, runs: 3).run(resume: false)
    let text = try String(
      contentsOf: ExperimentFolder(directory: directory).runsURL, encoding: .utf8)
    let records = try RunsCSV.records(text)
    #expect(RunsCSV.text(records) == text)
    for (record, outcome) in zip(records, outcomes) {
      #expect(record.seed == outcome.seed)
      #expect(record.bestArchitecture == outcome.best?.architecture)
      #expect(record.fitness == outcome.best?.fitness)
      #expect(record.proxyScore == outcome.bestProxyScore)
      #expect(record.metric("ones") == outcome.metric("ones"))
      #expect(record.evaluations == outcome.history.count)
      #expect(record.stoppedBy == "simulated_time")
    }
  }

  @Test func csvFieldsUndoQuoting() {
    let values = ["plain", "a,b", "say \"hi\"", "", "{\"k\": [1, 2]}"]
    let line = values.map(CSVText.field).joined(separator: ",")
    #expect(CSVText.fields(Substring(line)) == values)
  }
}
