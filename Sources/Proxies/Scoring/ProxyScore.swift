/// A scorer's verdict on one architecture.
///
/// A value where higher is better, or the worst value (`-infinity`) with the reason it
/// could not be computed. Never NaN, so a ranking never has to guess.
public struct ProxyScore: Sendable, Equatable {
  /// The score; `-infinity` when it could not be computed.
  public var value: Double
  /// Why the score is the worst value, when it is.
  public var failure: String?

  /// A computed score; a non-finite value becomes a failure with `reason`.
  public init(_ value: Double, ifNotFinite reason: String = "the score is not finite") {
    if value.isFinite {
      self.value = value
      failure = nil
    } else {
      self.value = -.infinity
      failure = value.isNaN ? "the score is NaN: \(reason)" : reason
    }
  }

  /// A score that could not be computed.
  public static func failed(_ reason: String) -> ProxyScore {
    var score = ProxyScore(0)
    score.value = -.infinity
    score.failure = reason
    return score
  }

  /// Whether a value was computed.
  public var isValid: Bool { failure == nil }
}
