import Foundation
import NASTestSupport
import SearchSpace
import TabularBenchmarks
import Testing

@testable import Search

/// NB101 searches end to end over a small official-format TFRecord written here: the
/// table is grown until it holds every cell the search visits (a missing cell stops the
/// run with an error naming it), then every number of the run is checked against the
/// repeats written into the file.
struct NB101SearchTests {
  /// One training repeat: validation and test accuracy, training time.
  struct Repeat: Equatable {
    var validation: Double
    var test: Double
    var time: Double
  }

  /// A grown table: cell → its three repeats, keyed by module hash.
  final class GrowingTable {
    var repeats: [MD5Digest: (cell: NB101Cell, runs: [Repeat])] = [:]
    var order: [MD5Digest] = []
    var rng = SplitMix64(seed: 2024)

    /// Adds `cell` with three random repeats.
    func add(_ cell: NB101Cell) throws {
      let hash = try cell.moduleHash()
      guard repeats[hash] == nil else { return }
      let runs = (0..<3).map { _ in
        Repeat(
          validation: 0.80 + 0.15 * rng.nextUnitDouble(), test: 0.80 + 0.15 * rng.nextUnitDouble(),
          time: 1_000 + 2_000 * rng.nextUnitDouble())
      }
      repeats[hash] = (try cell.pruned(), runs)
      order.append(hash)
    }

    /// Writes the table as an official TFRecord (one record per repeat, 108 epochs).
    func write(to url: URL) throws {
      var writer = TFRecordWriter()
      for hash in order {
        guard let (cell, runs) = repeats[hash] else { continue }
        for run in runs {
          let metrics = NB101ModelMetrics(
            evaluations: [
              NB101Evaluation(
                currentEpoch: 0, trainingTime: 0, trainAccuracy: 0.1, validationAccuracy: 0.1,
                testAccuracy: 0.1),
              NB101Evaluation(
                currentEpoch: 54, trainingTime: run.time / 2, trainAccuracy: 0.7,
                validationAccuracy: run.validation - 0.1, testAccuracy: run.test - 0.1),
              NB101Evaluation(
                currentEpoch: 108, trainingTime: run.time, trainAccuracy: 1,
                validationAccuracy: run.validation, testAccuracy: run.test),
            ],
            trainableParameters: 1_000 + cell.edgeCount, totalTime: run.time + 5)
          writer.append(
            NB101Record(moduleHash: hash, epochs: 108, cell: cell, metrics: metrics).jsonEncoded())
        }
      }
      try writer.write(to: url)
    }
  }

  static func config(table: String, repeatMode: String = "random") throws -> SearchConfig {
    let text = """
      {"space": "nb101",
       "strategy": {"name": "rea", "population_size": 8, "sample_size": 4,
                    "sample_with_replacement": false},
       "benchmark": {"table": "\(table)", "epochs": 108, "fitness": "validation_accuracy",
                     "repeat": "\(repeatMode)", "cost": "training_time", "plot": "test_accuracy"},
       "budget": {"evaluations": 30}, "seed": 5, "runs": 2}
      """
    return try SearchConfig.decode(Data(text.utf8), file: "nb101-test.json")
  }

  /// Runs until the table holds every cell the search asks for; returns the table and
  /// the outcomes of the last, complete run.
  static func grownTable(in directory: URL, repeatMode: String = "random") throws -> (
    GrowingTable, URL, [RunOutcome]
  ) {
    let table = GrowingTable()
    try table.add(NB101Space().sample(using: &table.rng))
    let url = directory.appendingPathComponent("nb101.tfrecord")
    for _ in 0..<200 {
      try table.write(to: url)
      let prepared = try SearchLauncher.prepare(try config(table: url.path, repeatMode: repeatMode))
      let result = Result { () throws(SearchInterruption) -> [RunOutcome] in
        try prepared.run(output: nil, resume: false)
      }
      switch result {
      case .success(let outcomes):
        return (table, url, outcomes)
      case .failure(.evaluationFailed(let error)):
        // "'ADJ:OPS' is not in the benchmark table (...)": add that cell and rerun.
        let parts = error.message.split(separator: "'", maxSplits: 2)
        #expect(error.message.contains("is not in the benchmark table (nb101.tfrecord:"))
        try table.add(try NB101Cell(parsing: parts[0]))
      case .failure(let other):
        throw other
      }
    }
    Issue.record("the table did not converge")
    throw EvaluationError("no convergence")
  }

  @Test func reaOverTheOfficialFormatChargesAndReportsTheDrawnRepeats() throws {
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    let (table, _, outcomes) = try Self.grownTable(in: directory)
    #expect(outcomes.count == 2)
    var drewDifferentRepeats = false
    for outcome in outcomes {
      #expect(outcome.history.count == 30)
      var simulated = 0.0
      for entry in outcome.history {
        let cell = try NB101Cell(parsing: entry.architecture)
        let runs = try #require(table.repeats[try cell.moduleHash()]).runs
        // Fitness and cost come from the same repeat.
        let drawn = runs.firstIndex { $0.validation == entry.fitness }
        #expect(drawn != nil, "\(entry.architecture): \(entry.fitness)")
        if let drawn { #expect(entry.simulatedCost == runs[drawn].time) }
        simulated += entry.simulatedCost
        #expect(abs(entry.simulatedSeconds - simulated) < 1e-6)
      }
      let best = try #require(outcome.best)
      #expect(best.fitness == outcome.history.map(\.fitness).max())
      let cell = try NB101Cell(parsing: best.architecture)
      let runs = try #require(table.repeats[try cell.moduleHash()]).runs
      let metrics = Dictionary(
        uniqueKeysWithValues: outcome.bestMetrics.map { ($0.name, $0.value) })
      #expect(
        abs(metrics["validation_accuracy"]! - runs.map(\.validation).reduce(0, +) / 3) < 1e-12)
      #expect(abs(metrics["test_accuracy"]! - runs.map(\.test).reduce(0, +) / 3) < 1e-12)
      #expect(metrics["trainable_parameters"] == Double(1_000 + (try cell.pruned()).edgeCount))
      drewDifferentRepeats = drewDifferentRepeats || best.fitness != metrics["validation_accuracy"]
    }
    // The two runs (seeds 5 and 6) search differently.
    #expect(outcomes[0].history.map(\.architecture) != outcomes[1].history.map(\.architecture))
    #expect(drewDifferentRepeats)
  }

  @Test func meanRepeatsGiveTheMeanAsFitness() throws {
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    let (table, _, outcomes) = try Self.grownTable(in: directory, repeatMode: "mean")
    for outcome in outcomes {
      #expect(outcome.history.count == 30)
      for entry in outcome.history {
        let runs = table.repeats[try NB101Cell(parsing: entry.architecture).moduleHash()]!.runs
        #expect(abs(entry.fitness - runs.map(\.validation).reduce(0, +) / 3) < 1e-12)
        #expect(abs(entry.simulatedCost - runs.map(\.time).reduce(0, +) / 3) < 1e-9)
      }
    }
  }

  @Test func resumingFromATruncatedJournalGivesTheUninterruptedRun() throws {
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    let (_, url, _) = try Self.grownTable(in: directory)
    let prepared = try SearchLauncher.prepare(try Self.config(table: url.path))
    let reference = directory.appendingPathComponent("reference")
    let expected = try prepared.run(output: reference, resume: false)
    for cut in [1, 9, 22] {
      let output = directory.appendingPathComponent("cut-\(cut)")
      // Run 0 cut after `cut` evaluations, run 1 complete (30 evaluations and its end).
      try writeInterruptedCopy(of: reference, to: output) { $0 == 0 ? cut : 31 }
      let resumed = try prepared.run(output: output, resume: true)
      for (a, b) in zip(resumed, expected) {
        #expect(a.history.map(\.architecture) == b.history.map(\.architecture))
        #expect(a.history.map(\.fitness) == b.history.map(\.fitness))
        #expect(a.best?.architecture == b.best?.architecture)
      }
    }
  }

  @Test func nb101ConfigErrorsNameTheKey() throws {
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    let table = GrowingTable()
    try table.add(NB101Space().sample(using: &table.rng))
    let url = directory.appendingPathComponent("one.tfrecord")
    try table.write(to: url)
    let cases: [(String, String)] = [
      (#""fitness": "validation_accuracy", "fidelity_table": "x.csv""#, "benchmark.fidelity_table"),
      (#""fitness": "validation_accuracy", "repeat": "median""#, "benchmark.repeat"),
      (#""fitness": "accuracy""#, "benchmark.fitness"),
      (#""fitness": "validation_accuracy", "epochs": 12"#, "benchmark.table"),
      (#""fitness": "validation_accuracy", "cost": "seconds""#, "benchmark.cost"),
    ]
    for (extra, path) in cases {
      let text = """
        {"space": "nb101", "strategy": {"name": "random"},
         "benchmark": {"table": "\(url.path)", \(extra)},
         "budget": {"evaluations": 3}}
        """
      let error = #expect(throws: ConfigError.self) {
        let config = try SearchConfig.decode(Data(text.utf8), file: "bad.json")
        _ = try SearchLauncher.prepare(config, file: "bad.json")
      }
      #expect(error?.path == path, "\(extra): \(String(describing: error))")
      #expect(error?.file == "bad.json")
    }
  }
}
