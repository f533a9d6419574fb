/// Which evaluator a strategy asks: the cheap one (a zero-cost proxy) or the
/// expensive one (a tabular benchmark's trained accuracy).
public enum FitnessSource: String, Sendable, Codable, Hashable, CaseIterable {
  /// The zero-cost proxy.
  case proxy
  /// The tabular benchmark (trained accuracy, simulated training time).
  case benchmark

  /// The raw value as a static string, for the writers of large result files.
  var staticName: StaticString {
    switch self {
    case .proxy: "proxy"
    case .benchmark: "benchmark"
    }
  }
}
