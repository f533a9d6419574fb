/// What one finished run found and spent.
public struct RunOutcome: Sendable {
  /// The run's seed.
  public var seed: UInt64
  /// The strategy's name.
  public var strategy: String
  /// The evaluation that decided the answer (highest fitness of the strategy's
  /// selection source), or nil when the run made none.
  public var best: HistoryEntry?
  /// The proxy's score of the best architecture, when a proxy is configured.
  public var bestProxyScore: Double?
  /// Every benchmark column of the best architecture, by column name, in table order.
  public var bestMetrics: [(name: String, value: Double)]
  /// What the run spent.
  public var usage: BudgetUsage
  /// Why it ended.
  public var stopReason: StopReason
  /// Every evaluation, in order.
  public var history: [HistoryEntry]
  /// For each evaluation, the reported metric of the best architecture so far (for
  /// best-so-far plots), when a report metric is configured.
  public var bestSoFarMetric: [Double]?

  /// The value of the reported column `name` for the best architecture.
  public func metric(_ name: String) -> Double? {
    bestMetrics.first { $0.name == name }?.value
  }
}
