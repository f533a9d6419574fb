import Foundation
import SearchSpace
import TabularBenchmarks

/// The NAS-Bench-NLP training logs seen as named numeric columns per network: one row
/// per logged run, columns named as in `nb_nlp_wikitext2_summary.csv`.
///
/// Runs are grouped by ``NLPSpace/identityHash(_:)``, so a recipe that renames nodes or
/// reorders commutative inputs finds the same runs. A diverged run has no final
/// perplexities (NaN in its row); means skip NaN.
public struct NLPMetricTable: Sendable {
  /// The columns, per run.
  public static let columns = [
    "final_val_ppl", "final_test_ppl", "best_val_ppl", "test_ppl_at_best_val", "num_params",
    "total_wall_time_s", "mean_epoch_time_s", "n_epochs_logged",
  ]

  /// The file, for messages.
  public let file: String
  /// The numeric columns, in order (``columns``).
  public var columnNames: [String] { Self.columns }
  /// One cell per distinct network, in the order of its first run in the file.
  public let cells: [NLPCell]
  private let rowsByIdentity: [String: [[Double]]]
  private let space = NLPSpace()

  /// Loads a log file such as `nasbench_nlp/nb_nlp_wikitext2_logs.json`.
  ///
  /// - Throws: ``EvaluationError`` naming the file, the run and the field at fault.
  public init(contentsOf url: URL) throws(EvaluationError) {
    let benchmark: NLPBenchmark
    do {
      benchmark = try NLPBenchmark(contentsOf: url)
    } catch {
      throw EvaluationError("\(url.path): \(error.description)")
    }
    file = url.path
    var cells: [NLPCell] = []
    var rows: [String: [[Double]]] = [:]
    for run in benchmark.runs {
      if rows[run.identityHash] == nil { cells.append(run.cell) }
      rows[run.identityHash, default: []].append(Self.row(run))
    }
    self.cells = cells
    rowsByIdentity = rows
  }

  private static func row(_ run: NLPRun) -> [Double] {
    [
      run.finalValidationPerplexity ?? .nan, run.finalTestPerplexity ?? .nan,
      run.bestValidationPerplexity ?? .nan, run.testPerplexityAtBestValidation ?? .nan,
      Double(run.parameterCount), run.totalWallTime, run.meanEpochWallTime,
      Double(run.epochCount),
    ]
  }

  /// The position of `column` in ``columnNames``.
  public func index(of column: String) -> Int? { Self.columns.firstIndex(of: column) }

  /// Every logged run of `cell`'s network, values aligned with ``columnNames``.
  public func repeats(for cell: NLPCell) -> [[Double]] {
    rowsByIdentity[space.identityHash(cell)] ?? []
  }

  /// The mean over `cell`'s runs of every column (NaN skipped; NaN when no run has a
  /// value), or nil when no run logged the network.
  public func means(for cell: NLPCell) -> [Double]? {
    let rows = repeats(for: cell)
    return rows.isEmpty ? nil : columnMeans(rows)
  }

  /// The means as a name → value dictionary, without NaN values.
  public func metrics(for cell: NLPCell) -> [String: Double] {
    guard let means = means(for: cell) else { return [:] }
    var result: [String: Double] = [:]
    for (name, value) in zip(Self.columns, means) where !value.isNaN { result[name] = value }
    return result
  }
}
