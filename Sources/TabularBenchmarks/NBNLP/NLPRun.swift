import Foundation
import SearchSpace

/// How a NAS-Bench-NLP training run ended.
public enum NLPRunStatus: Hashable, Codable, Sendable {
  /// All planned epochs ran (`"OK"` in the logs).
  case completed
  /// Training stopped early; the logged reason, such as `"loss is nan!"`.
  case failed(String)

  /// The status as the logs write it.
  public var logText: String {
    switch self {
    case .completed: "OK"
    case .failed(let reason): reason
    }
  }
}

/// One logged training run of the NAS-Bench-NLP benchmark: a cell, its settings, and
/// its losses and wall time per epoch.
///
/// Losses are natural-log cross-entropies; perplexity is `exp(loss)`. A run that
/// diverged logs `NaN` for its last epoch and has a ``NLPRunStatus/failed(_:)`` status;
/// its final perplexities are nil, and its best ones are taken over the finite epochs.
/// Several runs may share a recipe (and even a `recepie_id`): the benchmark trained
/// some cells more than once.
public struct NLPRun: Hashable, Sendable {
  /// The run's position in the log file.
  public var index: Int
  /// The benchmark's recipe id (`recepie_id`).
  public var recipeID: Int
  /// The benchmark's experiment id (`experiment_id`).
  public var experimentID: Int
  /// The recurrent cell trained.
  public var cell: NLPCell
  /// ``NLPSpace/identityHash(_:)`` of ``cell``.
  public var identityHash: String
  /// How training ended.
  public var status: NLPRunStatus
  /// Trainable parameters of the whole model (`num_params`).
  public var parameterCount: Int
  /// The training settings.
  public var hyperparameters: NLPTrainingHyperparameters
  /// Training loss per epoch.
  public var trainLosses: [Double]
  /// Validation loss per epoch.
  public var validationLosses: [Double]
  /// Test loss per epoch.
  public var testLosses: [Double]
  /// Wall-clock seconds per epoch: what a simulated search is charged.
  public var epochWallTimes: [Double]

  /// The number of epochs logged.
  public var epochCount: Int { validationLosses.count }

  /// Whether training completed (status `OK`).
  public var isCompleted: Bool { status == .completed }

  /// Validation perplexity after the last epoch; nil when the run failed.
  public var finalValidationPerplexity: Double? {
    finalPerplexity(validationLosses)
  }

  /// Test perplexity after the last epoch; nil when the run failed.
  public var finalTestPerplexity: Double? {
    finalPerplexity(testLosses)
  }

  /// The 1-based epoch with the lowest finite validation loss (the first one on ties);
  /// nil when no epoch has one.
  public var bestValidationEpoch: Int? {
    var best: Int?
    for (index, loss) in validationLosses.enumerated() where loss.isFinite {
      if best.map({ loss < validationLosses[$0] }) ?? true { best = index }
    }
    return best.map { $0 + 1 }
  }

  /// The lowest validation perplexity over the epochs.
  public var bestValidationPerplexity: Double? {
    bestValidationEpoch.map { exp(validationLosses[$0 - 1]) }
  }

  /// Test perplexity at ``bestValidationEpoch``.
  public var testPerplexityAtBestValidation: Double? {
    bestValidationEpoch.map { exp(testLosses[$0 - 1]) }
  }

  /// Validation perplexity after 1-based `epoch`, for a search that trains for fewer
  /// epochs; nil when the run did not log that epoch or its loss is not finite.
  public func validationPerplexity(atEpoch epoch: Int) -> Double? {
    guard epoch >= 1, epoch <= validationLosses.count, validationLosses[epoch - 1].isFinite
    else { return nil }
    return exp(validationLosses[epoch - 1])
  }

  /// Wall time in seconds of the first `epochs` epochs (all logged ones when fewer): the
  /// simulated cost of training this cell for that long.
  public func wallTime(epochs: Int) -> Double {
    epochWallTimes.prefix(max(epochs, 0)).reduce(0, +)
  }

  /// Total training wall time in seconds.
  public var totalWallTime: Double { epochWallTimes.reduce(0, +) }

  /// Mean wall time per epoch in seconds.
  public var meanEpochWallTime: Double { totalWallTime / Double(max(epochWallTimes.count, 1)) }

  private func finalPerplexity(_ losses: [Double]) -> Double? {
    guard isCompleted, let last = losses.last, last.isFinite else { return nil }
    return exp(last)
  }
}
