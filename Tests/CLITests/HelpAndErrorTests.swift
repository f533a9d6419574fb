import Foundation
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
