extension NB201Cell {
  /// Draws a cell the way the benchmark's random sampler does: each of the six edge
  /// operations uniformly and independently (XAutoDL's `random_topology_func`).
  ///
  /// Specialised for ``SplitMix64``, the searches' generator, like
  /// ``mutated(choosingEdge:using:)``: a search draws millions of numbers.
  @_specialize(where Generator == SplitMix64)
  public static func random<Generator: RandomNumberGenerator>(
    using rng: inout Generator
  ) -> NB201Cell {
    var cell = NB201Cell()
    for edge in 0..<edgeCount {
      cell[edge: edge] = NB201Operation(index: Int.random(in: 0..<5, using: &rng))
    }
    return cell
  }

  /// How a mutation picks the edge it changes.
  public enum MutationEdgeChoice: String, CaseIterable, Codable, Sendable {
    /// A node uniformly among 1, 2, 3, then one of its incoming edges uniformly, as
    /// XAutoDL's `mutate_topology_func` (the NB201 and NATS-Bench REA) does. Edge 1←0
    /// is then chosen with probability 1/3, the two edges into node 2 with 1/6 each
    /// and the three into node 3 with 1/9 each.
    case nodeThenEdge
    /// Each of the six edges with probability 1/6.
    case uniformEdge
  }

  /// Returns a neighbour: one edge gets a different operation, chosen uniformly among
  /// the four others (the NB201 REA mutation).
  ///
  /// - Parameters:
  ///   - edgeChoice: How the edge is picked; the default reproduces the reference
  ///     implementation.
  ///   - rng: The source of randomness.
  /// - Returns: A cell that differs from this one in exactly one edge.
  @_specialize(where Generator == SplitMix64)
  public func mutated<Generator: RandomNumberGenerator>(
    choosingEdge edgeChoice: MutationEdgeChoice = .nodeThenEdge,
    using rng: inout Generator
  ) -> NB201Cell {
    let edge: Int
    switch edgeChoice {
    case .nodeThenEdge:
      let target = Int.random(in: 1..<Self.nodeCount, using: &rng)
      let source = Int.random(in: 0..<target, using: &rng)
      edge = Self.edgeIndex(to: target, from: source)
    case .uniformEdge:
      edge = Int.random(in: 0..<Self.edgeCount, using: &rng)
    }
    // Uniform over the four other operations: draw among four and skip the current one.
    let current = Int(self[edge: edge].rawValue)
    var replacement = Int.random(in: 0..<4, using: &rng)
    if replacement >= current { replacement += 1 }
    var child = self
    child[edge: edge] = NB201Operation(index: replacement)
    return child
  }
}
