import Foundation
import NASCommandLine
import NASTestSupport
import Proxies
import Search
import Testing

/// A space, a proxy and a strategy defined in this test target and registered at run
/// time, with no file under Sources/ naming them, then used through the command line
/// (in-process) as a user's own tool would.
@Suite(.serialized) struct RegistrationTests {
  init() { #expect(Toys.registered) }

  /// Every six-bit string with accuracy = its number of ones and cost 1.
  func writeBenchmark(in directory: URL) throws -> URL {
    let url = directory.appendingPathComponent("bits.csv")
    let space = BitStringSpace()
    let rows = (0..<64).map { value in
      "\(space.canonicalString(UInt8(value))),\(UInt8(value).nonzeroBitCount),1"
    }
    try (["arch,accuracy,cost"] + rows).joined(separator: "\n").write(
      to: url, atomically: true, encoding: .utf8)
    return url
  }

  @Test func listShowsTheRegisteredToys() {
    #expect(SpaceRegistry.names.contains("bits6"))
    #expect(ProxyRegistry.names.contains("ones"))
    #expect(StrategyRegistry.names.contains("hill-climb"))
  }

  @Test func scoreWritesATableOfTheToySpace() throws {
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    let output = directory.appendingPathComponent("scores.csv")
    let status = NASSearch.main([
      "score", "--space", "bits6", "--proxy", "ones", "--all", "--output", output.path, "--quiet",
    ])
    #expect(status == 0)
    let table = try ScoreTable.read(output)
    #expect(table.rows.count == 64)
    #expect(table.metadata("space") == "bits6")
    for row in table.rows {
      let ones = row.architecture.filter { $0 == "1" }.count
      #expect(row.score == Double(ones), "\(row.architecture)")
    }
  }

  @Test func aProxyThatDoesNotSupportTheSpaceIsAUsageError() throws {
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    let output = directory.appendingPathComponent("scores.csv")
    // naswot reads ReLU codes of image networks it builds; `ones` refuses every space
    // but bits6.
    for (space, proxy) in [("bits6", "naswot-rnn"), ("nb201", "ones")] {
      let status = NASSearch.main([
        "score", "--space", space, "--proxy", proxy, "--all", "--output", output.path, "--quiet",
      ])
      #expect(status == 2, "\(space) \(proxy)")
      #expect(!FileManager.default.fileExists(atPath: output.path), "no work before the check")
    }
  }

  @Test func runSearchesTheToySpaceWithTheToyStrategy() throws {
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    let benchmark = try writeBenchmark(in: directory)
    let config = directory.appendingPathComponent("toy.json")
    let output = directory.appendingPathComponent("run")
    try """
    {"space": "bits6", "strategy": {"name": "hill-climb"},
     "benchmark": {"table": "\(benchmark.path)", "fitness": "accuracy", "cost": "cost"},
     "budget": {"evaluations": 60}, "seed": 3, "runs": 2}
    """.write(to: config, atomically: true, encoding: .utf8)
    let status = NASSearch.main(["run", config.path, "--output", output.path, "--quiet"])
    #expect(status == 0)
    let text = try String(contentsOf: output.appendingPathComponent("runs.csv"), encoding: .utf8)
    let records = try RunsCSV.records(text)
    #expect(records.map(\.run) == [0, 1])
    #expect(records.map(\.seed) == [3, 4])
    // Hill climbing on the number of ones reaches the all-ones string, the only
    // architecture with accuracy 6.
    #expect(records.map(\.bestArchitecture) == ["111111", "111111"])
    let manifest = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: output.appendingPathComponent("experiment.json"))) as? [String: Any])
    #expect(manifest["strategy"] as? String == "hill-climb")
  }

  @Test func aStrategyParameterTheToyDoesNotTakeIsAConfigError() throws {
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    let benchmark = try writeBenchmark(in: directory)
    let config = directory.appendingPathComponent("toy.json")
    try """
    {"space": "bits6", "strategy": {"name": "hill-climb", "population_size": 5},
     "benchmark": {"table": "\(benchmark.path)", "fitness": "accuracy"},
     "budget": {"evaluations": 10}}
    """.write(to: config, atomically: true, encoding: .utf8)
    let status = NASSearch.main([
      "run", config.path, "--output", directory.appendingPathComponent("run").path, "--quiet",
    ])
    #expect(status == 2)
  }
}
