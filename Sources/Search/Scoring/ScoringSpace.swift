import Foundation
import Networks
import Proxies
import SearchSpace
import TabularBenchmarks

/// What scoring needs to know about a space, from architecture text: how to build the
/// network, what data its networks take, every architecture (for `--all`), and how to
/// look metrics up in the space's benchmark file.
public struct ScoringSpace: Sendable {
  /// The space.
  public let space: AnySearchSpace
  /// What the space's networks take: images (NB201, NB101) or tokens (NB-NLP).
  public let inputKind: ProxyData.Kind
  /// The canonical text and network builder of an architecture's text; `classes` is the
  /// classifier size (the vocabulary for NB-NLP).
  public let builder:
    @Sendable (String, _ classes: Int) throws(ArchitectureError) -> (String, NetworkBuilder)
  /// Every architecture in a fixed order, when the space (NB201) or its benchmark
  /// (NB-NLP: the logged networks) is small enough to list; the argument is the
  /// benchmark file given on the command line, if any.
  public let allArchitectures: (@Sendable (_ benchmark: URL?) throws(EvaluationError) -> [String])?
  /// The architectures of a table file given as `--archs FILE.csv` (NB101 reference
  /// CSVs: one per row, from the `adjacency_rowmajor` and `ops` columns).
  public let architecturesInTable: (@Sendable (URL) throws(EvaluationError) -> [String])?
  /// Loads a benchmark file into a lookup from canonical text to metrics.
  public let loadMetrics:
    @Sendable (URL) throws(EvaluationError) -> @Sendable (String) -> [String: Double]
  /// The network's trainable parameters and FLOPs (millions, the benchmark's convention)
  /// for a dataset name; nil when the dataset is unknown for the space.
  public let cost: @Sendable (String, _ dataset: String) -> (parameters: Int, megaFLOPs: Double)?
  /// The datasets ``cost`` knows; the first is the default.
  public let datasets: [String]

  /// The adapter for the space called `name`.
  public static func named(_ name: String) -> ScoringSpace? {
    switch name {
    case "nb201": nb201
    case "nb101": nb101
    case "nlp": nlp
    default: nil
    }
  }

  /// The names ``named(_:)`` knows.
  public static let names = ["nb201", "nb101", "nlp"]
}
