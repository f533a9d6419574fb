/// The NAS-Bench-101 search space (Ying et al., ICML 2019): cells of at most 7
/// vertices and 9 edges whose interior vertices are 3×3 or 1×1 conv-BN-ReLU or 3×3
/// max pooling.
///
/// Membership is the benchmark's `NASBench.is_valid` after `ModelSpec` pruning;
/// ``sample(using:)`` and ``mutate(_:using:)`` are the benchmark colab's
/// `random_spec` and `mutate_spec`; ``identityHash(_:)`` is the key of the official
/// data file (`ModelSpec.hash_spec`). The limits are configurable; the defaults are
/// the benchmark's (`module_vertices` 7, `max_edges` 9, mutation rate 1.0).
///
/// Sampled and mutated cells are returned as drawn, with `maxVertices` vertices and
/// unpruned, as the colab keeps `original_matrix`: use ``identityHash(_:)`` (not `==`)
/// to tell whether two cells are the same network.
public struct NB101Space: SearchSpace {
  /// A cell.
  public typealias Architecture = NB101Cell

  /// The most vertices a cell may have after pruning, including input and output.
  public let maxVertices: Int
  /// The most edges a cell may have after pruning.
  public let maxEdges: Int
  /// The colab's `mutation_rate`: each matrix entry above the diagonal flips with
  /// probability `mutationRate / maxVertices` and each interior operation changes with
  /// probability `mutationRate / (maxVertices - 2)`.
  public let mutationRate: Double

  /// Creates the space with the given limits; the defaults are the benchmark's.
  ///
  /// - Precondition: `maxVertices` in 3...8, `maxEdges` ≥ 2 and `mutationRate` > 0, so
  ///   that the space has more than one cell and mutation can always find a
  ///   different one.
  public init(maxVertices: Int = 7, maxEdges: Int = 9, mutationRate: Double = 1.0) {
    precondition((3...NB101Cell.maximumVertexCount).contains(maxVertices), "maxVertices 3...8")
    precondition(maxEdges >= 2, "maxEdges must be at least 2")
    precondition(mutationRate > 0 && mutationRate.isFinite, "mutationRate must be positive")
    self.maxVertices = maxVertices
    self.maxEdges = maxEdges
    self.mutationRate = mutationRate
  }

  /// `nb101`.
  public var name: String { "nb101" }

  /// Throws unless `architecture` passes the benchmark's checks, in its order:
  /// upper-triangular matrix (`ModelSpec`), input reaches output, then on the pruned
  /// cell at most ``maxVertices`` vertices and ``maxEdges`` edges, first operation
  /// `input`, last `output`, interior operations from the three allowed ones.
  ///
  /// - Throws: ``ArchitectureError`` naming the rule that failed.
  public func validate(_ architecture: NB101Cell) throws(ArchitectureError) {
    let cell = try architecture.pruned()
    let text = architecture.text
    guard cell.vertexCount <= maxVertices else {
      throw NB101Cell.error(
        "\(cell.vertexCount) vertices after pruning; at most \(maxVertices) allowed", text: text)
    }
    guard cell.edgeCount <= maxEdges else {
      throw NB101Cell.error(
        "\(cell.edgeCount) edges after pruning; at most \(maxEdges) allowed", text: text)
    }
    guard cell.operation(at: 0) == .input else {
      throw NB101Cell.error(
        "the first operation is '\(cell.operation(at: 0))'; expected 'input'", text: text)
    }
    let last = cell.vertexCount - 1
    guard cell.operation(at: last) == .output else {
      throw NB101Cell.error(
        "the last operation is '\(cell.operation(at: last))'; expected 'output'", text: text)
    }
    for vertex in 1..<last where !cell.operation(at: vertex).isInterior {
      let allowed = NB101Operation.interiorOperations.map(\.officialName).joined(separator: ", ")
      throw NB101Cell.error(
        "interior vertex \(vertex) (after pruning) is '\(cell.operation(at: vertex))'; "
          + "expected one of \(allowed)", text: text)
    }
  }

  /// Reads the text form `ADJ:OPS` (see ``NB101Cell/init(parsing:)``) and validates it.
  ///
  /// - Throws: ``ArchitectureError`` for malformed text or a cell outside the space.
  public func parse(_ text: String) throws(ArchitectureError) -> NB101Cell {
    let cell = try NB101Cell(parsing: text)
    try validate(cell)
    return cell
  }

  /// The text form `ADJ:OPS` of the cell as given (not pruned).
  public func canonicalString(_ architecture: NB101Cell) -> String {
    architecture.text
  }

  /// The benchmark's module hash (32 hex digits) of the pruned cell; for a cell whose
  /// input does not reach its output, which has no such hash, `invalid:` followed by
  /// its text form.
  public func identityHash(_ architecture: NB101Cell) -> String {
    do {
      return try architecture.moduleHash().hexString
    } catch {
      return "invalid:" + architecture.text
    }
  }
}
