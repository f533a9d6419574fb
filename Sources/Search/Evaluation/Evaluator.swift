/// Something that assigns a fitness to an architecture: a zero-cost proxy scoring a
/// real network (cheap) or a tabular benchmark's trained accuracy (expensive).
///
/// Higher fitness is better. `simulatedCost` is what the evaluation charges to the
/// run's simulated clock: the benchmark's training time, or a proxy's scoring time.
public protocol Evaluator<Architecture>: Sendable {
  /// The architecture type this evaluator understands.
  associatedtype Architecture: Hashable & Sendable

  /// A short name for logs and result files, such as `naswot` or `nb201:cifar10_valid_val_acc`.
  var name: String { get }

  /// Evaluates `architecture`.
  func evaluate(_ architecture: Architecture) throws(EvaluationError) -> Evaluation

  /// Whether an evaluation is a lookup: asking again gives the same evaluation, at no cost
  /// worth keeping (a benchmark table, a score table).
  ///
  /// A run whose evaluators all look up needs no journal line per evaluation: the journal
  /// keeps its end and wall times, and resuming computes it again (see ``Journal``).
  var isLookup: Bool { get }
}

extension Evaluator {
  /// An evaluator computes (a proxy scoring a network) unless it says otherwise.
  public var isLookup: Bool { false }
}

/// The outcome of one evaluation.
public struct Evaluation: Sendable, Equatable, Codable {
  /// The fitness, higher is better; never NaN (a failed score is `-infinity`).
  public var fitness: Double
  /// Seconds charged to the simulated clock.
  public var simulatedCost: Double
  /// Why the fitness is the worst value, when it is.
  public var failureReason: String?

  /// Creates an evaluation; NaN fitness becomes `-infinity` with a reason.
  public init(fitness: Double, simulatedCost: Double = 0, failureReason: String? = nil) {
    if fitness.isNaN {
      self.fitness = -.infinity
      self.failureReason = failureReason ?? "score is NaN"
    } else {
      self.fitness = fitness
      self.failureReason = failureReason
    }
    self.simulatedCost = simulatedCost
  }
}

/// Why an evaluator could not evaluate an architecture at all (as opposed to giving it
/// the worst fitness): a missing table row, an unreadable file.
public struct EvaluationError: Error, CustomStringConvertible, Sendable {
  /// What went wrong, naming the architecture and the source.
  public var message: String

  /// Creates an error with `message`.
  public init(_ message: String) { self.message = message }

  /// The message.
  public var description: String { message }
}
