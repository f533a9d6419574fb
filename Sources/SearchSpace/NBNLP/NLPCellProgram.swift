/// A cell resolved for evaluation: its nodes in topological order, each reading earlier
/// steps or the cell's inputs by index.
///
/// This is what a network builder walks at every time step: for each ``steps`` entry in
/// order, compute its operation on its ``Step/operands``; then hidden state i is the
/// value of step `outputs[i]`. Made by ``NLPCell/program()``, which also checks that
/// the cell is well formed.
public struct NLPCellProgram: Hashable, Sendable {
  /// Where a step's input comes from.
  public enum Operand: Hashable, Sendable {
    /// The layer input `x`.
    case input
    /// The previous time step's hidden state `h_prev_<index>`.
    case previousHidden(Int)
    /// The value of an earlier step, by its index in ``NLPCellProgram/steps``.
    case step(Int)
  }

  /// One node of the cell, ready to evaluate.
  public struct Step: Hashable, Sendable {
    /// The node's name in the recipe.
    public var name: String
    /// What the node computes.
    public var operation: NLPOperation
    /// The node's inputs, in recipe order.
    public var operands: [Operand]
  }

  /// The nodes in topological order (ties broken by name, as in ``NLPCell/recipe``).
  public var steps: [Step]

  /// `outputs[i]` is the index in ``steps`` of the node `h_new_<i>`.
  public var outputs: [Int]

  /// The number k of hidden states.
  public var hiddenStateCount: Int { outputs.count }

  /// The node names in evaluation order.
  public var topologicalOrder: [String] { steps.map(\.name) }
}

extension NLPCell {
  /// Checks that the cell is a well-formed recurrent cell and resolves it for
  /// evaluation.
  ///
  /// Well formed means: node names may be defined (not empty, not `x` or `h_prev_<i>`);
  /// outputs are `h_new_0 … h_new_{k−1}` without gaps; every node has an input count its
  /// operation accepts; every input names a node, `x`, or `h_prev_<i>` with i < k; the
  /// graph has no cycle; and every node's value reaches an output. The space's limit
  /// on k is checked by ``NLPSpace/validate(_:)``.
  ///
  /// - Throws: the first ``NLPCellError`` found, checking the rules in the order above
  ///   and nodes in name order.
  /// - Complexity: O(V log V + E) for V nodes and E inputs.
  public func program() throws(NLPCellError) -> NLPCellProgram {
    let names = nodes.keys.sorted(by: naturallyPrecedes)
    var outputCount = 0
    for name in names {
      try Self.checkDefinable(name)
      if case .newHidden = NLPNodeName(name) { outputCount += 1 }
    }
    for index in 0..<max(outputCount, 1) where nodes[Self.newHiddenName(index)] == nil {
      throw .missingOutput(Self.newHiddenName(index))
    }
    try checkInputs(names: names, hiddenStateCount: outputCount)
    let order = orderedTopologically()
    if order.count < nodes.count {
      throw .cycle(findCycle(excluding: Set(order)))
    }
    try checkEveryNodeReachesAnOutput(names: names, hiddenStateCount: outputCount)

    var position: [String: Int] = [:]
    for (index, name) in order.enumerated() { position[name] = index }
    var steps: [NLPCellProgram.Step] = []
    steps.reserveCapacity(order.count)
    for name in order {
      guard let node = nodes[name] else { continue }
      let operands = node.inputs.map { input -> NLPCellProgram.Operand in
        switch NLPNodeName(input) {
        case .input: .input
        case .previousHidden(let index): .previousHidden(index)
        case .newHidden, .intermediate, .malformedHidden: .step(position[input] ?? 0)
        }
      }
      steps.append(.init(name: name, operation: node.operation, operands: operands))
    }
    let outputs = (0..<outputCount).map { position[Self.newHiddenName($0)] ?? 0 }
    return NLPCellProgram(steps: steps, outputs: outputs)
  }

  private func checkInputs(names: [String], hiddenStateCount: Int) throws(NLPCellError) {
    for name in names {
      guard let node = nodes[name] else { continue }
      guard node.operation.accepts(inputCount: node.inputs.count) else {
        throw .wrongInputCount(node: name, operation: node.operation, count: node.inputs.count)
      }
      for input in node.inputs {
        switch NLPNodeName(input) {
        case .input:
          continue
        case .previousHidden(let index):
          if index >= hiddenStateCount {
            throw .hiddenStateOutOfRange(
              node: name, input: input, hiddenStateCount: hiddenStateCount)
          }
        case .malformedHidden, .newHidden, .intermediate:
          if nodes[input] == nil { throw .undefinedInput(node: name, input: input) }
        }
      }
    }
  }

  /// A cycle among the nodes not in `placed` (every such node reads another one).
  private func findCycle(excluding placed: Set<String>) -> [String] {
    let remaining = nodes.keys.filter { !placed.contains($0) }.sorted(by: naturallyPrecedes)
    guard var current = remaining.first else { return [] }
    var path: [String] = []
    var seenAt: [String: Int] = [:]
    while seenAt[current] == nil {
      seenAt[current] = path.count
      path.append(current)
      let next = nodes[current]?.inputs.first { nodes[$0] != nil && !placed.contains($0) }
      guard let next else { return path }
      current = next
    }
    return Array(path[(seenAt[current] ?? 0)...])
  }

  private func checkEveryNodeReachesAnOutput(
    names: [String], hiddenStateCount: Int
  ) throws(NLPCellError) {
    var reached: Set<String> = []
    var queue = (0..<hiddenStateCount).map(Self.newHiddenName)
    reached.formUnion(queue)
    while let name = queue.popLast() {
      for input in nodes[name]?.inputs ?? [] where nodes[input] != nil {
        if reached.insert(input).inserted { queue.append(input) }
      }
    }
    if let unreached = names.first(where: { !reached.contains($0) }) {
      throw .unreachableNode(unreached)
    }
  }
}
