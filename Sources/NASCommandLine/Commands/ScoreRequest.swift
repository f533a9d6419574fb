import Foundation
import Proxies
import Search
import SearchSpace

/// Everything `nas-search score` was asked, parsed and checked before the first network
/// is built: the space, the scorer with its options and batch, the architectures (each
/// one valid, in canonical form), the benchmark and its metric column, the output.
struct ScoreRequest {
  var space: RegisteredSpace
  var setup: ProxySetup
  var architectures: [String]
  var shard: String?
  var sharesIsomorphs: Bool
  var benchmark: BenchmarkMetrics<String>?
  var metric: String?
  var format: String
  var output: URL?
  var jobs: Int
  var quiet: Bool

  /// Reads and checks `arguments`; every mistake is an error naming the option.
  init(_ arguments: ParsedArguments) throws(CLIError) {
    let command = arguments.command
    space = try arguments.space()
    let proxyName = try arguments.required("proxy")
    var options = ProxyOptions()
    for pair in arguments.strings("option") {
      let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty else {
        throw .usage("'--option' expects key=value, got '\(pair)'", command: command)
      }
      options.values[parts[0]] = ProxyOptions.value(parsing: parts[1])
    }
    var batchSize: Int?
    if arguments.string("batch-size") != nil {
      batchSize = try arguments.integer("batch-size", default: 0, in: Int.min...Int.max)
    }
    let seed = try arguments.seed()
    do {
      setup = try ProxySetup(
        name: proxyName, options: options, batchSize: batchSize, seed: seed,
        data: arguments.string("data") ?? "synthetic", space: space)
    } catch {
      switch error.setting {
      case "data" where !error.message.hasPrefix("expected"):
        throw .badInput("'--data': \(error.message)")
      case "data": throw .usage("'--data': \(error.message)", command: command)
      case "batch_size": throw .usage("'--batch-size': \(error.message)", command: command)
      case "name": throw .usage("'--proxy': \(error.message)", command: command)
      default:
        throw .usage(
          "proxy '\(proxyName)': option \(error.setting): \(error.message)", command: command)
      }
    }
    format = arguments.string("format") ?? "csv"
    guard format == "csv" || format == "json" else {
      throw .usage("'--format' expects csv or json, got '\(format)'", command: command)
    }
    metric = arguments.string("metric")
    var benchmarkURL: URL?
    if let file = arguments.string("benchmark") {
      guard let metric else {
        throw .usage("'--benchmark' needs '--metric COLUMN' to correlate with", command: command)
      }
      let url: URL
      do throws(ConfigError) {
        url = try DataPath.resolve(file, key: "--benchmark")
      } catch {
        throw .badInput(error.description)
      }
      benchmarkURL = url
      do {
        benchmark = try space.benchmark(at: url)
      } catch {
        throw .badInput(error.description)
      }
      guard let benchmark else {
        throw .usage("space '\(space.name)' has no benchmark tables", command: command)
      }
      guard benchmark.columns.contains(metric) else {
        throw .usage(
          "'--metric': no column '\(metric)' in \(benchmark.file) (expected one of: "
            + benchmark.columns.joined(separator: ", ") + ")", command: command)
      }
    } else if metric != nil {
      throw .usage("'--metric' needs '--benchmark FILE' to read the metric from", command: command)
    }
    architectures = try Self.architectureList(
      arguments, space: space, seed: seed, benchmark: benchmarkURL)
    if let text = arguments.string("shard") {
      let shard = try ShardSpec(text, command: command)
      architectures = ScoreTable.shard(architectures, index: shard.index, count: shard.count)
      self.shard = "\(shard.index)/\(shard.count)"
    }
    sharesIsomorphs = arguments.flag("share-isomorphs")
    output = arguments.string("output").map { URL(fileURLWithPath: $0) }
    let defaultJobs = architectures.count >= 64 ? ProcessInfo.processInfo.activeProcessorCount : 1
    jobs = try arguments.integer("jobs", default: defaultJobs, in: 1...256)
    quiet = arguments.flag("quiet")
  }

  /// The score-table metadata of this request.
  var metadata: [(key: String, value: String)] {
    ScoringSession.metadata(
      space: space, setup: setup,
      extra: (shard.map { [("shard", $0)] } ?? [])
        + (sharesIsomorphs ? [("isomorphs", "shared")] : []))
  }

  /// The architectures named by ARCH arguments, `--archs`, `--sample` (distinct draws)
  /// and `--all`, each checked to be a valid member of the space and made canonical.
  private static func architectureList(
    _ arguments: ParsedArguments, space: RegisteredSpace, seed: UInt64, benchmark: URL?
  ) throws(CLIError) -> [String] {
    let command = arguments.command
    var given: [(text: String, origin: String)] = arguments.positional.map { ($0, "argument") }
    if let file = arguments.string("archs") {
      let url = URL(fileURLWithPath: file)
      var table: [String]?
      if file.lowercased().hasSuffix(".csv") {
        do {
          table = try space.architectures(inTable: url)
        } catch {
          throw .badInput(error.description)
        }
      }
      if let table {
        given += table.map { ($0, file) }
      } else {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
          throw .badInput("\(file): cannot read the architecture list (no such file, or not UTF-8)")
        }
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
          .enumerated()
        {
          let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
          if !trimmed.isEmpty, !trimmed.hasPrefix("#") {
            given.append((trimmed, "\(file):\(number + 1)"))
          }
        }
      }
    }
    var list: [String] = []
    for (text, origin) in given {
      let description: AnySearchSpace.Description
      do {
        description = try space.genotypes.describe(text)
      } catch {
        throw .badInput("\(origin): \(error.description)")
      }
      if let reason = description.invalidReason {
        throw .badInput(
          "\(origin): '\(text)' is not a valid \(space.name) architecture: \(reason)")
      }
      list.append(description.canonical)
    }
    if arguments.string("sample") != nil {
      let count = try arguments.integer("sample", default: 0, in: 1...10_000_000)
      list += try distinctSample(count, space: space, seed: seed, command: command)
    }
    if arguments.flag("all") {
      let all: [String]?
      do {
        all = try space.allArchitectures(benchmark: benchmark)
      } catch {
        throw .badInput(error.description)
      }
      guard let all else {
        throw .usage(
          "'--all' needs a space small enough to list; '\(space.name)' is not", command: command)
      }
      list += all
    }
    guard !list.isEmpty else {
      throw .usage("no architectures: give ARCH, --archs, --sample or --all", command: command)
    }
    return list
  }

  /// `count` distinct architectures drawn uniformly with `seed` (sampling without
  /// replacement: a repeated draw is drawn again), or an error when the space seems
  /// to hold fewer.
  private static func distinctSample(
    _ count: Int, space: RegisteredSpace, seed: UInt64, command: String
  ) throws(CLIError) -> [String] {
    var rng = SplitMix64(seed: seed)
    var seen = Set<String>()
    var list: [String] = []
    var misses = 0
    while list.count < count {
      let text = space.genotypes.sample(using: &rng)
      if seen.insert(text).inserted {
        list.append(text)
        misses = 0
      } else {
        misses += 1
        if misses > 10_000 + 100 * count {
          throw .usage(
            "'--sample \(count)': the space gave only \(list.count) distinct architectures",
            command: command)
        }
      }
    }
    return list
  }
}
