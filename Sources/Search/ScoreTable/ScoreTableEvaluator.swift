import SearchSpace

/// A proxy evaluator that looks scores up in a ``ScoreTable`` instead of building
/// networks; each lookup charges the table's recorded scoring time (or a fixed cost).
public struct ScoreTableEvaluator<Space: SearchSpace>: Evaluator {
  /// The space, for the canonical text of an architecture.
  public let space: Space
  /// The table.
  public let table: ScoreTable
  /// Where the table came from, for error messages.
  public let source: String
  /// A fixed simulated cost per lookup, replacing the recorded seconds.
  public let costSeconds: Double?

  /// Creates an evaluator over `table`.
  public init(space: Space, table: ScoreTable, source: String, costSeconds: Double? = nil) {
    self.space = space
    self.table = table
    self.source = source
    self.costSeconds = costSeconds
  }

  /// The proxy's name from the table's metadata.
  public var name: String { table.metadata("proxy") ?? "score-table" }

  /// A table lookup: the same row each time.
  public var isLookup: Bool { true }

  /// The recorded score of `architecture`.
  public func evaluate(_ architecture: Space.Architecture) throws(EvaluationError) -> Evaluation {
    let text = space.canonicalString(architecture)
    guard let row = table.row(for: text) else {
      throw EvaluationError("'\(text)' is not in the score table \(source)")
    }
    return Evaluation(
      fitness: row.score, simulatedCost: costSeconds ?? row.seconds, failureReason: row.failure)
  }
}
