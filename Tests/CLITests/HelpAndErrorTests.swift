import Foundation
import NASTestSupport
import Testing

struct HelpAndErrorTests {
  @Test func versionAndHelpGoToStandardOutputWithExitZero() throws {
    let version = try CommandRunner.run(["--version"])
    #expect(version.status == 0)
    #expect(!version.standardOutput.isEmpty)
    let help = try CommandRunner.run(["--help"])
    #expect(help.status == 0)
    #expect(help.standardOutput.contains("USAGE: nas-search <subcommand>"))
    for command in ["list", "sample", "describe", "merge"] {
      #expect(help.standardOutput.contains("  \(command) "), "\(command) missing from --help")
      let sub = try CommandRunner.run([command, "--help"])
      #expect(sub.status == 0)
      #expect(sub.standardOutput.contains("USAGE: nas-search \(command)"))
      #expect(try CommandRunner.run(["help", command]).standardOutput == sub.standardOutput)
    }
  }

  @Test(arguments: [
    (["frobnicate"], "unknown subcommand 'frobnicate'"),
    (["sample", "--space"], "'--space' needs a value"),
    (["sample", "--space", "nb999"], "unknown space 'nb999'"),
    (["sample", "--colour", "red"], "unknown option '--colour'"),
    (["sample", "--space", "nb201", "--count", "-5"], "'--count' expects an integer"),
    (["sample", "--space", "nb201", "--seed", "x"], "'--seed' expects a non-negative integer"),
    (["merge"], "needs at least one shard file"),
  ])
  func usageErrorsExitWithTwoAndSayWhatIsWrong(_ arguments: [String], _ message: String) throws {
    let result = try CommandRunner.run(arguments)
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError.hasPrefix("Error: "))
    #expect(result.standardError.contains(message), "\(result.standardError)")
  }

  @Test func mergeOfAMissingFileNamesIt() throws {
    let result = try CommandRunner.run(["merge", "/nonexistent/shard-0.csv"])
    #expect(result.status == 2)
    #expect(result.standardError.contains("/nonexistent/shard-0.csv"))
  }
}

struct ScoreCommandTests {
  let cells = [
    "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|",
    "|none~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|",
  ]

  @Test func scoresArchitecturesOnTheSyntheticBatchDeterministically() throws {
    let arguments =
      ["score", "--space", "nb201", "--proxy", "naswot", "--batch-size", "8", "--quiet"] + cells
    let first = try CommandRunner.run(arguments)
    #expect(first.status == 0, "\(first.standardError)")
    let lines = first.standardOutput.split(separator: "\n").map(String.init)
    // Plain CSV on stdout (the summary goes to stderr), the same columns on every row.
    #expect(lines.first == "arch,score,seconds,failure")
    #expect(lines.count == 1 + cells.count)
    #expect(first.standardError.contains("# architectures=2"))
    let second = try CommandRunner.run(arguments)
    let scores = { (text: String) in
      text.split(separator: "\n").dropFirst().prefix(2).map { $0.split(separator: ",")[1] }
    }
    #expect(scores(first.standardOutput) == scores(second.standardOutput))
  }

  @Test func scoreTableResumesAndRefusesOtherSettings() throws {
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    let table = directory.appendingPathComponent("scores.csv").path
    let base = [
      "score", "--space", "nb201", "--proxy", "naswot", "--batch-size", "8", "--quiet", "--output",
      table,
    ]
    #expect(try CommandRunner.run(base + [cells[0]]).status == 0)
    #expect(try CommandRunner.run(base + cells).status == 0)
    let text = try String(contentsOfFile: table, encoding: .utf8)
    #expect(text.split(separator: "\n").count == 2 + cells.count)
    let other = try CommandRunner.run(base.map { $0 == "8" ? "16" : $0 } + cells)
    #expect(other.status == 1)
    #expect(other.standardError.contains("batch_size=8"))
  }

  @Test(arguments: [
    (["score", "--space", "nb201", "--proxy", "nope", "--all"], "unknown proxy 'nope'"),
    (["score", "--space", "nb201", "--proxy", "naswot"], "no architectures"),
    (
      ["score", "--space", "nb201", "--proxy", "naswot", "--all", "--shard", "3/3"],
      "'--shard' expects i/n"
    ),
    (
      ["score", "--space", "nb201", "--proxy", "naswot", "--data", "mnist:x", "--all"],
      "'--data': expected cifar10:PATH"
    ),
    (
      ["score", "--space", "nb201", "--proxy", "naswot", "--option", "batchsize=3", "--all"],
      "proxy 'naswot' takes no options"
    ),
    (
      ["score", "--space", "nb201", "--proxy", "snip", "--option", "batch_size=64", "--all"],
      "not a scorer option: set it with --batch-size"
    ),
    (
      ["score", "--space", "nb201", "--proxy", "snip", "--option", "precision=abc", "--all"],
      "expected one of"
    ),
    (
      ["score", "--space", "nb201", "--proxy", "naswot", "--batch-size", "100000", "--all"],
      "'--batch-size': expected an integer in 1...4096"
    ),
    (
      ["score", "--space", "nb201", "--proxy", "naswot-rnn", "--all"],
      "does not score the networks of nb201"
    ),
    (["score", "--space", "nb201", "--proxy", "naswot", "garbage"], "garbage"),
    (
      ["score", "--space", "nb201", "--proxy", "naswot", "--metric", "x", "--all"],
      "'--metric' needs '--benchmark FILE'"
    ),
  ])
  func badScoreArgumentsExitWithTwo(_ arguments: [String], _ message: String) throws {
    let result = try CommandRunner.run(arguments)
    #expect(result.status == 2)
    #expect(result.standardError.contains(message), "\(result.standardError)")
  }
}

/// First-use faults: output that cannot be written, sampled tables that merge, metric
/// columns checked before any scoring.
struct FirstUseTests {
  var environment: [String: String] {
    get throws { ["NAS_DATA_DIR": try TestData.url("").path] }
  }

  /// `sample > /dev/full`: the write fails, so the command must fail too.
  @Test func aFullDiskOnStandardOutputIsExitOne() throws {
    let process = Process()
    process.executableURL = CommandRunner.executable
    process.arguments = ["sample", "--space", "nb201", "--count", "5000"]
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 1)
  }

  /// 2,000 sampled cells are 2,000 distinct cells, so merge accepts the table score wrote.
  @Test func sampledTablesHaveNoRepeatsAndMerge() throws {
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    let table = directory.appendingPathComponent("flops.csv").path
    let scored = try CommandRunner.run([
      "score", "--space", "nb201", "--proxy", "flops", "--sample", "2000", "--seed", "4",
      "--output", table, "--quiet",
    ])
    #expect(scored.status == 0, "\(scored.standardError)")
    let merged = try CommandRunner.run(["merge", table, "--expect", "2000"])
    #expect(merged.status == 0, "\(merged.standardError)")
    let rows = merged.standardOutput.split(separator: "\n").filter {
      !$0.hasPrefix("#") && !$0.hasPrefix("arch,")
    }
    #expect(Set(rows.map { $0.split(separator: ",")[0] }).count == 2000)
  }

  /// A mistyped metric is found before the 15,625 cells are scored: no table is started.
  @Test(.requiresData) func aMistypedMetricStopsBeforeScoring() throws {
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    let table = directory.appendingPathComponent("t.csv")
    let result = try CommandRunner.run(
      [
        "score", "--space", "nb201", "--proxy", "naswot", "--all", "--output", table.path,
        "--benchmark", "nasbench201/nb201_200epoch.csv", "--metric", "cifar10_vaild_val_acc",
      ], environment: try environment)
    #expect(result.status == 2)
    #expect(result.standardError.contains("no column 'cifar10_vaild_val_acc'"))
    #expect(result.standardError.contains("cifar10_valid_val_acc"))
    #expect(!FileManager.default.fileExists(atPath: table.path))
  }
}

/// `--shard auto` against the job arrays' variables.
struct ShardAutoTests {
  @Test func autoReadsSlurmThenKubernetesVariables() throws {
    let base = ["score", "--space", "nb201", "--proxy", "flops", "--all", "--quiet"]
    let slurm = try CommandRunner.run(
      base + ["--shard", "auto"],
      environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "5"])
    let explicit = try CommandRunner.run(base + ["--shard", "2/5"])
    #expect(slurm.status == 0 && explicit.status == 0, "\(slurm.standardError)")
    let archs = { (text: String) in text.split(separator: "\n").map { $0.split(separator: ",")[0] }
    }
    // Every 5th cell starting at the third: 15,625 / 5 = 3,125 rows plus the header.
    #expect(archs(slurm.standardOutput) == archs(explicit.standardOutput))
    #expect(archs(slurm.standardOutput).count == 3_126)
    let kubernetes = try CommandRunner.run(
      base + ["--shard", "auto"],
      environment: ["JOB_COMPLETION_INDEX": "2", "JOB_COMPLETIONS": "5"])
    #expect(archs(kubernetes.standardOutput) == archs(explicit.standardOutput))
  }

  @Test func autoWithoutAnArrayIsAUsageError() throws {
    let result = try CommandRunner.run([
      "score", "--space", "nb201", "--proxy", "flops", "--all", "--shard", "auto",
    ])
    #expect(result.status == 2)
    #expect(result.standardError.contains("SLURM_ARRAY_TASK_ID"))
    let outOfRange = try CommandRunner.run(
      ["score", "--space", "nb201", "--proxy", "flops", "--all", "--shard", "auto"],
      environment: ["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_COUNT": "5"])
    #expect(outOfRange.status == 2)
  }
}
