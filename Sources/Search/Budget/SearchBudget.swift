/// Limits on one search run; any combination, the first one reached stops the run.
///
/// The simulated clock follows the NAS-Bench-201 protocol: every query of the
/// benchmark charges the table's training time, and the evaluation that crosses the
/// limit still counts (as in XAutoDL's `R_EA.py`).
public struct SearchBudget: Sendable, Equatable, Codable {
  /// The most evaluations (queries of any evaluator), or nil for no limit.
  public var evaluations: Int?
  /// The most wall-clock seconds, or nil for no limit.
  public var wallSeconds: Double?
  /// The most simulated training seconds, or nil for no limit.
  public var simulatedSeconds: Double?

  /// Creates a budget; at least one limit should be set for a search to end.
  public init(evaluations: Int? = nil, wallSeconds: Double? = nil, simulatedSeconds: Double? = nil)
  {
    self.evaluations = evaluations
    self.wallSeconds = wallSeconds
    self.simulatedSeconds = simulatedSeconds
  }

  /// Whether no limit is set.
  public var isUnlimited: Bool {
    evaluations == nil && wallSeconds == nil && simulatedSeconds == nil
  }

  /// The limit that `usage` has reached, if any (evaluations first, then simulated
  /// time, then wall time).
  public func exhausted(by usage: BudgetUsage) -> StopReason? {
    if let evaluations, usage.evaluations >= evaluations { return .evaluations }
    if let simulatedSeconds, usage.simulatedSeconds >= simulatedSeconds { return .simulatedTime }
    if let wallSeconds, usage.wallSeconds >= wallSeconds { return .wallTime }
    return nil
  }
}

/// What a run has spent so far.
public struct BudgetUsage: Sendable, Equatable, Codable {
  /// Evaluations made (cached repeats included).
  public var evaluations = 0
  /// Wall-clock seconds since the run started (including before a resume).
  public var wallSeconds = 0.0
  /// Simulated training seconds charged.
  public var simulatedSeconds = 0.0

  /// Nothing spent.
  public init() {}
}

/// Why a run ended.
public enum StopReason: String, Sendable, Codable, Equatable {
  /// The evaluation limit was reached.
  case evaluations
  /// The wall-clock limit was reached.
  case wallTime = "wall_time"
  /// The simulated training-time limit was reached.
  case simulatedTime = "simulated_time"
  /// The strategy finished on its own (e.g. NASWOT search scored all its samples).
  case completed
}
