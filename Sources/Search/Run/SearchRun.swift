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
  public var history: [HistoryEntry] { state.history }
  /// What has been spent so far.
  public var usage: BudgetUsage { state.usage }
  /// Called after every evaluation (for progress reporting).
  public var onEvaluation: ((HistoryEntry, BudgetUsage) -> Void)?

  /// The evaluators of the two sources, in fields of their own: a lookup in the
  /// dictionary the run is given would hash the source's name at every evaluation.
  private let proxyEvaluator: (any Evaluator<Space.Architecture>)?
  private let benchmarkEvaluator: (any Evaluator<Space.Architecture>)?
  /// Canonical texts shared by the runs of one specification, so that each run does not
  /// make the same strings again; nil: each run makes its own.
  var sharedTexts: ArchitectureTexts<Space.Architecture>?
  private let journal: Journal?
  private let journalRun: Int
  private let clock = ContinuousClock()
  /// Everything an evaluation changes, in one property: an evaluation is one access to
  /// it (each access to a class's stored property is checked for exclusivity at run time).
  private var state: State

  /// The mutable state of a run.
  private struct State {
    var history: [HistoryEntry] = []
    var usage = BudgetUsage()
    /// Where in `known` each architecture met so far is (REA meets the same ones often):
    /// one hash lookup per evaluation, two for a new architecture.
    var knownIndex: [Space.Architecture: Int] = [:]
    /// What is known of the architectures met so far: text and evaluations.
    var known: [Known] = []
    /// The position in `known` of each evaluation's architecture.
    var slots: [Int] = []
    var replay: [HistoryEntry]
    /// The recorded wall seconds of a run whose journal kept only its end: its
    /// evaluations are asked again, their wall times are the recorded ones.
    var replayWalls: [Double]
    /// How many evaluations are answered from the record: `replay` or `replayWalls`.
    var replayCount: Int { max(replay.count, replayWalls.count) }
    var liveStart: ContinuousClock.Instant
    var wallOffset = 0.0
  }

  /// Creates a run.
  ///
  /// - Parameters:
  ///   - space: the search space.
  ///   - seed: the seed of the run's random generator.
  ///   - budget: the run's limits.
  ///   - evaluators: the evaluator for each fitness source.
  ///   - replaying: evaluations recorded by an earlier, interrupted run with the same
  ///     configuration and seed; they are answered from the record, in order.
  ///   - replayingWalls: the wall seconds of the evaluations of an earlier run whose
  ///     journal kept only its end (its evaluators look up): they are evaluated again and
  ///     given these wall times, in order.
  ///   - journal: where to append each new evaluation, or nil.
  ///   - run: the run's index in its experiment, recorded with each journal line.
  public init(
    space: Space, seed: UInt64, budget: SearchBudget,
    evaluators: [FitnessSource: any Evaluator<Space.Architecture>],
    replaying: [HistoryEntry] = [], replayingWalls: [Double] = [], journal: Journal? = nil,
    run: Int = 0
  ) {
    self.space = space
    self.rng = SplitMix64(seed: seed)
    self.budget = budget
    self.proxyEvaluator = evaluators[.proxy]
    self.benchmarkEvaluator = evaluators[.benchmark]
    self.journal = journal
    self.journalRun = run
    self.state = State(replay: replaying, replayWalls: replayingWalls, liveStart: clock.now)
    // Room for a typical run (NB201 REA makes about 100 evaluations): growing a dictionary
    // hashes every key again.
    let room = max(Self.initialCapacity, replaying.count, replayingWalls.count)
    state.history.reserveCapacity(room)
    state.slots.reserveCapacity(room)
    state.known.reserveCapacity(room)
    state.knownIndex.reserveCapacity(room)
  }

  /// The evaluations a run has room for from the start.
  static var initialCapacity: Int { 128 }

  /// Whether an evaluator for `source` was configured.
  public func has(_ source: FitnessSource) -> Bool { evaluator(of: source) != nil }

  /// The evaluator of `source`, if one was configured.
  private func evaluator(of source: FitnessSource) -> (any Evaluator<Space.Architecture>)? {
    switch source {
    case .proxy: proxyEvaluator
    case .benchmark: benchmarkEvaluator
    }
  }

  /// The fitness of `architecture` according to `source`.
  ///
  /// - Throws: ``SearchInterruption/budgetExhausted(_:)`` when a limit was reached
  ///   before this call (the evaluation that crosses a limit still counts).
  public func evaluate(_ architecture: Space.Architecture, with source: FitnessSource)
    throws(SearchInterruption) -> Double
  {
    // The wall clock is read only when the budget has a wall-time limit.
    if let reason = budget.exhausted(by: budget.wallSeconds == nil ? state.usage : currentUsage()) {
      throw .budgetExhausted(reason)
    }
    let entry = try record(architecture, with: source, in: &state)
    onEvaluation?(entry, state.usage)
    return entry.fitness
  }

  /// Answers an evaluation from the replayed journal or the evaluator and records it.
  private func record(
    _ architecture: Space.Architecture, with source: FitnessSource, in state: inout State
  ) throws(SearchInterruption) -> HistoryEntry {
    let slot: Int
    if let found = state.knownIndex[architecture] {
      slot = found
    } else {
      slot = state.known.count
      state.knownIndex[architecture] = slot
      let text =
        sharedTexts.map { $0.text(of: architecture, in: space) }
        ?? space.canonicalString(architecture)
      state.known.append(Known(architecture: architecture, text: text))
    }
    let text = state.known[slot].text
    let entry: HistoryEntry
    let index = state.history.count
    if index < state.replay.count {
      let recorded = state.replay[index]
      guard recorded.architecture == text, recorded.source == source else {
        throw .journalMismatch(
          "evaluation \(index) was \(recorded.source.rawValue) of '\(recorded.architecture)'"
            + " in the journal but is \(source.rawValue) of '\(text)' now")
      }
      entry = recorded
      state.known[slot][source] = Evaluation(
        fitness: recorded.fitness, simulatedCost: recorded.simulatedCost,
        failureReason: recorded.failureReason)
      if index + 1 == state.replay.count {
        state.wallOffset = recorded.wallSeconds
        state.liveStart = clock.now
      }
    } else {
      let evaluation: Evaluation
      if let cached = state.known[slot][source] {
        evaluation = cached
      } else {
        evaluation = try lookUp(architecture, with: source)
        state.known[slot][source] = evaluation
      }
      let simulated = state.usage.simulatedSeconds + evaluation.simulatedCost
      let wall: Double
      if index < state.replayWalls.count {
        wall = state.replayWalls[index]
        if index + 1 == state.replayWalls.count {
          state.wallOffset = wall
          state.liveStart = clock.now
        }
      } else {
        wall = Self.wallSeconds(clock.now - state.liveStart, after: state.wallOffset)
      }
      entry = HistoryEntry(
        index: index, architecture: text, source: source, fitness: evaluation.fitness,
        simulatedCost: evaluation.simulatedCost, wallSeconds: wall, simulatedSeconds: simulated,
        failureReason: evaluation.failureReason)
      do {
        try journal?.append(entry, run: journalRun)
      } catch {
        throw .evaluationFailed(error)
      }
    }
    state.history.append(entry)
    state.slots.append(slot)
    state.usage.evaluations = state.history.count
    state.usage.simulatedSeconds = entry.simulatedSeconds
    state.usage.wallSeconds = entry.wallSeconds
    return entry
  }

  /// The architecture of evaluation `index` and a number that identifies it within the
  /// run (equal numbers, equal architectures).
  func architecture(ofEvaluation index: Int) -> (architecture: Space.Architecture, key: Int) {
    let slot = state.slots[index]
    return (state.known[slot].architecture, slot)
  }

  /// The budget spent, with the wall clock read now.
  public func currentUsage() -> BudgetUsage {
    var current = state.usage
    if state.history.count >= state.replayCount {
      current.wallSeconds = Self.wallSeconds(clock.now - state.liveStart, after: state.wallOffset)
    }
    return current
  }

  /// What the evaluator of `source` says of `architecture`.
  private func lookUp(_ architecture: Space.Architecture, with source: FitnessSource)
    throws(SearchInterruption) -> Evaluation
  {
    guard let evaluator = evaluator(of: source) else {
      throw .evaluationFailed(EvaluationError("no \(source.rawValue) evaluator is configured"))
    }
    do {
      return try evaluator.evaluate(architecture)
    } catch {
      throw .evaluationFailed(error)
    }
  }

  /// Wall seconds: `offset` (the interrupted run's) and `elapsed` since the live start,
  /// rounded to whole microseconds as the result files write them.
  private static func wallSeconds(_ elapsed: Duration, after offset: Double) -> Double {
    let components = elapsed.components
    return WallSeconds.rounded(
      offset + Double(components.seconds) + Double(components.attoseconds) * 1e-18)
  }

  /// An architecture's canonical text and its evaluations so far.
  private struct Known {
    var architecture: Space.Architecture
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
    // Compared in place: copying each entry retains and releases its texts.
    let history = state.history
    var best = -1
    for index in history.indices where history[index].source == source {
      if best < 0 || history[index].fitness > history[best].fitness { best = index }
    }
    return best < 0 ? nil : history[best]
  }
}
