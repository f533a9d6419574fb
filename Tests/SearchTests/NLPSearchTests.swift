import Foundation
import NASTestSupport
import SearchSpace
import Testing

@testable import Search

/// NB-NLP searches over the released WikiText-2 logs: the space is the logged networks,
/// fitness the final validation perplexity (minimised), cost the logged wall time.
struct NLPSearchTests {
  /// Final validation perplexity and total wall time of each completed run, read from
  /// the log file with JSONSerialization (independently of the package's decoder), keyed
  /// by the network's identity.
  static func loggedResults() throws -> [String: [(perplexity: Double, seconds: Double)]] {
    let text = try String(
      contentsOf: TestData.url("nasbench_nlp/nb_nlp_wikitext2_logs.json"), encoding: .utf8)
    // Python's json module writes NaN for the diverged epochs; JSON has no such token.
    let data = Data(text.replacingOccurrences(of: "NaN", with: "null").utf8)
    let runs = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    let space = NLPSpace()
    var results: [String: [(Double, Double)]] = [:]
    for run in runs where run["status"] as? String == "OK" {
      let recipe = try JSONSerialization.data(withJSONObject: run["recepie"] as Any)
      let cell = try space.parse(String(decoding: recipe, as: UTF8.self))
      let losses = try #require(run["val_losses"] as? [Any]).compactMap { $0 as? Double }
      let times = try #require(run["wall_times"] as? [Any]).compactMap { $0 as? Double }
      let perplexity = exp(try #require(losses.last))
      results[space.identityHash(cell), default: []].append((perplexity, times.reduce(0, +)))
    }
    return results
  }

  static func config(_ strategy: String, budget: String = #"{"evaluations": 40}"#) throws
    -> SearchConfig
  {
    let text = """
      {"space": "nlp", "strategy": \(strategy),
       "benchmark": {"table": "nasbench_nlp/nb_nlp_wikitext2_logs.json",
                     "fitness": "final_val_ppl", "minimize": true, "cost": "total_wall_time_s",
                     "plot": "final_test_ppl"},
       "budget": \(budget), "seed": 3, "runs": 3}
      """
    return try SearchConfig.decode(Data(text.utf8), file: "nlp-test.json")
  }

  @Test(
    .requiresData,
    arguments: [
      #"{"name": "random"}"#,
      #"{"name": "rea", "population_size": 20, "sample_size": 10, "sample_with_replacement": false}"#,
    ])
  func searchesLookUpTheLoggedPerplexityAndWallTime(strategy: String) throws {
    _ = try TestData.url("nasbench_nlp/nb_nlp_wikitext2_logs.json")
    let logged = try Self.loggedResults()
    // 341 completed runs; the package counts 265 distinct networks among all 345.
    #expect(logged.values.map(\.count).reduce(0, +) == 341)
    let outcomes = try SearchLauncher.prepare(try Self.config(strategy)).run(
      output: nil, resume: false)
    #expect(outcomes.count == 3)
    let space = NLPSpace()
    for outcome in outcomes {
      #expect(outcome.history.count == 40)
      for entry in outcome.history {
        let cell = try space.parse(entry.architecture)
        let runs = try #require(logged[space.identityHash(cell)], "not a logged network")
        let perplexity = runs.map(\.perplexity).reduce(0, +) / Double(runs.count)
        let seconds = runs.map(\.seconds).reduce(0, +) / Double(runs.count)
        #expect(abs(entry.fitness + perplexity) < 1e-9 * perplexity)
        #expect(abs(entry.simulatedCost - seconds) < 1e-6)
      }
      let best = try #require(outcome.best)
      #expect(best.fitness == outcome.history.map(\.fitness).max())
      let metrics = Dictionary(
        uniqueKeysWithValues: outcome.bestMetrics.map { ($0.name, $0.value) })
      #expect(
        abs(try #require(metrics["final_val_ppl"]) + best.fitness) < 1e-9 * metrics[
          "final_val_ppl"]!)
      #expect(metrics["final_test_ppl"] != nil && metrics["num_params"] != nil)
    }
  }

  /// The searched space is exactly the networks with a completed run (263 of 265).
  @Test(.requiresData) func theSpaceIsTheNetworksWithACompletedRun() throws {
    let logged = try Self.loggedResults()
    let outcome = try SearchLauncher.prepare(
      try Self.config(#"{"name": "random"}"#, budget: #"{"evaluations": 3000}"#)
    ).run(output: nil, resume: false)[0]
    let space = NLPSpace()
    var visited = Set<String>()
    for text in Set(outcome.history.map(\.architecture)) {
      visited.insert(space.identityHash(try space.parse(text)))
    }
    #expect(visited == Set(logged.keys))
    #expect(visited.count == 263)
  }

  @Test(.requiresData) func aSimulatedBudgetStopsAfterTheCrossingEvaluation() throws {
    let outcomes = try SearchLauncher.prepare(
      try Self.config(#"{"name": "random"}"#, budget: #"{"simulated_seconds": 100000}"#)
    ).run(output: nil, resume: false)
    for outcome in outcomes {
      let times = outcome.history.map(\.simulatedSeconds)
      #expect(times.last! >= 100_000)
      #expect(times.dropLast().allSatisfy { $0 < 100_000 })
      #expect(outcome.stopReason == .simulatedTime)
    }
  }

  @Test(.requiresData) func loggedSpaceSamplesAndMutatesWithinTheLogs() throws {
    let table = try NLPMetricTable(
      contentsOf: TestData.url("nasbench_nlp/nb_nlp_wikitext2_logs.json"))
    #expect(table.cells.count == 265)
    let space = LoggedNLPSpace(cells: table.cells)
    let identities = table.cells.map(space.identityHash)
    #expect(Set(identities).count == 265)
    let position = Dictionary(uniqueKeysWithValues: table.cells.enumerated().map { ($1, $0) })
    // Operation counts and hidden states, counted here from the recipes' nodes.
    let features = table.cells.map { cell in
      NLPOperation.allCases.map { op in cell.nodes.values.filter { $0.operation == op }.count }
        + [cell.hiddenStateCount]
    }
    let distance = { (a: Int, b: Int) in
      zip(features[a], features[b]).map { abs($0 - $1) }.reduce(0, +)
    }
    var rng = SplitMix64(seed: 11)
    for _ in 0..<100 {
      let parent = try #require(position[space.sample(using: &rng)])
      let child = try #require(position[space.mutate(table.cells[parent], using: &rng)])
      #expect(identities[child] != identities[parent])
      // No other logged network is nearer to the parent than the child.
      let nearest = table.cells.indices.filter { $0 != parent }.map { distance(parent, $0) }.min()
      #expect(distance(parent, child) == nearest)
    }
  }

  @Test(.requiresData) func resumingANLPRunGivesTheUninterruptedResult() throws {
    let prepared = try SearchLauncher.prepare(
      try Self.config(
        #"{"name": "rea", "population_size": 20, "sample_size": 10, "sample_with_replacement": false}"#
      ))
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    let reference = directory.appendingPathComponent("reference")
    let expected = try prepared.run(output: reference, resume: false)
    let output = directory.appendingPathComponent("cut")
    try writeInterruptedCopy(of: reference, to: output) { 7 + 11 * $0 }
    let resumed = try prepared.run(output: output, resume: true)
    for (a, b) in zip(resumed, expected) {
      #expect(a.history.map(\.architecture) == b.history.map(\.architecture))
      #expect(a.best?.architecture == b.best?.architecture)
      #expect(a.bestMetrics.map(\.value) == b.bestMetrics.map(\.value))
    }
  }

  @Test(.requiresData) func nlpConfigErrorsNameTheKey() throws {
    let cases: [(String, String)] = [
      (#""fitness": "val_acc""#, "benchmark.fitness"),
      (#""fitness": "final_val_ppl", "epochs": 12"#, "benchmark.epochs"),
      (#""fitness": "final_val_ppl", "cost": "seconds""#, "benchmark.cost"),
      (#""fitness": "final_val_ppl", "plot": "ppl""#, "benchmark.plot"),
    ]
    for (extra, path) in cases {
      let text = """
        {"space": "nlp", "strategy": {"name": "random"},
         "benchmark": {"table": "nasbench_nlp/nb_nlp_wikitext2_logs.json", \(extra)},
         "budget": {"evaluations": 3}}
        """
      let error = #expect(throws: ConfigError.self) {
        _ = try SearchLauncher.prepare(
          try SearchConfig.decode(Data(text.utf8), file: "b.json"), file: "b.json")
      }
      #expect(error?.path == path, "\(extra): \(String(describing: error))")
    }
  }
}
