import Foundation
import NASTestSupport
import Testing

/// `nas-search run` end to end: configs, results, and resuming after a real kill.
struct RunCommandTests {
  var packageRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  @Test func everyShippedConfigDecodes() throws {
    let configs = packageRoot.appendingPathComponent("configs")
    let names = try FileManager.default.contentsOfDirectory(atPath: configs.path).filter {
      $0.hasSuffix(".json")
    }
    #expect(names.count >= 19)
    for name in names {
      let data = try Data(contentsOf: configs.appendingPathComponent(name))
      let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
      #expect(object?["space"] != nil, "\(name)")
    }
  }

  @Test func badConfigsExitWithTwoAndNameTheKey() throws {
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    let config = directory.appendingPathComponent("bad.json")
    try #"{"space": "nb201", "strategy": {"name": "rea", "population_size": "ten"}}"#
      .write(to: config, atomically: true, encoding: .utf8)
    let result = try CommandRunner.run(["run", config.path, "--output", directory.path + "/out"])
    #expect(result.status == 2)
    #expect(
      result.standardError.contains("bad.json: strategy.population_size: expected an integer"))
    let missing = try CommandRunner.run(["run", directory.path + "/none.json"])
    #expect(missing.status == 2)
    #expect(missing.standardError.contains("none.json"))
  }

  /// Kills `nas-search run` at random moments (SIGKILL), resumes, and checks that every
  /// run ends exactly as an uninterrupted run does.
  @Test(.requiresData) func killedRunsResumeToTheUninterruptedResult() throws {
    let config = packageRoot.appendingPathComponent("configs/nb201-rea-cifar10.json").path
    // The tables are parsed each time (no cache), so every process takes about as long.
    let environment = ["NAS_DATA_DIR": try TestData.url("").path, "NAS_SEARCH_CACHE_DIR": ""]
    let temporary = try TemporaryDirectory()
    let directory = temporary.url
    let reference = directory.appendingPathComponent("reference").path
    let base = ["run", config, "--runs", "200", "--quiet"]
    let start = ContinuousClock.now
    let uninterrupted = try CommandRunner.run(
      base + ["--output", reference], environment: environment)
    #expect(uninterrupted.status == 0, "\(uninterrupted.standardError)")
    // Kills land between a quarter of the uninterrupted time (the tables are loaded by
    // then) and 95% of it, however fast the build is.
    let duration = ContinuousClock.now - start
    let microseconds =
      Double(duration.components.seconds) * 1e6
      + Double(duration.components.attoseconds) * 1e-12
    let window = UInt32(microseconds * 0.25)...UInt32(microseconds * 0.95)

    var generator = SystemRandomNumberGenerator()
    for attempt in 0..<3 {
      let output = directory.appendingPathComponent("killed-\(attempt)").path
      var killedWhileRunning = false
      for round in 0..<4 {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = base + ["--output", output] + (round == 0 ? [] : ["--resume"])
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(UInt32.random(in: window, using: &generator))
        if process.isRunning {
          kill(process.processIdentifier, SIGKILL)
          killedWhileRunning = true
        }
        process.waitUntilExit()
      }
      let finish = try CommandRunner.run(
        base + ["--output", output, "--resume"], environment: environment)
      #expect(finish.status == 0, "\(finish.standardError)")
      // The kills must have interrupted something, or the test proves nothing.
      #expect(killedWhileRunning, "no kill landed while the search was running")
      for name in ["history.csv", "runs.csv"] {
        let expected = try CSVFile(path: reference + "/" + name).lines(without: "wall_seconds")
        let actual = try CSVFile(path: output + "/" + name).lines(without: "wall_seconds")
        #expect(actual == expected, "\(name) after kills in attempt \(attempt)")
      }
      let text = { (path: String) in try String(contentsOfFile: path, encoding: .utf8) }
      #expect(try text(output + "/summary.md") == text(reference + "/summary.md"))
      #expect(try text(output + "/best_so_far.svg") == text(reference + "/best_so_far.svg"))
      // No other file is left: one experiment, one set of files.
      let names = try FileManager.default.contentsOfDirectory(atPath: output).filter {
        !$0.hasPrefix(".")
      }
      let expectedNames = try FileManager.default.contentsOfDirectory(atPath: reference)
      #expect(names.sorted() == expectedNames.sorted())
    }
  }
}

struct DescribeCommandTests {
  @Test(.requiresData) func describesParametersFlopsAndMetricsOfAnNB201Cell() throws {
    let table = try TestData.url("nasbench201/nb201_200epoch.csv").path
    // Row 1 of the table: 3 conv3x3, 0 conv1x1, 1 pool, 2 skip.
    let cell =
      "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|"
    let result = try CommandRunner.run(["describe", "--space", "nb201", cell, "--benchmark", table])
    #expect(result.status == 0, "\(result.standardError)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    #expect(object["arch"] as? String == cell)
    #expect(object["valid"] as? Bool == true)
    // NB201's closed forms (params_mb_cifar10_formula of the reference table): 73,306 + 243,040·3 parameters; 7.943872 + 35.81952·3 + 1.29024 MFLOPs.
    #expect(object["params"] as? Int == 73_306 + 243_040 * 3)
    let flops = try #require(object["flops"] as? Double)
    #expect(abs(flops - (7.943872 + 35.81952 * 3 + 1.29024)) < 1e-6)
    let metrics = try #require(object["metrics"] as? [String: Double])
    #expect(metrics["cifar10_valid_val_acc"] != nil)
  }

  @Test func malformedArchitectureExitsWithTwoAndSaysWhere() throws {
    let result = try CommandRunner.run(["describe", "--space", "nb201", "|nor_conv_3x3~0|+|bad~0|"])
    #expect(result.status == 2)
    #expect(result.standardError.contains("unknown operation 'bad'"))
  }
}
