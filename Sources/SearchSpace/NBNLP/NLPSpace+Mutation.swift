extension NLPSpace {
  /// Returns a valid cell one small graph edit away from `cell`, a different network.
  ///
  /// The benchmark has no graph mutation (its evolution baseline perturbs learned
  /// recipe embeddings), so this is ours. One edit, each kind equally likely:
  /// - change an activation to another activation;
  /// - turn an element-wise sum into a product or back;
  /// - rewire one input of a `linear`, `blend`, sum or product to another node that
  ///   does not depend on it (no cycles), drawn from the sources the generator allows
  ///   for that operation (`linear`: `x`, `h_prev_*`, activations; the others:
  ///   `h_prev_*` and any node);
  /// - give a two-input `linear` a third input, or drop one of a three-input one.
  ///
  /// Nodes that no longer reach an output are dropped, as the generator does. An edit
  /// is kept when the result is valid, its ``identityHash(_:)`` differs from the
  /// parent's, and, when the parent ``NLPCell/satisfiesGeneratorRules``, so does the
  /// child; otherwise another edit is drawn, up to ``mutationAttempts`` times. When no
  /// edit works (or `cell` is invalid), the result is a fresh ``sample(using:)``.
  public func mutate(_ cell: NLPCell, using rng: inout some RandomNumberGenerator) -> NLPCell {
    // One draw seeds a concrete generator, so that the work below is not generic code
    // (callers in other modules cannot specialise it) yet stays reproducible.
    var local = SplitMix64(seed: rng.next())
    return mutatedNeighbour(of: cell, using: &local) ?? sampleCell(using: &local)
  }

  /// How many edits ``mutate(_:using:)`` tries before falling back to sampling.
  public static let mutationAttempts = 500

  /// A valid, different neighbour of `cell` by one edit, or nil when none was found.
  func mutatedNeighbour(
    of cell: NLPCell, using rng: inout SplitMix64
  ) -> NLPCell? {
    guard isValid(cell) else { return nil }
    let parentHash = identityHash(cell)
    let keepsRules = cell.satisfiesGeneratorRules
    let editor = NLPCellEditor(cell: cell)
    for _ in 0..<Self.mutationAttempts {
      guard let edited = editor.randomEdit(using: &rng) else { continue }
      let child = NLPCell(
        nodes: NLPRecipeGenerator.pruned(
          edited.nodes.map { ($0.key, $0.value) }, hiddenStateCount: cell.hiddenStateCount))
      guard isValid(child), !keepsRules || child.satisfiesGeneratorRules,
        identityHash(child) != parentHash
      else { continue }
      return child
    }
    return nil
  }
}

/// The single-edit moves of ``NLPSpace/mutate(_:using:)`` on one parent cell.
struct NLPCellEditor {
  let cell: NLPCell
  /// Node names in name order, so that a seed gives the same edit on every run.
  let names: [String]
  /// For each node, the nodes that read it, directly or not.
  let dependents: [String: Set<String>]

  init(cell: NLPCell) {
    self.cell = cell
    names = cell.nodes.keys.sorted(by: naturallyPrecedes)
    var readers: [String: [String]] = [:]
    for (name, node) in cell.nodes {
      for input in node.inputs { readers[input, default: []].append(name) }
    }
    var dependents: [String: Set<String>] = [:]
    for name in names {
      var seen: Set<String> = []
      var queue = readers[name] ?? []
      while let next = queue.popLast() {
        if seen.insert(next).inserted { queue += readers[next] ?? [] }
      }
      dependents[name] = seen
    }
    self.dependents = dependents
  }

  /// One random edit, or nil when the drawn kind has nothing to act on.
  func randomEdit(using rng: inout SplitMix64) -> NLPCell? {
    switch Int.random(in: 0..<4, using: &rng) {
    case 0: changeActivation(using: &rng)
    case 1: swapSumAndProduct(using: &rng)
    case 2: rewireInput(using: &rng)
    default: resizeLinear(using: &rng)
    }
  }

  private func names(where predicate: (NLPOperation) -> Bool) -> [String] {
    names.filter { cell.nodes[$0].map { predicate($0.operation) } ?? false }
  }

  private func changeActivation(using rng: inout SplitMix64) -> NLPCell? {
    guard let name = names(where: \.isActivation).randomElement(using: &rng),
      let node = cell.nodes[name]
    else { return nil }
    let others = NLPOperation.activations.filter { $0 != node.operation }
    guard let replacement = others.randomElement(using: &rng) else { return nil }
    var child = cell
    child.nodes[name]?.operation = replacement
    return child
  }

  private func swapSumAndProduct(using rng: inout SplitMix64) -> NLPCell? {
    let candidates = names { $0 == .elementwiseSum || $0 == .elementwiseProd }
    guard let name = candidates.randomElement(using: &rng), let node = cell.nodes[name] else {
      return nil
    }
    var child = cell
    child.nodes[name]?.operation =
      node.operation == .elementwiseSum ? .elementwiseProd : .elementwiseSum
    return child
  }

  private func rewireInput(using rng: inout SplitMix64) -> NLPCell? {
    guard let name = names(where: { !$0.isActivation }).randomElement(using: &rng),
      let node = cell.nodes[name], !node.inputs.isEmpty
    else { return nil }
    let position = Int.random(in: 0..<node.inputs.count, using: &rng)
    guard let source = newSources(for: name, node).randomElement(using: &rng) else { return nil }
    var child = cell
    child.nodes[name]?.inputs[position] = source
    return child
  }

  private func resizeLinear(using rng: inout SplitMix64) -> NLPCell? {
    guard let name = names(where: { $0 == .linear }).randomElement(using: &rng),
      let node = cell.nodes[name]
    else { return nil }
    var child = cell
    if node.inputs.count >= 3 {
      child.nodes[name]?.inputs.remove(at: Int.random(in: 0..<node.inputs.count, using: &rng))
    } else {
      guard let source = newSources(for: name, node).randomElement(using: &rng) else {
        return nil
      }
      child.nodes[name]?.inputs.append(source)
    }
    return child
  }

  /// Sources the generator would allow for `node`'s operation that `node` does not
  /// read yet and that do not depend on it.
  private func newSources(for name: String, _ node: NLPNode) -> [String] {
    let previous = (0..<cell.hiddenStateCount).map(NLPCell.previousHiddenName)
    let allowed =
      node.operation == .linear
      ? [NLPCell.inputName] + previous + names(where: \.isActivation)
      : previous + names
    let excluded = (dependents[name] ?? []).union(node.inputs).union([name])
    return allowed.filter { !excluded.contains($0) }
  }
}
