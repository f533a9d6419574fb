import Foundation
import SearchSpace

/// The NAS-Bench-NLP training logs: the trained results a search on the NLP space
/// looks up instead of training.
///
/// Loads `nb_nlp_wikitext2_logs.json` of fmsnew/nas-bench-nlp-release (345 WikiText-2
/// runs, 4 of which diverged) or any file in its format: a JSON array of runs with
/// `recepie_id`, `experiment_id`, `status`, `num_params`, `recepie`, `hyperparams`,
/// `train_losses`, `val_losses`, `test_losses` and `wall_times`.
///
/// ```swift
/// let logs = try NLPBenchmark(contentsOf: url)
/// let lstm = logs.runs(recipeID: 1_000_001)[0]
/// lstm.bestValidationPerplexity  // 96.31
/// ```
public struct NLPBenchmark: Sendable {
  /// The runs, in file order.
  public let runs: [NLPRun]

  private let runsByRecipeID: [Int: [Int]]
  private let runsByIdentity: [String: [Int]]
  private let space = NLPSpace()

  /// The released WikiText-2 log file's name.
  public static let wikiText2FileName = "nb_nlp_wikitext2_logs.json"

  /// Loads the log file at `url`.
  ///
  /// - Throws: ``NLPBenchmarkError`` naming the file, the run and the field at fault.
  public init(contentsOf url: URL) throws(NLPBenchmarkError) {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw NLPBenchmarkError(
        file: url.lastPathComponent, message: "cannot read the file: \(plainReason(of: error))")
    }
    try self.init(bytes: Array(data), fileName: url.lastPathComponent)
  }

  /// Loads log-file contents; `fileName` is used in error messages.
  public init(bytes: [UInt8], fileName: String) throws(NLPBenchmarkError) {
    runs = try NLPLogDecoder(fileName: fileName).runs(from: bytes)
    var byRecipeID: [Int: [Int]] = [:]
    var byIdentity: [String: [Int]] = [:]
    for run in runs {
      byRecipeID[run.recipeID, default: []].append(run.index)
      byIdentity[run.identityHash, default: []].append(run.index)
    }
    runsByRecipeID = byRecipeID
    runsByIdentity = byIdentity
  }

  /// The runs logged under `recipeID`, in file order (usually one).
  public func runs(recipeID: Int) -> [NLPRun] {
    (runsByRecipeID[recipeID] ?? []).map { runs[$0] }
  }

  /// The runs of `cell`'s network, in file order: recipes equal to `cell` up to the
  /// names of intermediate nodes and the order of commutative inputs.
  public func runs(for cell: NLPCell) -> [NLPRun] {
    runs(identityHash: space.identityHash(cell))
  }

  /// The runs whose cell has ``NLPSpace/identityHash(_:)`` `hash`, in file order.
  public func runs(identityHash hash: String) -> [NLPRun] {
    (runsByIdentity[hash] ?? []).map { runs[$0] }
  }

  /// The number of distinct networks among the runs.
  public var distinctCellCount: Int { runsByIdentity.count }
}
