extension NB101Space {
  /// Draws a cell as the benchmark colab's `random_spec` does: every matrix entry
  /// above the diagonal of a ``maxVertices``-vertex cell is 0 or 1 with equal
  /// probability, every interior vertex gets one of the three operations uniformly,
  /// and the draw is repeated until the cell is valid.
  ///
  /// The cell is returned unpruned, as drawn.
  public func sample(using rng: inout some RandomNumberGenerator) -> NB101Cell {
    while true {
      var cell = NB101Cell(vertexCount: maxVertices)
      for from in 0..<maxVertices {
        for to in (from + 1)..<maxVertices where Bool.random(using: &rng) {
          cell.setEdge(from: from, to: to, true)
        }
      }
      cell.setOperation(.input, at: 0)
      for vertex in 1..<(maxVertices - 1) {
        cell.setOperation(Self.randomInteriorOperation(using: &rng), at: vertex)
      }
      cell.setOperation(.output, at: maxVertices - 1)
      if isValid(cell) { return cell }
    }
  }

  /// Mutates a cell as the benchmark colab's `mutate_spec` does, retrying until the
  /// child is valid and, after pruning, different from the parent.
  ///
  /// Each try starts from the parent's matrix and flips every entry above the diagonal
  /// with probability `mutationRate / maxVertices` (1/7 by default, so one edge in
  /// expectation), then replaces every interior operation, with probability
  /// `mutationRate / (maxVertices - 2)` (1/5), by one of the two others chosen
  /// uniformly.
  ///
  /// The colab always works on 7×7 matrices. A parent with another vertex count (such
  /// as a pruned cell read from the benchmark's file) is first pruned and then padded
  /// to ``maxVertices`` with unconnected vertices of uniformly drawn operations, placed
  /// before the output. A parent that is neither valid nor a ``maxVertices``-vertex
  /// upper-triangular cell from `input` to `output` (from which mutation can reach
  /// valid cells) is replaced by a fresh sample.
  public func mutate(
    _ architecture: NB101Cell, using rng: inout some RandomNumberGenerator
  ) -> NB101Cell {
    guard let parent = padded(architecture, using: &rng) else {
      return sample(using: &rng)
    }
    let parentPruned = try? parent.pruned()
    let edgeProbability = mutationRate / Double(maxVertices)
    let operationProbability = mutationRate / Double(maxVertices - 2)
    while true {
      var child = parent
      for from in 0..<maxVertices {
        for to in (from + 1)..<maxVertices
        where Double.random(in: 0..<1, using: &rng) < edgeProbability {
          child.setEdge(from: from, to: to, !child.hasEdge(from: from, to: to))
        }
      }
      for vertex in 1..<(maxVertices - 1)
      where Double.random(in: 0..<1, using: &rng) < operationProbability {
        let others = NB101Operation.interiorOperations.filter { $0 != child.operation(at: vertex) }
        let choice = Int.random(in: 0..<others.count, using: &rng)
        child.setOperation(others[choice], at: vertex)
      }
      guard isValid(child), let childPruned = try? child.pruned() else { continue }
      if childPruned != parentPruned { return child }
    }
  }

  /// `cell` itself when it has ``maxVertices`` vertices, is upper-triangular and runs
  /// from `input` to `output`; otherwise, when it is valid, its pruned form padded
  /// with unconnected vertices before the output; else nil.
  private func padded(
    _ cell: NB101Cell, using rng: inout some RandomNumberGenerator
  ) -> NB101Cell? {
    if cell.vertexCount == maxVertices, cell.isUpperTriangular,
      cell.operation(at: 0) == .input, cell.operation(at: maxVertices - 1) == .output
    {
      return cell
    }
    guard isValid(cell), let pruned = try? cell.pruned() else { return nil }
    let last = pruned.vertexCount - 1
    var result = NB101Cell(vertexCount: maxVertices)
    for vertex in 0..<last {
      result.setOperation(pruned.operation(at: vertex), at: vertex)
    }
    for vertex in last..<(maxVertices - 1) {
      result.setOperation(Self.randomInteriorOperation(using: &rng), at: vertex)
    }
    result.setOperation(pruned.operation(at: last), at: maxVertices - 1)
    for from in 0..<last {
      for to in (from + 1)...last where pruned.hasEdge(from: from, to: to) {
        result.setEdge(from: from, to: to == last ? maxVertices - 1 : to, true)
      }
    }
    return result
  }

  private static func randomInteriorOperation(
    using rng: inout some RandomNumberGenerator
  ) -> NB101Operation {
    interiorOperations[Int.random(in: 0..<interiorOperations.count, using: &rng)]
  }

  private static var interiorOperations: [NB101Operation] { NB101Operation.interiorOperations }
}
