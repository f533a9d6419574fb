import SearchSpace

extension AccuracyStability {
  /// `cell` with every edge that cannot affect the cell's output under the reference
  /// initialisation set to `none`: edges out of a node that no path of non-`none` edges
  /// reaches from the input, and edges into a node from which no such path leads to the
  /// output.
  ///
  /// The network of the result computes the same logits as the network of `cell` (for
  /// its live weights), so the scorer runs the smaller one. A node without a path to
  /// the output enters the sum only through `none` edges, as `0·x`, which is 0 for the
  /// finite activations of a batch-normalised network. A node without a path from the
  /// input is exactly 0 (`0·x`), and so is every edge out of it: pooling and skips of 0,
  /// and ReLU→conv→BN of 0, because ``ResNetInitialization`` sets the batch-norm shift
  /// β to 0 (the batch mean and variance of a zero channel are 0, so BN gives β). In a
  /// fifth of the space edge 3←2 is `none`, so node 2 and its incoming edges are dead;
  /// 5,840 of the 15,284 cells with an input→output path lose edges. What changes is
  /// only which of the seed's draws each live weight gets: the distribution of the
  /// accuracies is the same.
  public static func liveCell(_ cell: NB201Cell) -> NB201Cell {
    let last = NB201Cell.nodeCount - 1
    var fromInput = Array(repeating: false, count: NB201Cell.nodeCount)
    fromInput[0] = true
    for (target, source) in NB201Cell.edges
    where fromInput[source] && cell[to: target, from: source] != .none {
      fromInput[target] = true
    }
    var toOutput = Array(repeating: false, count: NB201Cell.nodeCount)
    toOutput[last] = true
    // Edges are ordered by target, so in reverse every target is settled before the
    // edges that leave it are read.
    for (target, source) in NB201Cell.edges.reversed()
    where toOutput[target] && cell[to: target, from: source] != .none {
      toOutput[source] = true
    }
    var live = cell
    for (target, source) in NB201Cell.edges where !(fromInput[source] && toOutput[target]) {
      live[to: target, from: source] = .none
    }
    return live
  }
}
