import Foundation
import Proxies
import Search
import SearchSpace

/// `nas-search score`: zero-cost proxy scores of architectures, with rank correlations
/// against a benchmark metric, or a whole space into a resumable score table.
struct ScoreCommand: Command {
  let name = "score"
  let abstract = "Score architectures with a zero-cost proxy (and correlate with a benchmark)."
  let discussion = """
    Architectures come from ARCH arguments, --archs FILE (one per line; for nb101 also a
    reference CSV with adjacency_rowmajor and ops columns), --sample N or --all (nb201: the
    15,625 cells; nlp: the distinct networks of the --benchmark logs), optionally one
    --shard I/N of them. Prints arch,score,seconds per architecture (plus
    the metric with --benchmark, then Spearman and Kendall correlations). With --output the
    rows go to a score table that a later run with the same options resumes, and that
    'merge' joins and configs use as proxy.score_table.
    """
  let arguments = [ArgumentSpec(name: "ARCH", help: "Architectures in the space's text form.")]
  let options: [OptionSpec] = [
    spaceOption,
    .option("proxy", "name", "The scorer (see 'nas-search list')."),
    .option(
      "data", "source",
      "cifar10:PATH, cifar100:PATH, or for nlp ptb:PATH, wikitext2:PATH, text:PATH; or synthetic.",
      default: "synthetic"),
    .option("batch-size", "n", "Batch size (default: the scorer's paper's)."),
    .option("seed", "k", "Seed of the batch and of every network's initialisation.", default: "0"),
    .option("archs", "file", "A file of architectures, one per line."),
    .option("sample", "n", "Score n random architectures (drawn with --seed)."),
    .flag("all", "Score every architecture (nb201: 15,625; nlp: the logged networks)."),
    .option("shard", "i/n", "Score only slice i of n (0-based) of the architectures."),
    .flag(
      "share-isomorphs",
      "Score one architecture per isomorphism class and give its score to the others."),
    .option("output", "file", "Write a resumable score table instead of printing rows."),
    .option("jobs", "n", "Networks scored at once (default: 1, or the core count for --all)."),
    .option("benchmark", "file", "A benchmark table to correlate with."),
    .option("metric", "column", "The benchmark column to correlate with."),
    .option("format", "format", "Output format: csv or json.", default: "csv"),
    .option("option", "key=value", "A scorer option (repeatable).", repeatable: true),
    .flag("quiet", "No progress on stderr."),
  ]

  func run(_ arguments: ParsedArguments) throws(CLIError) {
    let spaceName = try arguments.required("space")
    guard let space = ScoringSpace.named(spaceName) else {
      throw .usage(
        "unknown space '\(spaceName)' for '--space' (expected one of: "
          + ScoringSpace.names.joined(separator: ", ") + ")", command: name)
    }
    let proxyName = try arguments.required("proxy")
    var options = ProxyOptions()
    for pair in arguments.strings("option") {
      let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty else {
        throw .usage("'--option' expects key=value, got '\(pair)'", command: name)
      }
      options.values[parts[0]] = ScoreCommand.optionValue(parts[1])
    }
    let proxy: any Proxy
    do {
      proxy = try ProxyRegistry.make(proxyName, options: options)
    } catch {
      throw .usage("proxy '\(proxyName)': \(error)", command: name)
    }
    let batchSize = try arguments.integer(
      "batch-size", default: proxy.defaultBatchSize, in: 1...100_000)
    let seed = try arguments.seed()
    let format = arguments.string("format") ?? "csv"
    guard format == "csv" || format == "json" else {
      throw .usage("'--format' expects csv or json, got '\(format)'", command: name)
    }
    let data: ProxyData
    do {
      data = try ProxyData.load(
        arguments.string("data") ?? "synthetic", batchSize: batchSize, seed: seed, key: "--data",
        kind: space.inputKind)
    } catch {
      if error.message.hasPrefix("expected") {
        throw .usage("'--data': \(error.message)", command: name)
      }
      throw .badInput(error.description)
    }
    var benchmarkURL: URL?
    if let file = arguments.string("benchmark") {
      do throws(ConfigError) {
        benchmarkURL = try DataPath.resolve(file, key: "--benchmark")
      } catch {
        throw .badInput(error.description)
      }
    }
    var architectures = try architectureList(
      arguments, space: space, seed: seed, benchmark: benchmarkURL)
    var shardLabel: String?
    if let shard = arguments.string("shard") {
      let parts = shard.split(separator: "/").map { Int($0) }
      guard parts.count == 2, let index = parts[0], let count = parts[1], count >= 1,
        (0..<count).contains(index)
      else {
        throw .usage("'--shard' expects i/n with 0 <= i < n, got '\(shard)'", command: name)
      }
      architectures = ScoreTable.shard(architectures, index: index, count: count)
      shardLabel = shard
    }
    let metadata: [(key: String, value: String)] =
      [
        ("space", spaceName), ("proxy", proxyName),
        (
          "options",
          options.values.keys.sorted().map {
            "\($0):\(options.values[$0].map(ScoreCommand.text) ?? "")"
          }.joined(separator: ",")
        ),
        ("data", data.label), ("batch_size", String(batchSize)), ("seed", String(seed)),
        ("classes", String(data.classes)),
      ].map { ($0.0, $0.1.isEmpty ? "-" : $0.1.replacingOccurrences(of: " ", with: "_")) }
      + (shardLabel.map { [("shard", $0)] } ?? [])
      + (arguments.flag("share-isomorphs") ? [("isomorphs", "shared")] : [])
    var session = ScoringSession(
      space: space, proxy: proxy, input: data.input, classes: data.classes, seed: seed,
      metadata: metadata)
    session.sharesIsomorphicScores = arguments.flag("share-isomorphs")
    let defaultJobs = architectures.count >= 64 ? ProcessInfo.processInfo.activeProcessorCount : 1
    let jobs = try arguments.integer("jobs", default: defaultJobs, in: 1...256)
    let output = arguments.string("output").map { URL(fileURLWithPath: $0) }
    let reporter = ScoreProgress(enabled: !arguments.flag("quiet"))
    let clock = ContinuousClock()
    let start = clock.now
    let rows: [ScoreTable.Row]
    do {
      rows = try session.run(architectures, jobs: jobs, output: output) { done, total, elapsed in
        reporter.update(done: done, total: total, elapsed: elapsed)
      }
    } catch {
      throw .failure(error.description)
    }
    reporter.finish()
    let elapsed = clock.now - start
    let totalSeconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    var metricValues: [Double]?
    if let benchmarkURL {
      let file = benchmarkURL.path
      let column = try arguments.required("metric")
      let lookup: @Sendable (String) -> [String: Double]
      do {
        lookup = try space.loadMetrics(benchmarkURL)
      } catch {
        throw .badInput(error.description)
      }
      metricValues = rows.map { lookup($0.architecture)[column] ?? .nan }
      if let first = rows.first, lookup(first.architecture)[column] == nil,
        lookup(first.architecture).isEmpty == false
      {
        throw .usage("'\(file)' has no column '\(column)'", command: name)
      }
    }
    let report = ScoreReport(
      rows: rows, metric: arguments.string("metric"), metricValues: metricValues,
      totalSeconds: totalSeconds, jobs: jobs)
    if output != nil {
      print(report.summaryLines.joined(separator: "\n"))
    } else {
      print(
        format == "json" ? report.json.prettyText : report.csv,
        terminator: format == "json" ? "\n" : "")
    }
  }

  private func architectureList(
    _ arguments: ParsedArguments, space: ScoringSpace, seed: UInt64, benchmark: URL?
  ) throws(CLIError) -> [String] {
    var list = arguments.positional
    if let file = arguments.string("archs"), file.lowercased().hasSuffix(".csv"),
      let read = space.architecturesInTable
    {
      do {
        list += try read(URL(fileURLWithPath: file))
      } catch {
        throw .badInput(error.description)
      }
    } else if let file = arguments.string("archs") {
      guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
        throw .badInput("\(file): cannot read the architecture list")
      }
      list += text.split(whereSeparator: \.isNewline).map {
        $0.trimmingCharacters(in: .whitespaces)
      }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
    if arguments.string("sample") != nil {
      let count = try arguments.integer("sample", default: 0, in: 1...10_000_000)
      var rng = SplitMix64(seed: seed)
      list += (0..<count).map { _ in space.space.sample(using: &rng) }
    }
    if arguments.flag("all") {
      guard let all = space.allArchitectures else {
        throw .usage("'--all' needs a space small enough to list", command: name)
      }
      do {
        list += try all(benchmark)
      } catch {
        throw .badInput(error.description)
      }
    }
    guard !list.isEmpty else {
      throw .usage("no architectures: give ARCH, --archs, --sample or --all", command: name)
    }
    return list
  }

  static func optionValue(_ text: String) -> ProxyOptions.Value {
    if text == "true" { return .bool(true) }
    if text == "false" { return .bool(false) }
    if let integer = Int(text) { return .int(integer) }
    if let number = Double(text) { return .number(number) }
    return .string(text)
  }

  static func text(_ value: ProxyOptions.Value) -> String {
    switch value {
    case .bool(let flag): String(flag)
    case .int(let integer): String(integer)
    case .number(let number): String(number)
    case .string(let string): string
    }
  }
}
