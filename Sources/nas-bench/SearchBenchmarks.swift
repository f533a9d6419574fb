import Foundation

/// `nas-bench search [config] [samples]`: the end-to-end time of a benchmark-only
/// search, `nas-search run CONFIG --quiet` (default `configs/nb201-rea-cifar10.json`,
/// 500 NB201 REA runs) with one run at a time (`--jobs 1`) and with the default (one run
/// per core), beside the plain-Python simulation of the same searches
/// (`scripts/rea_simulation.py`, one core; once writing nothing, once writing
/// `history.csv` and `runs.csv` with `--write`) measured in the same invocation, all
/// interleaved sample by sample.
///
/// Each sample is a fresh process writing a fresh output directory in a temporary
/// directory (removed afterwards), so it includes everything a user waits for: process
/// start, config and table loading, the searches, the journal, `history.csv`,
/// `runs.csv`, the summaries and the plot, and every `fsync`. Wall seconds are measured
/// from the child's start to its exit and CPU seconds (user + system) from its own
/// resource usage, both given by `wait4` (``ChildProcessTiming``); the report gives the
/// median and the minimum of the samples. Each sample starts after `sync()`, so that it
/// does not wait on the disk writes of the one before. Python is measured the same way
/// (its interpreter start included) and, separately, by its own clock (everything after
/// the interpreter started). The `nas-search` binary is the one next to this program;
/// the tables come from `$NAS_DATA_DIR`. The first two variants read them through the
/// table cache, as any run after the first does (a cache directory in the scratch
/// directory, filled by one untimed run first); the last two parse the CSV files every
/// time (`NAS_SEARCH_CACHE_DIR=`), as a first run does.
enum SearchReport {
  /// Runs the section and prints it.
  static func run(config: String, samples: Int) {
    let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "unknown"
    print("load average before: \(load.trimmingCharacters(in: .whitespacesAndNewlines))")
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      .deletingLastPathComponent().appendingPathComponent("nas-search")
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
      print("search: no nas-search next to nas-bench (\(binary.path)); build it first")
      return
    }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nas-bench-search-\(getpid())")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let script = "scripts/rea_simulation.py"
    let python =
      FileManager.default.fileExists(atPath: script) ? which("python3").flatMap(interpreter) : nil
    if python == nil { print("python: \(script) or python3 not found; no comparison") }
    print(
      "search: \(binary.path) run \(config) --quiet, fresh output directory each time, "
        + "with --jobs 1 and with the default (one run per core, "
        + "\(ProcessInfo.processInfo.activeProcessorCount) cores); \(samples) samples each, "
        + "interleaved with Python's; median (min)")
    let cache = scratch.appendingPathComponent("table-cache").path
    let variants: [(label: String, arguments: [String], cache: String)] = [
      ("nas-search --jobs 1 (release, end to end)", ["--jobs", "1"], cache),
      ("nas-search, default jobs (release, end to end)", [], cache),
      ("nas-search --jobs 1, tables parsed (no cache)", ["--jobs", "1"], ""),
      ("nas-search, default jobs, tables parsed (no cache)", [], ""),
    ]
    // Fill the cache, untimed.
    guard
      measure(
        binary.path,
        ["run", config, "--quiet", "--output", scratch.appendingPathComponent("prime").path],
        environment: ["NAS_SEARCH_CACHE_DIR": cache]) != nil
    else {
      print("search: nas-search failed; run it by hand to see why")
      return
    }
    var ours = [[Sample]](repeating: [], count: variants.count)
    var theirs: [Sample] = []
    var selfTimed: [Sample] = []
    var theirsWriting: [Sample] = []
    for index in 0..<samples {
      for (variant, (_, extra, cacheDirectory)) in variants.enumerated() {
        let output = scratch.appendingPathComponent("run-\(index)-\(variant)")
        guard
          let sample = measure(
            binary.path, ["run", config, "--quiet", "--output", output.path] + extra,
            environment: ["NAS_SEARCH_CACHE_DIR": cacheDirectory])
        else {
          print("search: nas-search failed; run it by hand to see why")
          return
        }
        ours[variant].append(sample)
        try? FileManager.default.removeItem(at: output)
      }
      guard let python else { continue }
      var printed = ""
      guard let sample = measure(python, [script], output: &printed) else {
        print("python: \(script) failed")
        return
      }
      theirs.append(sample)
      if let own = selfTiming(printed) { selfTimed.append(own) }
      let written = scratch.appendingPathComponent("python-\(index)")
      guard let writing = measure(python, [script, "--write", written.path]) else {
        print("python: \(script) --write failed")
        return
      }
      theirsWriting.append(writing)
      try? FileManager.default.removeItem(at: written)
    }
    for (variant, samples) in zip(variants, ours) { print(line(variant.label, samples)) }
    guard let python else { return }
    print(line("\(python) \(script) (process)", theirs))
    if selfTimed.count == samples {
      print(line("\(python) \(script) (own clock)", selfTimed))
    }
    print(line("\(python) \(script) --write (history.csv, runs.csv)", theirsWriting))
    for (reference, label) in [(theirs, "python"), (theirsWriting, "python --write")] {
      for (variant, samples) in zip(variants, ours) {
        let ratioWall = median(samples.map(\.wall)) / median(reference.map(\.wall))
        let ratioCPU = median(samples.map(\.cpu)) / median(reference.map(\.cpu))
        print(
          String(
            format: "%@ / %@ (process, medians): wall %.2fx, cpu %.2fx",
            variant.label.components(separatedBy: " (").first ?? variant.label, label,
            ratioWall, ratioCPU))
      }
    }
  }

  /// One process's wall and CPU seconds.
  struct Sample {
    var wall: Double
    var cpu: Double
  }

  /// Runs `path` with `arguments` (and `environment` added to this process's) and times
  /// it; nil when it fails.
  static func measure(
    _ path: String, _ arguments: [String], environment: [String: String] = [:]
  ) -> Sample? {
    var ignored = ""
    return measure(path, arguments, environment: environment, output: &ignored)
  }

  /// Runs `path` with `arguments` (and `environment` added to this process's), keeps its
  /// standard output in `output`, times it (``ChildProcessTiming``).
  static func measure(
    _ path: String, _ arguments: [String], environment: [String: String] = [:],
    output: inout String
  ) -> Sample? {
    // Dirty pages and pending deletions of the previous sample (8 MB of history.csv, its
    // removal) would be flushed during this one's fsyncs: write them out first, untimed.
    sync()
    guard let result = ChildProcessTiming.run(path, arguments, environment: environment) else {
      return nil
    }
    output = result.output
    return Sample(wall: result.wallSeconds, cpu: result.cpuSeconds)
  }

  /// The `wall W s cpu C s` line that `rea_simulation.py` prints.
  static func selfTiming(_ printed: String) -> Sample? {
    for line in printed.split(separator: "\n") where line.hasPrefix("wall ") {
      let words = line.split(separator: " ")
      if words.count >= 5, let wall = Double(words[1]), let cpu = Double(words[4]) {
        return Sample(wall: wall, cpu: cpu)
      }
    }
    return nil
  }

  /// The first `name` on `$PATH` that is executable.
  static func which(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// The interpreter behind `python3` (`sys.executable`), so that a launcher script such as
  /// pyenv's shim is not timed with it.
  static func interpreter(_ python3: String) -> String? {
    var printed = ""
    guard measure(python3, ["-c", "import sys; print(sys.executable)"], output: &printed) != nil
    else { return nil }
    let path = printed.trimmingCharacters(in: .whitespacesAndNewlines)
    return path.isEmpty ? nil : path
  }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  static func line(_ label: String, _ samples: [Sample]) -> String {
    String(
      format: "%@: wall %.3f s (%.3f), cpu %.3f s (%.3f)", label,
      median(samples.map(\.wall)), samples.map(\.wall).min() ?? .nan,
      median(samples.map(\.cpu)), samples.map(\.cpu).min() ?? .nan)
  }
}
