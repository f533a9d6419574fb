import Foundation
import Networks
import Proxies
import SearchSpace
import TabularBenchmarks

/// NAS-Bench-NLP (Klyuchnikov et al., 2020): recurrent cells and their language models.
///
/// The network is the benchmark's language model over a corpus's vocabulary, the
/// benchmark its training logs. A search runs over the logged networks
/// (``LoggedNLPSpace``); `score --all` lists them.
public struct NLPDefinition: SpaceDefinition {
  /// The cell generator's space.
  public let space = NLPSpace()
  /// For `nas-search list`.
  public let summary = "NAS-Bench-NLP: recurrent cell graphs over x, h_prev -> h_new"
  /// Language models.
  public let networkInput: ProxyInput.Kind? = .tokens

  /// The WikiText-2 log file, relative to `$NAS_DATA_DIR`: what `--all` lists and a
  /// proxy-only search runs over when no benchmark is given.
  public static let defaultLogs = "nasbench_nlp/nb_nlp_wikitext2_logs.json"

  /// Creates the definition.
  public init() {}

  /// The benchmark's language model (embedding 400, three layers of 600/600/400 units,
  /// tied decoder) over a `classes`-word vocabulary.
  public func network(for architecture: NLPCell, classes: Int) -> NetworkBuilder? {
    NetworkBuilder.nlp(architecture, vocabulary: classes)
  }

  /// Epsilon's NB-NLP protocol (egracheva/epsinas, `NAS-Bench-NLP/Reproduce.ipynb`):
  /// constants 1e-5 and 1e-3, and the batch of 256 sequences of 70 steps from position 0
  /// of the training text (``TextBatchOptions/epsilonNLP``).
  public func proxyDefaults(for proxy: String) -> ProxyOptions {
    guard proxy == "epsilon" else { return ProxyOptions() }
    return EpsilonConstants.nlp.options.overridden(by: TextBatchOptions.epsilonNLP.options)
  }

  /// Every distinct network of the logs (`benchmark`, or the default WikiText-2 logs),
  /// in the order of its first run.
  public func allArchitectures(benchmark: URL?) throws(EvaluationError) -> [NLPCell]? {
    let url: URL
    if let benchmark {
      url = benchmark
    } else {
      do {
        url = try DataPath.resolve(Self.defaultLogs, key: "--all")
      } catch {
        throw EvaluationError(
          "'--all' lists the networks of the NB-NLP logs: give --benchmark FILE (\(error))")
      }
    }
    return try NLPMetricTable(contentsOf: url).cells
  }

  /// The training logs (``NLPMetricTable``).
  public func benchmark(at url: URL) throws(EvaluationError) -> BenchmarkMetrics<NLPCell>? {
    let table = try NLPMetricTable(contentsOf: url)
    return BenchmarkMetrics(file: url.lastPathComponent, columns: table.columnNames) { cell in
      table.means(for: cell) == nil ? nil : table.metrics(for: cell)
    }
  }

  /// The corpora of the benchmark.
  public let datasets = ["wikitext2", "ptb"]

  /// Parameters and MFLOPs per token of the language model over the corpus's vocabulary.
  public func cost(of architecture: NLPCell, dataset: String) -> NetworkCostSummary? {
    let vocabularies = ["wikitext2": 33_278, "ptb": 10_000]
    guard let vocabulary = vocabularies[dataset],
      let cost = try? NLPNetworkCost(
        cell: architecture, configuration: NLPNetworkConfiguration(vocabulary: vocabulary))
    else { return nil }
    return NetworkCostSummary(parameters: cost.parameters, megaFLOPs: Double(cost.flops) / 1e6)
  }

  /// Final validation and test perplexity.
  public let headlineColumns = ["final_val_ppl", "final_test_ppl"]

  /// A search over the logged networks that have a value in the fitness column.
  ///
  /// Only they can be looked up; columns are ``NLPMetricTable/columns``. Without a
  /// benchmark (a pure proxy search) the space is the logs at ``defaultLogs``.
  public func prepareSearch(_ config: SearchConfig) throws(ConfigError) -> PreparedSearch {
    let tableKey = config.benchmark == nil ? "benchmark" : "benchmark.table"
    let path = config.benchmark?.table ?? Self.defaultLogs
    if let benchmark = config.benchmark {
      if benchmark.fidelityTable != nil || benchmark.fitnessFrom != nil {
        throw ConfigError(
          path: benchmark.fidelityTable != nil
            ? "benchmark.fidelity_table" : "benchmark.fitness_from",
          message: "not used for nlp: the logs hold every epoch")
      }
      if benchmark.epochs != nil {
        throw ConfigError(
          path: "benchmark.epochs", message: "not used for nlp: the logs' final epoch is used")
      }
    }
    let url = try DataPath.resolve(path, key: tableKey)
    let metrics: NLPMetricTable
    do {
      metrics = try NLPMetricTable(contentsOf: url)
    } catch {
      throw ConfigError(path: tableKey, message: error.description)
    }
    var cells = metrics.cells
    if let fitness = config.benchmark?.fitness {
      guard let column = metrics.index(of: fitness) else {
        throw ConfigError(
          path: "benchmark.fitness",
          message: "no column '\(fitness)' in \(url.lastPathComponent) (expected one of: "
            + metrics.columnNames.joined(separator: ", ") + ")")
      }
      cells = cells.filter { metrics.means(for: $0).map { !$0[column].isNaN } ?? false }
    }
    guard cells.count >= 2 else {
      throw ConfigError(
        path: tableKey, message: "\(url.path) logs fewer than 2 networks to search over")
    }
    let logged = LoggedNLPSpace(cells: cells)
    let table = config.benchmark.map { _ in
      SearchLauncher.RepeatTable<NLPCell>(
        fileName: url.lastPathComponent, columnNames: metrics.columnNames,
        repeats: { cell in
          (
            UInt64(logged.identityHash(cell).prefix(16), radix: 16) ?? 0,
            metrics.repeats(for: cell)
          )
        })
    }
    return try SearchLauncher.prepareRepeatTable(
      config, definition: self, space: logged, table: table,
      headline: config.benchmark == nil ? [] : headlineColumns)
  }
}
