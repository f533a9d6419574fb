import SearchSpace

/// NASWOT search (Mellor et al., ICML 2021, Algorithm 1): draw N architectures uniformly
/// *with replacement*, score each with the proxy, return the best.
///
/// No training at all: the answer is the proxy's choice, and its trained accuracy is
/// only looked up for reporting. Published on NAS-Bench-201 (CIFAR-10 test, 200 epochs):
/// N=10 92.44 ± 1.13, N=100 92.81 ± 0.99, N=1000 92.96 ± 0.81. The same search with
/// epsilon as the proxy is the epsinas search (Gracheva, egracheva/epsinas: N=1000,
/// cells whose score is NaN skipped — here they score −∞ and so never win).
public struct ProxySampling: SearchStrategy {
  /// `naswot`, or `proxy-sampling` for the same search with any proxy.
  public var name: String
  /// Architectures to sample and score (N).
  public var sampleCount: Int

  /// Creates a NASWOT-style search over `sampleCount` samples.
  public init(name: String = "naswot", sampleCount: Int) {
    self.name = name
    self.sampleCount = sampleCount
  }

  /// The proxy decides.
  public var selection: FitnessSource { .proxy }
  /// The proxy.
  public var requiredSources: Set<FitnessSource> { [.proxy] }
  /// N.
  public var plannedEvaluations: Int? { sampleCount }

  /// Scores `sampleCount` random architectures.
  public func run<Space: SearchSpace>(_ run: SearchRun<Space>) throws(SearchInterruption) {
    for _ in 0..<sampleCount {
      let architecture = run.space.sample(using: &run.rng)
      _ = try run.evaluate(architecture, with: .proxy)
    }
  }
}
