import Foundation
import Networks

/// Command-line options of `nas-bench`.
struct BenchOptions {
  /// Only benchmarks whose name contains this run (the peak always runs).
  var filter: String?
  /// Where to write the results as JSON.
  var jsonPath: String?
  /// Samples per benchmark.
  var samples = 7
  /// Whether `--help` was given.
  var help = false

  /// The one-screen usage text.
  static let usage = """
    USAGE: nas-bench [--filter <substring>] [--json <file>] [--samples <n>]

    OPTIONS:
      --filter <substring>    Run only benchmarks whose name contains it (the peak
                              measurement always runs).
      --json <file>           Also write the results as JSON.
      --samples <n>           Samples per benchmark (default: 7, at least 5).
      -h, --help              Show this help.
    """

  /// Parses `--key value` and `--key=value` options.
  static func parse(_ arguments: [String]) throws -> BenchOptions {
    var options = BenchOptions()
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      var key = argument
      var value: String?
      if let eq = argument.firstIndex(of: "="), argument.hasPrefix("--") {
        key = String(argument[..<eq])
        value = String(argument[argument.index(after: eq)...])
      }
      func next() throws -> String {
        if let value { return value }
        guard let v = rest.popFirst() else { throw UsageError("missing value for '\(key)'") }
        return v
      }
      switch key {
      case "--filter": options.filter = try next()
      case "--json": options.jsonPath = try next()
      case "--samples":
        let text = try next()
        guard let n = Int(text), n >= 5 else {
          throw UsageError("the value '\(text)' is invalid for '--samples' (an integer >= 5)")
        }
        options.samples = n
      case "-h", "--help": options.help = true
      default: throw UsageError("unknown option '\(argument)'")
      }
    }
    return options
  }
}

/// A bad command line.
struct UsageError: Error, CustomStringConvertible {
  /// What was wrong.
  var description: String
  init(_ description: String) { self.description = description }
}

/// The machine, build and load facts printed above (and stored with) the results.
struct ReportHeader: Codable {
  var cpu: String
  /// Vector extensions the kernels can use, from `/proc/cpuinfo` (the kernels use
  /// 256-bit AVX2 + FMA registers either way).
  var vectorExtensions: String
  var cores: Int
  var build: String
  var targetCPU: String
  var loadAverage: String
  var date: String

  /// Gathers the facts from `/proc` and the build configuration.
  static func current() -> ReportHeader {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model =
      cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
      .map {
        String($0.split(separator: ":", maxSplits: 1).last ?? "").trimmingCharacters(
          in: .whitespaces)
      }
      ?? "unknown"
    let flags = Set(
      cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }?
        .split(separator: " ").map(String.init) ?? [])
    let extensions = ["avx2", "fma", "avx512f"].filter { flags.contains($0) }
    let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "unknown"
    #if DEBUG
    let build = "debug (Networks and nas-bench still -O)"
    #else
    let build = "release (-O, whole module)"
    #endif
    let cpuFlag = ProcessInfo.processInfo.environment["NAS_TARGET_CPU"] ?? "native"
    return ReportHeader(
      cpu: model,
      vectorExtensions: extensions.isEmpty
        ? "none of avx2/fma/avx512f" : extensions.joined(separator: " "),
      cores: ProcessInfo.processInfo.activeProcessorCount, build: build,
      targetCPU: "-target-cpu \(cpuFlag) (Package.swift; NAS_TARGET_CPU at build time)",
      loadAverage: load.trimmingCharacters(in: .whitespacesAndNewlines),
      date: ISO8601DateFormatter().string(from: Date()))
  }
}

/// The JSON document written by `--json`.
struct ReportDocument: Codable {
  var header: ReportHeader
  var peakGFLOPS: [String: Double]
  var results: [Measurement]
  var maxResidentMegabytes: Double
  var loadAverageAfter: String
}

/// Peak resident memory of this process in MB (`getrusage`'s `ru_maxrss`, KB on Linux).
func maxResidentMegabytes() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_maxrss) / 1024
}

/// Runs the selected benchmarks, prints the report and writes the JSON; returns the
/// exit code.
func runReport(_ options: BenchOptions) -> Int32 {
  let header = ReportHeader.current()
  print("nas-bench: kernel speed report")
  print(
    "cpu: \(header.cpu) [\(header.vectorExtensions)], \(header.cores) cores; build: \(header.build)"
  )
  print("flags: \(header.targetCPU)")
  print("load average before: \(header.loadAverage)  (\(header.date))")
  var harness = Harness()
  harness.samples = options.samples
  var results: [Measurement] = []
  for benchmark in PeakBenchmarks.all {
    let m = harness.run(benchmark)
    harness.peak[benchmark.threads] = m.gflopsBest
    if benchmark.threads == 1 { harness.corePeak = m.gflopsPerCoreBest }
    results.append(m)
    print(formatLine(m))
  }
  let selected = BenchmarkRegistry.all.filter { benchmark in
    !benchmark.name.hasPrefix("peak/")
      && (options.filter.map { benchmark.name.contains($0) } ?? true)
  }
  for benchmark in selected {
    let m = harness.run(benchmark)
    results.append(m)
    print(formatLine(m))
  }
  ComputeThreads.count = 0
  if options.filter.map({ "networks".contains($0) }) ?? true {
    NetworkReport.run(samples: 3, peak: harness.peak[2])
  }
  let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "unknown"
  let memory = maxResidentMegabytes()
  print(String(format: "peak memory (ru_maxrss): %.1f MB", memory))
  print("load average after: \(load.trimmingCharacters(in: .whitespacesAndNewlines))")
  if let path = options.jsonPath {
    let document = ReportDocument(
      header: header,
      peakGFLOPS: Dictionary(
        uniqueKeysWithValues: harness.peak.map { ("\($0.key)t", $0.value) }),
      results: results, maxResidentMegabytes: memory,
      loadAverageAfter: load.trimmingCharacters(in: .whitespacesAndNewlines))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    do {
      try encoder.encode(document).write(to: URL(fileURLWithPath: path))
    } catch {
      FileHandle.standardError.write(Data("Error: cannot write '\(path)': \(error)\n".utf8))
      return 1
    }
  }
  return 0
}
