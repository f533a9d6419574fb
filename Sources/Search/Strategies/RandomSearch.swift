import SearchSpace

/// Random search: evaluate uniformly sampled architectures until the budget runs out and
/// keep the best.
///
/// The baseline of every NAS benchmark paper. On NAS-Bench-201 it samples each edge's
/// operation uniformly and is charged the same simulated training time as REA (Dong &
/// Yang, ICLR 2020, §5); published 200-epoch CIFAR-10 test accuracy at 12,000 s:
/// 93.70 ± 0.36.
public struct RandomSearch: SearchStrategy {
  /// Which evaluator scores the samples (the benchmark, or a proxy).
  public var fitness: FitnessSource

  /// Creates a random search scoring with `fitness`.
  public init(fitness: FitnessSource = .benchmark) {
    self.fitness = fitness
  }

  /// `random`.
  public var name: String { "random" }
  /// The source the samples are scored with.
  public var selection: FitnessSource { fitness }
  /// Only the scoring source.
  public var requiredSources: Set<FitnessSource> { [fitness] }

  /// Samples and evaluates until the budget is exhausted.
  /// (Specialised for NB201, whose benchmark-only searches are loops of table lookups.)
  @_specialize(where Space == NB201Space)
  public func run<Space: SearchSpace>(_ run: SearchRun<Space>) throws(SearchInterruption) {
    while true {
      let architecture = run.space.sample(using: &run.rng)
      _ = try run.evaluate(architecture, with: fitness)
    }
  }
}
