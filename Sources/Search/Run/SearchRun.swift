import SearchSpace

/// The state of one search run that a strategy drives: the space, the seeded random
/// generator, the evaluators, the budget and the history.
///
/// A strategy asks for fitness through ``evaluate(_:with:)``; that call caches repeats,
/// charges the simulated clock, appends to the journal, and throws
/// ``SearchInterruption/budgetExhausted(_:)`` once a limit has been reached, so a
/// strategy is a plain loop. A run is confined to one thread.
public final class SearchRun<Space: SearchSpace> {
  /// The search space.
  public let space: Space
  /// The run's random generator; strategies draw every random choice from it.
  public var rng: SplitMix64
  /// The limits of this run.
  public let budget: SearchBudget
  /// Every evaluation so far, in order.
  public private(set) var history: [HistoryEntry] = []
  /// What has been spent so far.
  public private(set) var usage = BudgetUsage()
  /// Called after every evaluation (for progress reporting).
  public var onEvaluation: ((HistoryEntry, BudgetUsage) -> Void)?

  private let evaluators: [FitnessSource: any Evaluator<Space.Architecture>]
  /// Where in `known` each architecture met so far is (REA meets the same ones often):
  /// one hash lookup per evaluation, two for a new architecture.
  private var knownIndex: [Space.Architecture: Int] = [:]
  /// What is known of the architectures met so far: text and evaluations.
  private var known: [Known] = []
  /// Canonical texts shared by the runs of one specification, so that each run does not
  /// make the same strings again; nil: each run makes its own.
  var sharedTexts: ArchitectureTexts<Space.Architecture>?
  private let journal: Journal?
  private let journalRun: Int
  private var replay: [HistoryEntry]
  private let clock = ContinuousClock()
  private var liveStart: ContinuousClock.Instant
  private var wallOffset = 0.0

  /// Creates a run.
  ///
  /// - Parameters:
  ///   - space: the search space.
  ///   - seed: the seed of the run's random generator.
  ///   - budget: the run's limits.
  ///   - evaluators: the evaluator for each fitness source.
  ///   - replaying: evaluations recorded by an earlier, interrupted run with the same
  ///     configuration and seed; they are answered from the record, in order.
  ///   - journal: where to append each new evaluation, or nil.
  ///   - run: the run's index in its experiment, recorded with each journal line.
  public init(
    space: Space, seed: UInt64, budget: SearchBudget,
    evaluators: [FitnessSource: any Evaluator<Space.Architecture>],
    replaying: [HistoryEntry] = [], journal: Journal? = nil, run: Int = 0
  ) {
    self.space = space
    self.rng = SplitMix64(seed: seed)
    self.budget = budget
    self.evaluators = evaluators
    self.replay = replaying
    self.journal = journal
    self.journalRun = run
    self.liveStart = clock.now
  }

  /// Whether an evaluator for `source` was configured.
  public func has(_ source: FitnessSource) -> Bool { evaluators[source] != nil }

  /// The fitness of `architecture` according to `source`.
  ///
  /// - Throws: ``SearchInterruption/budgetExhausted(_:)`` when a limit was reached
  ///   before this call (the evaluation that crosses a limit still counts).
  public func evaluate(_ architecture: Space.Architecture, with source: FitnessSource)
    throws(SearchInterruption) -> Double
  {
    // The wall clock is read only when the budget has a wall-time limit.
    if let reason = budget.exhausted(by: budget.wallSeconds == nil ? usage : currentUsage()) {
      throw .budgetExhausted(reason)
    }
    let slot: Int
    if let found = knownIndex[architecture] {
      slot = found
    } else {
      slot = known.count
      knownIndex[architecture] = slot
      let text =
        sharedTexts.map { $0.text(of: architecture, in: space) }
        ?? space.canonicalString(architecture)
      known.append(Known(text: text))
    }
    let text = known[slot].text
    let entry: HistoryEntry
    if history.count < replay.count {
      let recorded = replay[history.count]
      guard recorded.architecture == text, recorded.source == source else {
        throw .journalMismatch(
          "evaluation \(history.count) was \(recorded.source.rawValue) of '\(recorded.architecture)'"
            + " in the journal but is \(source.rawValue) of '\(text)' now")
      }
      entry = recorded
      known[slot][source] = Evaluation(
        fitness: recorded.fitness, simulatedCost: recorded.simulatedCost,
        failureReason: recorded.failureReason)
      if history.count + 1 == replay.count {
        wallOffset = recorded.wallSeconds
        liveStart = clock.now
      }
    } else {
      let evaluation = try lookUp(architecture, at: slot, with: source)
      let simulated = usage.simulatedSeconds + evaluation.simulatedCost
      entry = HistoryEntry(
        index: history.count, architecture: text, source: source, fitness: evaluation.fitness,
        simulatedCost: evaluation.simulatedCost, wallSeconds: liveWallSeconds(),
        simulatedSeconds: simulated, failureReason: evaluation.failureReason)
      do {
        try journal?.append(entry, run: journalRun)
      } catch {
        throw .evaluationFailed(error)
      }
    }
    history.append(entry)
    usage.evaluations = history.count
    usage.simulatedSeconds = entry.simulatedSeconds
    usage.wallSeconds = entry.wallSeconds
    onEvaluation?(entry, usage)
    return entry.fitness
  }

  /// The budget spent, with the wall clock read now.
  public func currentUsage() -> BudgetUsage {
    var current = usage
    if history.count >= replay.count { current.wallSeconds = liveWallSeconds() }
    return current
  }

  private func lookUp(
    _ architecture: Space.Architecture, at slot: Int, with source: FitnessSource
  ) throws(SearchInterruption) -> Evaluation {
    if let cached = known[slot][source] { return cached }
    guard let evaluator = evaluators[source] else {
      throw .evaluationFailed(EvaluationError("no \(source.rawValue) evaluator is configured"))
    }
    let evaluation: Evaluation
    do {
      evaluation = try evaluator.evaluate(architecture)
    } catch {
      throw .evaluationFailed(error)
    }
    known[slot][source] = evaluation
    return evaluation
  }

  private func liveWallSeconds() -> Double {
    let elapsed = (clock.now - liveStart).components
    return wallOffset + Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
  }

  /// An architecture's canonical text and its evaluations so far.
  private struct Known {
    var text: String
    var proxy: Evaluation?
    var benchmark: Evaluation?

    subscript(source: FitnessSource) -> Evaluation? {
      get {
        switch source {
        case .proxy: proxy
        case .benchmark: benchmark
        }
      }
      set {
        switch source {
        case .proxy: proxy = newValue
        case .benchmark: benchmark = newValue
        }
      }
    }
  }

  /// The entry with the highest fitness among evaluations by `source` (earliest on ties).
  public func best(by source: FitnessSource) -> HistoryEntry? {
    var best: HistoryEntry?
    for entry in history where entry.source == source {
      if best == nil || entry.fitness > (best?.fitness ?? -.infinity) { best = entry }
    }
    return best
  }
}
