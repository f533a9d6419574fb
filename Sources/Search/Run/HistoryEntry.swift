/// One evaluation of a run, in the order it was made.
public struct HistoryEntry: Sendable, Equatable, Codable {
  /// 0-based position in the run.
  public var index: Int
  /// The architecture's canonical text.
  public var architecture: String
  /// Which evaluator was asked.
  public var source: FitnessSource
  /// The fitness it returned (higher is better; `-infinity` for a failed score).
  public var fitness: Double
  /// Simulated seconds this evaluation charged.
  public var simulatedCost: Double
  /// Wall-clock seconds since the run started, after this evaluation.
  public var wallSeconds: Double
  /// Simulated seconds since the run started, after this evaluation.
  public var simulatedSeconds: Double
  /// Why the fitness is the worst value, when it is.
  public var failureReason: String?

  /// Creates an entry.
  public init(
    index: Int, architecture: String, source: FitnessSource, fitness: Double,
    simulatedCost: Double, wallSeconds: Double, simulatedSeconds: Double,
    failureReason: String? = nil
  ) {
    self.index = index
    self.architecture = architecture
    self.source = source
    self.fitness = fitness
    self.simulatedCost = simulatedCost
    self.wallSeconds = wallSeconds
    self.simulatedSeconds = simulatedSeconds
    self.failureReason = failureReason
  }
}
