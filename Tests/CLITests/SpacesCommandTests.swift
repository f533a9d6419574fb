import Foundation
import NASTestSupport
import Testing

/// `score`, `describe` and `run` for NAS-Bench-101 and NAS-Bench-NLP, through the built
/// binary.
struct SpacesCommandTests {
  var environment: [String: String] {
    get throws { ["NAS_DATA_DIR": try TestData.url("").path] }
  }

  /// The data rows of `score`'s CSV output (no header, no `#` summary lines), split.
  func rows(_ output: String) -> [[String]] {
    output.split(separator: "\n").dropFirst().filter { !$0.hasPrefix("#") }.map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  /// The reference CSV's cells, parameter counts and FLOPs (millions), read here with a
  /// plain split (CRLF lines; only the first, quoted column holds commas).
  func referenceRows() throws -> [(arch: String, params: Double, flops: Double)] {
    let text = try String(
      contentsOf: TestData.url("nasbench101/nb101_reference_dev.csv"), encoding: .utf8)
    let lines = text.split(whereSeparator: \.isNewline).map(String.init)
    let header = lines[0].split(separator: ",").map(String.init)
    let adjacency = try #require(header.firstIndex(of: "adjacency_rowmajor"))
    let ops = try #require(header.firstIndex(of: "ops"))
    let params = try #require(header.firstIndex(of: "params"))
    let flops = try #require(header.firstIndex(of: "flops"))
    // The first column (a quoted tuple) may hold commas: count fields from the right.
    return try lines.dropFirst().map { line in
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let shift = fields.count - header.count
      let a = fields[adjacency + shift]
      let o = fields[ops + shift]
      return (
        a + ":" + o, try #require(Double(fields[params + shift])),
        try #require(Double(fields[flops + shift]))
      )
    }
  }

  @Test(.requiresData) func nb101ParamsScoresOfTheReferenceCSVAreItsParameterCounts() throws {
    let csv = try TestData.url("nasbench101/nb101_reference_dev.csv").path
    let result = try CommandRunner.run(
      [
        "score", "--space", "nb101", "--proxy", "params", "--archs", csv, "--benchmark",
        "nasbench101/nb101_reference_dev.csv", "--metric", "params", "--quiet",
      ], environment: try environment)
    #expect(result.status == 0, "\(result.standardError)")
    let reference = try referenceRows()
    let scored = rows(result.standardOutput)
    #expect(scored.count == reference.count)
    for (row, expected) in zip(scored, reference) {
      #expect(row[0] == expected.arch)
      // The CSV stores millions with six decimals: exact parameter counts.
      #expect(Double(row[1]) == (expected.params * 1e6).rounded())
      #expect(Double(row[3]) == expected.params)
    }
    #expect(result.standardError.contains("# spearman(score, params)=1.0000 kendall=1.0000"))
  }

  @Test(.requiresData) func nb101NASWOTScoresRealImages() throws {
    let temporary = try TemporaryDirectory()
    let list = temporary.file("archs.txt")
    let cells = try referenceRows().prefix(3).map(\.arch)
    try (cells.joined(separator: "\n") + "\n").write(to: list, atomically: true, encoding: .utf8)
    let result = try CommandRunner.run(
      [
        "score", "--space", "nb101", "--proxy", "naswot", "--data",
        "cifar10:cifar10/cifar10_train_1864.bin", "--batch-size", "16", "--archs", list.path,
        "--benchmark", "nasbench101/nb101_reference_dev.csv", "--metric", "val_accuracy",
        "--quiet",
      ], environment: try environment)
    #expect(result.status == 0, "\(result.standardError)")
    let scored = rows(result.standardOutput)
    #expect(scored.map { $0[0] } == cells)
    for row in scored {
      // K ≤ units on every entry of a 16×16 kernel: 0 < log det K ≤ 16·log(units).
      let score = try #require(Double(row[1]))
      #expect(score > 0 && score.isFinite)
    }
  }

  @Test(.requiresData) func nlpParamsOfEveryLoggedNetworkDifferFromTheLogsByTheVocabulary() throws {
    let result = try CommandRunner.run(
      [
        "score", "--space", "nlp", "--proxy", "params", "--all", "--shard", "0/20",
        "--benchmark", "nasbench_nlp/nb_nlp_wikitext2_logs.json", "--metric", "num_params",
        "--quiet",
      ], environment: try environment)
    #expect(result.status == 0, "\(result.standardError)")
    let scored = rows(result.standardOutput)
    // 265 distinct networks, every 20th of them.
    #expect(scored.count == 14)
    for row in scored {
      // Logged: WikiText-2, 33,278 words; scored: the synthetic batch's 10,000 words.
      // Embedding (400 per word) and decoder bias (1 per word) are the only difference.
      // Rows end with score, seconds, the metric and the (empty) failure reason.
      let score = try #require(Double(row[row.count - 4]))
      let logged = try #require(Double(row[row.count - 2]))
      #expect(logged - score == Double((33_278 - 10_000) * 401))
    }
  }

  @Test(.requiresData) func describesNB101AndNLPWithTheBenchmarksCounts() throws {
    let first = try #require(try referenceRows().first)
    let nb101 = try CommandRunner.run(
      [
        "describe", "--space", "nb101", first.arch, "--benchmark",
        "nasbench101/nb101_reference_dev.csv",
      ], environment: try environment)
    #expect(nb101.status == 0, "\(nb101.standardError)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(nb101.standardOutput.utf8)) as? [String: Any])
    #expect(object["params"] as? Int == Int((first.params * 1e6).rounded()))
    let flops = try #require(object["flops"] as? Double)
    #expect(abs(flops - first.flops) < 5e-7 * max(1, first.flops))
    // The first logged run: recipe 1000000, 15,066,078 parameters on WikiText-2.
    let recipe =
      #"{"f": {"op": "linear", "input": ["x", "h_prev_0"]}, "h_new_0": {"op": "activation_tanh", "input": ["f"]}}"#
    let nlp = try CommandRunner.run(
      [
        "describe", "--space", "nlp", recipe, "--benchmark",
        "nasbench_nlp/nb_nlp_wikitext2_logs.json",
      ], environment: try environment)
    #expect(nlp.status == 0, "\(nlp.standardError)")
    let described = try #require(
      try JSONSerialization.jsonObject(with: Data(nlp.standardOutput.utf8)) as? [String: Any])
    #expect(described["params"] as? Int == 15_066_078)
    let metrics = try #require(described["metrics"] as? [String: Double])
    #expect(metrics["num_params"] == 15_066_078)
  }

  @Test(.requiresData) func nlpConfigRunsEndToEnd() throws {
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let output = directory.appendingPathComponent("out").path
    let result = try CommandRunner.run(
      [
        "run", root.appendingPathComponent("configs/nlp-rea.json").path, "--runs", "2", "--output",
        output, "--quiet",
      ], environment: try environment)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("| final_val_ppl |"))
    let runs = try CSVFile(path: output + "/runs.csv")
    #expect(runs.rows.count == 2)
    for row in runs.rows {
      let value = { (name: String) throws -> Double in try #require(runs.number(row, name)) }
      // NB-NLP architectures are JSON with commas: the quoting keeps the columns.
      #expect(row.count == runs.header.count)
      #expect(try value("fitness") == -(try value("final_val_ppl")))
      #expect(runs.field(row, "stopped_by") == "simulated_time")
      #expect(try value("simulated_seconds") >= 1_000_000)
    }
    #expect(FileManager.default.fileExists(atPath: output + "/summary.md"))
  }

  /// A CSV table in the reference format, grown until it holds every cell the search
  /// visits: each missing cell stops the run with exit code 1 and its name.
  @Test func nb101RunGrowsItsTableFromTheMissingCellErrorsAndResumes() throws {
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    let table = directory.appendingPathComponent("table.csv")
    let config = directory.appendingPathComponent("nb101.json")
    try """
    {"space": "nb101",
     "strategy": {"name": "rea", "population_size": 6, "sample_size": 3,
                  "sample_with_replacement": false},
     "benchmark": {"table": "\(table.path)", "fitness": "val_accuracy", "repeat": "random",
                   "cost": "seconds"},
     "budget": {"evaluations": 20}, "seed": 1}
    """.write(to: config, atomically: true, encoding: .utf8)
    var lines = ["adjacency_rowmajor,ops,val_accuracy,seconds"]
    var values: [String: [(accuracy: Double, seconds: Double)]] = [:]
    var next = 1.0
    func add(_ cell: String) {
      let parts = cell.split(separator: ":").map(String.init)
      // Two repeats per cell with distinct, known values.
      let runs = [(50 + next, 100 * next), (50 + next + 0.5, 100 * next + 7)]
      next += 1
      values[cell] = runs
      for run in runs { lines.append("\(parts[0]),\(parts[1]),\(run.0),\(run.1)") }
    }
    let output = directory.appendingPathComponent("out").path
    var finished: CommandRunner.Result?
    for _ in 0..<100 {
      try (lines.joined(separator: "\n") + "\n").write(to: table, atomically: true, encoding: .utf8)
      try? FileManager.default.removeItem(atPath: output)
      let result = try CommandRunner.run(["run", config.path, "--output", output, "--quiet"])
      if result.status == 0 {
        finished = result
        break
      }
      #expect(result.status == 1, "\(result.standardError)")
      let message = result.standardError
      let missing = try #require(message.split(separator: "'").dropFirst().first.map(String.init))
      #expect(message.contains("is not in the benchmark table (table.csv:val_accuracy)"))
      add(missing)
    }
    #expect(finished != nil)
    let history = try String(contentsOfFile: output + "/history.csv", encoding: .utf8)
      .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
    #expect(history.count == 20)
    var simulated = 0.0
    // Every repeat's accuracy is distinct, so the fitness names the repeat drawn (the
    // visited cell may be another unpruned form of a tabulated network); its cost must
    // be that repeat's.
    let repeats = values.values.flatMap { $0 }
    for row in history {
      let fitness = try #require(Double(row[5]))
      let drawn = try #require(repeats.first { $0.accuracy == fitness }, "\(row)")
      simulated += drawn.seconds
      #expect(abs(try #require(Double(row[9])) - simulated) < 1e-6)
    }
    // Resume from the first 9 evaluations: the same history.
    let resumed = directory.appendingPathComponent("resumed").path
    try FileManager.default.createDirectory(atPath: resumed, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: output + "/experiment.json", toPath: resumed + "/experiment.json")
    let journal = try String(contentsOfFile: output + "/journal.jsonl", encoding: .utf8)
    try (journal.split(separator: "\n").prefix(9).joined(separator: "\n") + "\n").write(
      toFile: resumed + "/journal.jsonl", atomically: true, encoding: .utf8)
    let again = try CommandRunner.run([
      "run", config.path, "--output", resumed, "--resume", "--quiet",
    ])
    #expect(again.status == 0, "\(again.standardError)")
    let strip = { (path: String) in
      try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
        $0.split(separator: ",", omittingEmptySubsequences: false).enumerated()
          .filter { $0.offset != 8 }.map(\.element).joined(separator: ",")
      }
    }
    #expect(try strip(resumed + "/history.csv") == strip(output + "/history.csv"))
  }

  @Test func nb101AndNLPConfigErrorsExitWithTwoAndNameTheKey() throws {
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    let cases = [
      (
        #"{"space": "nb101", "strategy": {"name": "random"}, "budget": {"evaluations": 2}, "benchmark": {"table": "t.csv", "fitness": "val_accuracy", "repeat": "one"}}"#,
        "bad.json: benchmark.repeat: expected \"mean\" or \"random\""
      ),
      (
        #"{"space": "nlp", "strategy": {"name": "random"}, "budget": {"evaluations": 2}, "benchmark": {"table": "/no/logs.json", "fitness": "final_val_ppl"}}"#,
        "bad.json: benchmark.table: file not found"
      ),
      (
        #"{"space": "nb101", "strategy": {"name": "random"}, "budget": {"evaluations": 2}, "benchmark": {"table": "/no/nasbench_only108.tfrecord", "fitness": "validation_accuracy"}}"#,
        "(the official file: https://storage.googleapis.com/nasbench/nasbench_only108.tfrecord"
      ),
      (
        #"{"space": "nb201", "strategy": {"name": "random"}, "budget": {"evaluations": 2}, "benchmark": {"table": "t.csv", "fitness": "x", "repeat": "random"}}"#,
        "bad.json: benchmark.repeat: not used for nb201"
      ),
    ]
    for (text, message) in cases {
      let config = directory.appendingPathComponent("bad.json")
      try text.write(to: config, atomically: true, encoding: .utf8)
      let result = try CommandRunner.run(["run", config.path, "--output", directory.path + "/o"])
      #expect(result.status == 2, "\(text)")
      #expect(result.standardError.contains(message), "\(result.standardError)")
    }
  }
}
