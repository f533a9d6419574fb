import Foundation
import Proxies
import SearchSpace

/// Everything nas-search knows about one search space, in one place: its genotypes, the
/// network of an architecture, its benchmark tables, the defaults its proxies take, and
/// how a search over it is prepared.
///
/// A space is added by conforming one type and registering it with
/// ``SpaceRegistry/register(_:)``; the command line (`sample`, `describe`, `score`,
/// `run`, `list`) and configs (`"space": NAME`) then know it, with no other change. Only
/// ``space`` and ``summary`` are required: a space without networks can still be
/// sampled, described and searched over a benchmark; one without a benchmark can still
/// be scored and searched with a proxy.
public protocol SpaceDefinition: Sendable {
  /// The genotype space.
  associatedtype Space: SearchSpace

  /// The genotype space; its ``SearchSpace/name`` is the name configs and `--space` use.
  var space: Space { get }
  /// One line for `nas-search list`.
  var summary: String { get }

  /// What the space's networks take, or nil when its architectures have no networks
  /// (proxies then cannot score it).
  var networkInput: ProxyInput.Kind? { get }
  /// The network of `architecture` with `classes` outputs (the vocabulary for language
  /// models), or nil when the space has no networks.
  func network(for architecture: Space.Architecture, classes: Int) -> NetworkBuilder?
  /// The space's own values of the options of the proxy `proxy` (the authors' epsilon
  /// constants, say); options a user gives override them.
  func proxyDefaults(for proxy: String) -> ProxyOptions

  /// Every architecture in a fixed order (for `score --all`), when the space or its
  /// benchmark (`benchmark`, if given) is small enough to list; nil otherwise.
  func allArchitectures(benchmark: URL?) throws(EvaluationError) -> [Space.Architecture]?
  /// The architectures of a table file given as `score --archs FILE.csv`, or nil when
  /// the space reads no such tables (the file is then read as one architecture a line).
  func architectures(inTable url: URL) throws(EvaluationError) -> [Space.Architecture]?
  /// The benchmark file at `url` as metrics by architecture, or nil when the space has
  /// no benchmark.
  func benchmark(at url: URL) throws(EvaluationError) -> BenchmarkMetrics<Space.Architecture>?

  /// The datasets ``cost(of:dataset:)`` knows, the default first.
  var datasets: [String] { get }
  /// The parameter count and FLOPs of `architecture`'s network on `dataset`.
  func cost(of architecture: Space.Architecture, dataset: String) -> NetworkCostSummary?

  /// The benchmark columns the papers' tables report, in their order.
  var headlineColumns: [String] { get }
  /// Turns `config` into a runnable search. The default builds the benchmark evaluator
  /// from ``benchmark(at:)`` (fitness and cost columns) and the proxy evaluator from
  /// ``network(for:classes:)`` or a score table.
  func prepareSearch(_ config: SearchConfig) throws(ConfigError) -> PreparedSearch
}

/// A network's size: trainable parameters, and millions of FLOPs per sample in the
/// benchmark's convention.
public struct NetworkCostSummary: Sendable, Equatable {
  /// Trainable parameters.
  public var parameters: Int
  /// Millions of floating-point operations for one sample.
  public var megaFLOPs: Double

  /// Creates a summary.
  public init(parameters: Int, megaFLOPs: Double) {
    self.parameters = parameters
    self.megaFLOPs = megaFLOPs
  }
}

/// A benchmark file read for lookups: its numeric columns, and the metrics of an
/// architecture (nil when the file has no row for it).
public struct BenchmarkMetrics<Architecture>: Sendable {
  /// The file, for messages.
  public var file: String
  /// The numeric columns, in the file's order.
  public var columns: [String]
  /// The metrics of an architecture by column, or nil when it is not in the file.
  public var metrics: @Sendable (Architecture) -> [String: Double]?

  /// Creates a lookup.
  public init(
    file: String, columns: [String],
    metrics: @escaping @Sendable (Architecture) -> [String: Double]?
  ) {
    self.file = file
    self.columns = columns
    self.metrics = metrics
  }
}

extension SpaceDefinition {
  /// No networks.
  public var networkInput: ProxyInput.Kind? { nil }
  /// No networks.
  public func network(for architecture: Space.Architecture, classes: Int) -> NetworkBuilder? {
    nil
  }
  /// No defaults.
  public func proxyDefaults(for proxy: String) -> ProxyOptions { ProxyOptions() }
  /// Too large to list.
  public func allArchitectures(benchmark: URL?) throws(EvaluationError) -> [Space.Architecture]? {
    nil
  }
  /// No table files.
  public func architectures(inTable url: URL) throws(EvaluationError) -> [Space.Architecture]? {
    nil
  }
  /// No benchmark.
  public func benchmark(at url: URL) throws(EvaluationError) -> BenchmarkMetrics<
    Space.Architecture
  >? { nil }
  /// No datasets.
  public var datasets: [String] { [] }
  /// Unknown.
  public func cost(of architecture: Space.Architecture, dataset: String) -> NetworkCostSummary? {
    nil
  }
  /// None.
  public var headlineColumns: [String] { [] }
  /// The generic preparation (see ``SearchLauncher/prepareFromMetrics(_:config:)``).
  public func prepareSearch(_ config: SearchConfig) throws(ConfigError) -> PreparedSearch {
    try SearchLauncher.prepareFromMetrics(self, config: config)
  }

  /// The space as proxies see it, or nil without networks.
  public var proxySpace: ProxySpace? {
    networkInput.map { ProxySpace(name: space.name, input: $0) }
  }
}
