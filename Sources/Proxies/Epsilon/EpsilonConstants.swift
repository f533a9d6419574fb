/// The two shared weight values of the epsilon scorer, `(low, high)`.
///
/// The authors chose them per search space (egracheva/epsinas): NAS-Bench-201
/// (1e-7, 1), NAS-Bench-101 (1e-4, 10), NAS-Bench-NLP (1e-5, 1e-3). Any two distinct
/// positive values are accepted.
public struct EpsilonConstants: Hashable, Sendable {
  /// The first (smaller) shared weight.
  public var low: Double
  /// The second shared weight.
  public var high: Double

  /// Two shared weights; they must be finite, positive and distinct.
  public init(low: Double, high: Double) {
    precondition(
      low.isFinite && high.isFinite && low > 0 && high > 0 && low != high,
      "epsilon constants must be finite, positive and distinct")
    self.low = low
    self.high = high
  }

  /// NAS-Bench-201: (1e-7, 1).
  public static let nb201 = EpsilonConstants(low: 1e-7, high: 1)
  /// NAS-Bench-101: (1e-4, 10).
  public static let nb101 = EpsilonConstants(low: 1e-4, high: 10)
  /// NAS-Bench-NLP: (1e-5, 1e-3).
  public static let nlp = EpsilonConstants(low: 1e-5, high: 1e-3)
}
