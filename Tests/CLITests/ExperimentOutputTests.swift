import Foundation
import NASTestSupport
import Testing

/// `nas-search run`'s output directory: one experiment per folder, `runs.csv`, run
/// ranges and `merge-runs`, deterministic live-proxy costs.
struct ExperimentOutputTests {
  var rea: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("configs/nb201-rea-cifar10.json").path
  }

  var environment: [String: String] {
    get throws { ["NAS_DATA_DIR": try TestData.url("").path] }
  }

  @Test(.requiresData) func aFolderHoldsOneExperiment() throws {
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    let output = directory.appendingPathComponent("out").path
    let base = ["run", rea, "--output", output, "--quiet"]
    let one = try CommandRunner.run(base + ["--runs", "1"], environment: environment)
    #expect(one.status == 0, "\(one.standardError)")
    let three = try CommandRunner.run(base + ["--runs", "3"], environment: environment)
    #expect(three.status == 2)
    #expect(three.standardError.contains("already holds best_so_far.svg, experiment.json"))
    let resumed = try CommandRunner.run(
      base + ["--runs", "3", "--resume"], environment: environment)
    #expect(resumed.status == 2)
    #expect(
      resumed.standardError.contains("runs: 1 in the folder, 3 now"), "\(resumed.standardError)")
    let seed = try CommandRunner.run(
      base + ["--runs", "1", "--seed", "5", "--resume"], environment: environment)
    #expect(
      seed.standardError.contains("config.seed: 0 in the folder, 5 now"), "\(seed.standardError)")
    // The same experiment resumes (it is finished: the same files again).
    let again = try CommandRunner.run(base + ["--runs", "1", "--resume"], environment: environment)
    #expect(again.status == 0, "\(again.standardError)")
  }

  /// runs.csv has one row per run, in plain CSV.
  ///
  /// Every metric of the best cell is the NB201 table's value, and the seed of run r is
  /// seed + r. experiment.json's seed is a number.
  @Test(.requiresData) func runsCSVHasARowPerRunWithTheBenchmarkColumns() throws {
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    let output = directory.appendingPathComponent("out").path
    let result = try CommandRunner.run(
      ["run", rea, "--runs", "4", "--seed", "10", "--output", output, "--quiet"],
      environment: environment)
    #expect(result.status == 0, "\(result.standardError)")
    let runs = try CSVFile(path: output + "/runs.csv")
    #expect(runs.rows.count == 4)
    #expect(runs.rows.allSatisfy { $0.count == runs.header.count })
    #expect(runs.column("run") == ["0", "1", "2", "3"])
    #expect(runs.column("seed") == ["10", "11", "12", "13"])
    #expect(runs.column("stopped_by") == Array(repeating: "simulated_time", count: 4))
    // The table has no quoted fields: plain splitting reads it.
    let tableText = try String(
      contentsOf: try TestData.url("nasbench201/nb201_200epoch.csv"), encoding: .utf8)
    let tableLines = tableText.split(separator: "\n")
    let tableHeader = try #require(tableLines.first).split(separator: ",").map(String.init)
    for row in runs.rows {
      let arch = try #require(runs.field(row, "best_arch"))
      let line = try #require(tableLines.first { $0.contains("," + arch + ",") })
      let tableRow = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      for name in ["cifar10_test_acc", "cifar100_test_acc", "imagenet16_test_acc"] {
        let ours = try #require(runs.number(row, name))
        let column = try #require(tableHeader.firstIndex(of: name))
        #expect(ours == Double(tableRow[column]), "\(name) of \(arch)")
      }
      #expect(try #require(runs.number(row, "simulated_seconds")) >= 12_000)
    }
    let manifest = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: output + "/experiment.json")))
        as? [String: Any])
    #expect(manifest["seed"] as? Int == 10)
    #expect(manifest["run_range"] as? [Int] == [0, 4])
  }

  /// Six runs computed as three ranges (by --run-range and --shard) and merged equal one
  /// process computing all six, except for wall times.
  @Test(.requiresData) func shardsMergeToTheUnsplitOutput() throws {
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    let path = { (name: String) in directory.appendingPathComponent(name).path }
    let base = ["run", rea, "--runs", "6", "--quiet", "--output"]
    var status = try CommandRunner.run(base + [path("whole")], environment: environment).status
    #expect(status == 0)
    for (name, selection) in [
      ("a", ["--run-range", "0..<2"]), ("b", ["--shard", "1/3"]), ("c", ["--shard", "2/3"]),
    ] {
      let result = try CommandRunner.run(base + [path(name)] + selection, environment: environment)
      #expect(result.status == 0, "\(result.standardError)")
    }
    #expect(try CSVFile(path: path("b") + "/runs.csv").column("run") == ["2", "3"])
    status = try CommandRunner.run(
      ["merge-runs", path("c"), path("a"), path("b"), "--output", path("merged")]
    ).status
    #expect(status == 0)
    for name in ["history.csv", "runs.csv"] {
      #expect(
        try CSVFile(path: path("merged") + "/" + name).lines(without: "wall_seconds")
          == CSVFile(path: path("whole") + "/" + name).lines(without: "wall_seconds"), "\(name)")
    }
    let text = { (file: String) in try String(contentsOfFile: file, encoding: .utf8) }
    for name in ["summary.md", "best_so_far.svg", "experiment.json"] {
      #expect(try text(path("merged") + "/" + name) == text(path("whole") + "/" + name), "\(name)")
    }
    // Overlapping ranges are refused.
    let overlap = try CommandRunner.run(
      ["merge-runs", path("a"), path("merged"), "--output", path("bad")])
    #expect(overlap.status == 2)
    #expect(overlap.standardError.contains("overlap"))
  }

  @Test func badRunRangesAreUsageErrors() throws {
    for selection in [["--run-range", "3..<2"], ["--run-range", "0..<501"], ["--shard", "3/3"]] {
      let result = try CommandRunner.run(["run", rea, "--quiet"] + selection)
      #expect(result.status == 2, "\(selection)")
    }
  }

  /// A live proxy (no score table) charges a fixed cost per evaluation: 1 s by default,
  /// `proxy.cost_seconds` when given; so the simulated clock counts evaluations exactly.
  @Test func liveProxyEvaluationsChargeAFixedCost() throws {
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    for (cost, extra) in [(1.0, ""), (0.25, #", "cost_seconds": 0.25"#)] {
      let config = directory.appendingPathComponent("live-\(cost).json")
      try """
      {"space": "nb201", "strategy": {"name": "naswot", "samples": 3},
       "proxy": {"name": "params", "batch_size": 2\(extra)}, "runs": 2}
      """.write(to: config, atomically: true, encoding: .utf8)
      let output = directory.appendingPathComponent("out-\(cost)").path
      let result = try CommandRunner.run(["run", config.path, "--output", output, "--quiet"])
      #expect(result.status == 0, "\(result.standardError)")
      let history = try CSVFile(path: output + "/history.csv")
      let expected = [1.0, 2, 3, 1, 2, 3].map { String($0 * cost) }
      #expect(history.column("simulated_seconds") == expected)
    }
  }
}
