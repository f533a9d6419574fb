import Foundation
import Proxies
import SearchSpace

/// A registered ``SpaceDefinition`` seen through architecture text, for code that picks
/// the space at run time by name: the command line and configs.
public struct RegisteredSpace: Sendable {
  /// The space's name, such as `nb201`.
  public let name: String
  /// One line for `nas-search list`.
  public let summary: String
  /// Sampling, mutation and description of architecture texts.
  public let genotypes: AnySearchSpace
  /// The space as proxies see it, or nil when its architectures have no networks.
  public let proxySpace: ProxySpace?
  /// The datasets ``cost(_:dataset:)`` knows, the default first.
  public let datasets: [String]
  /// The benchmark columns the papers' tables report.
  public let headlineColumns: [String]

  private let makeNetwork:
    @Sendable (String, Int) throws(ArchitectureError) -> (String, NetworkBuilder?)
  private let listAll: @Sendable (URL?) throws(EvaluationError) -> [String]?
  private let readTable: @Sendable (URL) throws(EvaluationError) -> [String]?
  private let loadBenchmark: @Sendable (URL) throws(EvaluationError) -> BenchmarkMetrics<String>?
  private let costOf: @Sendable (String, String) -> NetworkCostSummary?
  private let defaults: @Sendable (String) -> ProxyOptions
  private let prepare: @Sendable (SearchConfig) throws(ConfigError) -> PreparedSearch

  /// Wraps `definition`.
  public init<Definition: SpaceDefinition>(_ definition: Definition) {
    let space = definition.space
    name = space.name
    summary = definition.summary
    genotypes = AnySearchSpace(space, summary: definition.summary)
    proxySpace = definition.proxySpace
    datasets = definition.datasets
    headlineColumns = definition.headlineColumns
    makeNetwork = { text, classes throws(ArchitectureError) in
      let architecture = try space.parse(text)
      try space.validate(architecture)
      return (
        space.canonicalString(architecture),
        definition.network(for: architecture, classes: classes)
      )
    }
    listAll = { benchmark throws(EvaluationError) in
      try definition.allArchitectures(benchmark: benchmark)?.map(space.canonicalString)
    }
    readTable = { url throws(EvaluationError) in
      try definition.architectures(inTable: url)?.map(space.canonicalString)
    }
    loadBenchmark = { url throws(EvaluationError) in
      guard let table = try definition.benchmark(at: url) else { return nil }
      return BenchmarkMetrics(file: table.file, columns: table.columns) { text in
        guard let architecture = try? space.parse(text) else { return nil }
        return table.metrics(architecture)
      }
    }
    costOf = { text, dataset in
      guard let architecture = try? space.parse(text) else { return nil }
      return definition.cost(of: architecture, dataset: dataset)
    }
    defaults = { definition.proxyDefaults(for: $0) }
    prepare = { config throws(ConfigError) in try definition.prepareSearch(config) }
  }

  /// The canonical text and network builder of a valid architecture's text (no builder
  /// when the space has no networks); throws for text that is not a valid architecture.
  public func network(_ text: String, classes: Int) throws(ArchitectureError) -> (
    canonical: String, builder: NetworkBuilder?
  ) {
    try makeNetwork(text, classes)
  }

  /// Every architecture's canonical text (for `score --all`), or nil when the space
  /// cannot be listed.
  public func allArchitectures(benchmark: URL?) throws(EvaluationError) -> [String]? {
    try listAll(benchmark)
  }

  /// The architectures of a table file, or nil when the space reads no table files.
  public func architectures(inTable url: URL) throws(EvaluationError) -> [String]? {
    try readTable(url)
  }

  /// The benchmark file at `url` as metrics by architecture text, or nil when the space
  /// has no benchmark.
  public func benchmark(at url: URL) throws(EvaluationError) -> BenchmarkMetrics<String>? {
    try loadBenchmark(url)
  }

  /// Parameters and FLOPs of an architecture's network on `dataset`.
  public func cost(_ text: String, dataset: String) -> NetworkCostSummary? {
    costOf(text, dataset)
  }

  /// The space's defaults for the proxy `proxy`'s options.
  public func proxyDefaults(for proxy: String) -> ProxyOptions { defaults(proxy) }

  /// `config` as a runnable search.
  public func prepareSearch(_ config: SearchConfig) throws(ConfigError) -> PreparedSearch {
    try prepare(config)
  }
}
