/// The expensive evaluator: a tabular benchmark's trained accuracy as fitness, and its
/// training time charged to the simulated clock.
///
/// Built from two lookups so that it works for any table: the fitness column (negated
/// when lower is better, such as perplexity) and the cost.
public struct TableEvaluator<Architecture: Hashable & Sendable>: Evaluator {
  /// `table:column`, for logs.
  public let name: String
  private let lookUp: @Sendable (Architecture) -> (fitness: Double, cost: Double)?
  private let describe: @Sendable (Architecture) -> String

  /// Creates an evaluator.
  ///
  /// - Parameters:
  ///   - name: `table:column`, for logs.
  ///   - lookUp: the fitness (higher is better) and simulated cost of an architecture,
  ///     or nil when the table has no row for it.
  ///   - describe: the architecture's text, for the error when it is missing.
  public init(
    name: String,
    lookUp: @escaping @Sendable (Architecture) -> (fitness: Double, cost: Double)?,
    describe: @escaping @Sendable (Architecture) -> String
  ) {
    self.name = name
    self.lookUp = lookUp
    self.describe = describe
  }

  /// A table lookup: the same row each time.
  public var isLookup: Bool { true }

  /// The table's fitness and cost for `architecture`.
  public func evaluate(_ architecture: Architecture) throws(EvaluationError) -> Evaluation {
    guard let (fitness, cost) = lookUp(architecture) else {
      throw EvaluationError("'\(describe(architecture))' is not in the benchmark table (\(name))")
    }
    return Evaluation(fitness: fitness, simulatedCost: cost)
  }
}
