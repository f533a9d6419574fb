/// The NAS-Bench-201 search space (NATS-Bench's topology space): 15,625 cells of six
/// edges, each one of five operations.
///
/// Sampling draws every edge uniformly; mutation changes one edge to a different
/// operation, picking the edge as the benchmark's REA does (see
/// ``NB201Cell/MutationEdgeChoice``). The text form is the benchmark's
/// `arch_str`, and ``identityHash(_:)`` is NATS-Bench's `unique_str`, equal for
/// isomorphic cells (6,466 classes).
///
/// Every ``NB201Cell`` value is a member of the space, including the 341 cells whose
/// output is disconnected from their input: the benchmark lists them (at chance
/// accuracy), and ``NB201Cell/hasInputOutputPath`` tells them apart.
public struct NB201Space: SearchSpace {
  /// How ``mutate(_:using:)`` picks the edge it changes.
  public var mutationEdgeChoice: NB201Cell.MutationEdgeChoice

  /// Creates the space.
  ///
  /// - Parameter mutationEdgeChoice: the default, `.nodeThenEdge`, reproduces
  ///   XAutoDL's `mutate_topology_func`.
  public init(mutationEdgeChoice: NB201Cell.MutationEdgeChoice = .nodeThenEdge) {
    self.mutationEdgeChoice = mutationEdgeChoice
  }

  /// `nb201`.
  public var name: String { "nb201" }

  /// Draws each of the six edge operations uniformly.
  public func sample(using rng: inout some RandomNumberGenerator) -> NB201Cell {
    NB201Cell.random(using: &rng)
  }

  /// Changes one edge of `architecture` to a different operation.
  public func mutate(
    _ architecture: NB201Cell, using rng: inout some RandomNumberGenerator
  ) -> NB201Cell {
    architecture.mutated(choosingEdge: mutationEdgeChoice, using: &rng)
  }

  /// Never throws: every ``NB201Cell`` value is a cell of the space.
  public func validate(_ architecture: NB201Cell) throws(ArchitectureError) {}

  /// Reads the benchmark's `arch_str` form (see ``NB201Cell/init(parsing:)``).
  public func parse(_ text: String) throws(ArchitectureError) -> NB201Cell {
    try NB201Cell(parsing: text)
  }

  /// The benchmark's `arch_str` form of `architecture`.
  public func canonicalString(_ architecture: NB201Cell) -> String {
    architecture.description
  }

  /// NATS-Bench's `unique_str` (see ``NB201Cell/isomorphismString``).
  public func identityHash(_ architecture: NB201Cell) -> String {
    architecture.isomorphismString
  }
}
