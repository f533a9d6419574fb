/// One run as the experiment's result files see it: its line of `runs.csv` and its
/// best-so-far curve for the plot.
///
/// Made from a finished run, or read back from a directory's `runs.csv` and `history.csv`
/// when `merge-runs` joins directories; both give the same files.
public struct RunRecord: Sendable {
  /// One point of the best-so-far curve.
  public struct Point: Sendable, Equatable {
    /// The evaluation count after this evaluation (1-based).
    public var evaluations: Int
    /// Simulated seconds after this evaluation.
    public var simulatedSeconds: Double
    /// The plotted metric of the best architecture so far.
    public var value: Double
  }

  /// The run's index in its experiment.
  public var run: Int
  /// The run's seed.
  public var seed: UInt64
  /// The best architecture's canonical text, when the run made an evaluation.
  public var bestArchitecture: String?
  /// Its fitness.
  public var fitness: Double?
  /// Its proxy score, when a proxy is configured.
  public var proxyScore: Double?
  /// Every benchmark column of the best architecture, in table order.
  public var metrics: [(name: String, value: Double)]
  /// Evaluations made.
  public var evaluations: Int
  /// Simulated seconds spent.
  public var simulatedSeconds: Double
  /// Wall-clock seconds spent.
  public var wallSeconds: Double
  /// Why the run ended (``StopReason`` raw value).
  public var stoppedBy: String
  /// The best-so-far curve (finite values only).
  public var curve: [Point]

  /// The record of run `run` from its outcome.
  public init(run: Int, outcome: RunOutcome) {
    self.init(run: run, outcome: outcome, curve: true)
  }

  /// The record of run `run` from its outcome, with its best-so-far curve when `curve`.
  init(run: Int, outcome: RunOutcome, curve: Bool) {
    self.run = run
    seed = outcome.seed
    bestArchitecture = outcome.best?.architecture
    fitness = outcome.best?.fitness
    proxyScore = outcome.bestProxyScore
    metrics = outcome.bestMetrics
    evaluations = outcome.usage.evaluations
    simulatedSeconds = outcome.usage.simulatedSeconds
    wallSeconds = outcome.usage.wallSeconds
    stoppedBy = outcome.stopReason.rawValue
    self.curve = []
    if curve, let values = outcome.bestSoFarMetric {
      for (entry, value) in zip(outcome.history, values) where value.isFinite {
        self.curve.append(
          Point(
            evaluations: entry.index + 1, simulatedSeconds: entry.simulatedSeconds, value: value))
      }
    }
  }

  /// A record from its parts (as read from files).
  public init(
    run: Int, seed: UInt64, bestArchitecture: String?, fitness: Double?, proxyScore: Double?,
    metrics: [(name: String, value: Double)], evaluations: Int, simulatedSeconds: Double,
    wallSeconds: Double, stoppedBy: String, curve: [Point] = []
  ) {
    self.run = run
    self.seed = seed
    self.bestArchitecture = bestArchitecture
    self.fitness = fitness
    self.proxyScore = proxyScore
    self.metrics = metrics
    self.evaluations = evaluations
    self.simulatedSeconds = simulatedSeconds
    self.wallSeconds = wallSeconds
    self.stoppedBy = stoppedBy
    self.curve = curve
  }

  /// The value of metric `name`.
  public func metric(_ name: String) -> Double? { metrics.first { $0.name == name }?.value }
}
