import Foundation

/// Runs the built `nas-search` executable, as a user would, and captures its output.
struct CommandRunner {
  struct Result {
    var status: Int32
    var standardOutput: String
    var standardError: String
  }

  /// The executable next to the test bundle in the build products directory.
  static let executable: URL = {
    let candidates = [
      Bundle.main.bundleURL,
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
    ]
    for directory in candidates {
      let url = directory.appendingPathComponent("nas-search")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return candidates[0].appendingPathComponent("nas-search")
  }()

  /// Runs `nas-search arguments…` in `directory` with extra environment variables,
  /// without those named in `unsetting`.
  ///
  /// The table cache is off (`NAS_SEARCH_CACHE_DIR` empty) unless `environment` sets
  /// it or `unsetting` names it, so that tests never write to the user's cache.
  static func run(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
    unsetting: Set<String> = []
  ) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var env = ProcessInfo.processInfo.environment
    env["NAS_SEARCH_CACHE_DIR"] = ""
    for (key, value) in environment { env[key] = value }
    for key in unsetting { env[key] = nil }
    process.environment = env
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    // Read both pipes before waiting, so a large output cannot block the child.
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
      standardError: String(decoding: errData, as: UTF8.self))
  }
}
