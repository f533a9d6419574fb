extension NB101Cell {
  /// The cell without the vertices that lie on no path from the input to the output,
  /// exactly as the benchmark's `ModelSpec._prune` computes it.
  ///
  /// A vertex survives when it is reachable from vertex 0 and the last vertex is
  /// reachable from it (following edges from lower to higher vertex numbers); the
  /// survivors keep their order and operations, and the matrix keeps their rows and
  /// columns. Pruning an already pruned cell returns it unchanged.
  ///
  /// - Throws: ``ArchitectureError`` when the matrix is not upper-triangular (the
  ///   benchmark's `ModelSpec` rejects it before pruning) or when the input does not
  ///   reach the output (the benchmark marks such a spec invalid).
  /// - Complexity: O(*n*²) for *n* vertices.
  public func pruned() throws(ArchitectureError) -> NB101Cell {
    guard isUpperTriangular else {
      throw Self.error(
        "the matrix is not upper-triangular (\(firstEntryOnOrBelowDiagonal)); "
          + "edges must go from a lower to a higher vertex", text: text)
    }
    let last = vertexCount - 1
    var reachedFromInput = [Bool](repeating: false, count: vertexCount)
    reachedFromInput[0] = true
    for from in 0..<vertexCount where reachedFromInput[from] {
      for to in (from + 1)..<vertexCount where hasEdge(from: from, to: to) {
        reachedFromInput[to] = true
      }
    }
    var reachesOutput = [Bool](repeating: false, count: vertexCount)
    reachesOutput[last] = true
    for to in stride(from: last, through: 0, by: -1) where reachesOutput[to] {
      for from in 0..<to where hasEdge(from: from, to: to) {
        reachesOutput[from] = true
      }
    }
    guard reachedFromInput[last] else {
      throw Self.error(
        "the input (vertex 0) does not reach the output (vertex \(last))", text: text)
    }
    let kept = (0..<vertexCount).filter { reachedFromInput[$0] && reachesOutput[$0] }
    if kept.count == vertexCount { return self }
    var result = NB101Cell(vertexCount: kept.count)
    for (newFrom, oldFrom) in kept.enumerated() {
      result.setOperation(operation(at: oldFrom), at: newFrom)
      for (newTo, oldTo) in kept.enumerated() where hasEdge(from: oldFrom, to: oldTo) {
        result.setEdge(from: newFrom, to: newTo, true)
      }
    }
    return result
  }

  /// Whether the input reaches the output, so that ``pruned()`` succeeds on an
  /// upper-triangular matrix.
  public var connectsInputToOutput: Bool {
    (try? pruned()) != nil
  }

  /// "row r, column c" of the first 1 on or below the diagonal, for error messages.
  private var firstEntryOnOrBelowDiagonal: String {
    for from in 0..<vertexCount {
      for to in 0...from where hasEdge(from: from, to: to) {
        return "row \(from), column \(to) is 1"
      }
    }
    return "no entry"
  }
}
