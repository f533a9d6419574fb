extension NLPSpace {
  /// How ``NLPSpace/sample(using:)`` weighs the benchmark generator's nine
  /// configurations (k ∈ {1, 2, 3} hidden states × n ∈ {7, 14, 21} node slots).
  ///
  /// The benchmark's notebook runs the generator from the same number of seeds for each
  /// configuration, discards the draws that fail its sanity check, and keeps at most a
  /// quota of valid cells per configuration. The two cases are the two limits of that
  /// procedure: the quota reached everywhere, or never.
  public enum ConfigurationWeighting: String, CaseIterable, Codable, Hashable, Sendable {
    /// Each configuration is equally likely among returned cells: draw (k, n)
    /// uniformly, then rerun the generator with it until a draw is valid. The
    /// notebook's per-configuration quota (`max_valid_confs`) aims at this.
    case equalValidCells
    /// Each configuration gets the same number of generator runs: draw (k, n)
    /// uniformly for every run and keep the first valid draw. Configurations then
    /// appear in proportion to how often their draws are valid (about 2.8 % for k = 3,
    /// n = 7 against 60–76 % for k = 1), so most cells have one hidden state.
    case equalAttempts
  }

  /// The generator's numbers of hidden states k.
  public static let hiddenStateCounts = [1, 2, 3]

  /// The generator's numbers of node slots n besides the k hidden-state slots.
  public static let intermediateNodeCounts = [7, 14, 21]

  /// Draws a cell with the benchmark's generator (`RecepieGenerator` in
  /// fmsnew/nas-bench-nlp-release).
  ///
  /// One run fills k + n node slots `node_0, node_1, …`: each step draws `linear`,
  /// `blend`, `elementwise_prod`, `elementwise_sum` with weights 3 : 1 : 1 : 1. A
  /// `linear` reads 2 (probability 0.8) or 3 distinct nodes among `x`, `h_prev_*` and the
  /// activations made so far, and is followed by an activation node (tanh, sigmoid or
  /// leaky ReLU, equally likely) reading it, which takes the next slot. `blend` (3
  /// inputs) and the element-wise ops (2) read distinct nodes among `h_prev_*` and all
  /// nodes made so far, never `x`; when there are too few, the draw is skipped. Then k
  /// distinct nodes, in random order, become `h_new_0 … h_new_{k−1}`, and nodes that
  /// reach no output are dropped. A run is kept only when it reads every cell input and
  /// no `h_new_*` reads an `h_prev_*` directly (``NLPCell/satisfiesGeneratorRules``);
  /// ``configurationWeighting`` says how k and n are drawn.
  public func sample(using rng: inout some RandomNumberGenerator) -> NLPCell {
    var generator = NLPRecipeGenerator.random(using: &rng)
    while true {
      if let cell = generator.run(using: &rng) { return cell }
      if configurationWeighting == .equalAttempts {
        generator = NLPRecipeGenerator.random(using: &rng)
      }
    }
  }
}

extension NLPCell {
  /// Whether the cell passes the benchmark generator's sanity check: it reads `x` and
  /// every `h_prev_<i>` for i < k, and no `h_new_<i>` reads an `h_prev_<j>` directly.
  ///
  /// Every generated cell does; hand-written ones need not (the benchmark's GRU example
  /// feeds `h_prev_0` straight into `h_new_0`), so validity does not require it.
  public var satisfiesGeneratorRules: Bool {
    var read: Set<String> = []
    for (name, node) in nodes {
      read.formUnion(node.inputs)
      if case .newHidden = NLPNodeName(name) {
        for input in node.inputs {
          if case .previousHidden = NLPNodeName(input) { return false }
        }
      }
    }
    let k = hiddenStateCount
    return read.contains(Self.inputName)
      && (0..<k).allSatisfy { read.contains(Self.previousHiddenName($0)) }
  }
}

/// One configuration of the benchmark's random recipe generator.
struct NLPRecipeGenerator {
  /// k: the number of hidden states.
  var hiddenStateCount: Int
  /// n: the number of node slots besides the k hidden-state slots.
  var intermediateNodeCount: Int

  /// A configuration drawn uniformly from the benchmark's nine.
  static func random(using rng: inout some RandomNumberGenerator) -> Self {
    let k = NLPSpace.hiddenStateCounts[Int.random(in: 0..<3, using: &rng)]
    let n = NLPSpace.intermediateNodeCounts[Int.random(in: 0..<3, using: &rng)]
    return Self(hiddenStateCount: k, intermediateNodeCount: n)
  }

  /// One generator run: the pruned cell when it passes the sanity check, else nil.
  func run(using rng: inout some RandomNumberGenerator) -> NLPCell? {
    var nodes = redundantGraph(using: &rng)
    nameOutputs(in: &nodes, using: &rng)
    let cell = NLPCell(nodes: Self.pruned(nodes, hiddenStateCount: hiddenStateCount))
    return cell.satisfiesGeneratorRules ? cell : nil
  }

  /// The node slots before outputs are chosen, in creation order.
  func redundantGraph(using rng: inout some RandomNumberGenerator) -> [(String, NLPNode)] {
    let previous = (0..<hiddenStateCount).map(NLPCell.previousHiddenName)
    let linearSources = [NLPCell.inputName] + previous
    var nodes: [(String, NLPNode)] = []
    var activations: [String] = []
    var slot = 0
    while slot < hiddenStateCount + intermediateNodeCount {
      // Weights 3 : 1 : 1 : 1.
      let draw = Int.random(in: 0..<6, using: &rng)
      if draw < 3 {
        let wanted = Int.random(in: 0..<5, using: &rng) < 4 ? 2 : 3
        let candidates = linearSources + activations
        let inputs = Self.distinct(min(wanted, candidates.count), of: candidates, using: &rng)
        nodes.append(("node_\(slot)", NLPNode(.linear, inputs)))
        let activation = NLPOperation.activations[Int.random(in: 0..<3, using: &rng)]
        nodes.append(("node_\(slot + 1)", NLPNode(activation, ["node_\(slot)"])))
        activations.append("node_\(slot + 1)")
        slot += 2
      } else {
        let operation: NLPOperation = [.blend, .elementwiseProd, .elementwiseSum][draw - 3]
        let candidates = previous + nodes.map(\.0)
        if operation.minimumInputCount <= candidates.count {
          let inputs = Self.distinct(operation.minimumInputCount, of: candidates, using: &rng)
          nodes.append(("node_\(slot)", NLPNode(operation, inputs)))
          slot += 1
        }
      }
    }
    return nodes
  }

  /// Renames k distinct random nodes to `h_new_0 … h_new_{k−1}`, in draw order, and
  /// their readers' inputs with them.
  func nameOutputs(in nodes: inout [(String, NLPNode)], using rng: inout some RandomNumberGenerator)
  {
    let chosen = Self.distinct(hiddenStateCount, of: nodes.map(\.0), using: &rng)
    var renamed: [String: String] = [:]
    for (index, name) in chosen.enumerated() { renamed[name] = NLPCell.newHiddenName(index) }
    for position in nodes.indices {
      nodes[position].0 = renamed[nodes[position].0] ?? nodes[position].0
      nodes[position].1.inputs = nodes[position].1.inputs.map { renamed[$0] ?? $0 }
    }
  }

  /// The nodes that some `h_new_<i>` reads, directly or not, plus the outputs.
  static func pruned(_ nodes: [(String, NLPNode)], hiddenStateCount: Int) -> [String: NLPNode] {
    let all = Dictionary(nodes, uniquingKeysWith: { first, _ in first })
    var kept: [String: NLPNode] = [:]
    var queue = (0..<hiddenStateCount).map(NLPCell.newHiddenName)
    while let name = queue.popLast() {
      guard kept[name] == nil, let node = all[name] else { continue }
      kept[name] = node
      queue += node.inputs
    }
    return kept
  }

  /// `count` distinct elements of `candidates` in random order (a partial shuffle).
  static func distinct(
    _ count: Int, of candidates: [String], using rng: inout some RandomNumberGenerator
  ) -> [String] {
    var pool = candidates
    for index in 0..<count {
      pool.swapAt(index, Int.random(in: index..<pool.count, using: &rng))
    }
    return Array(pool.prefix(count))
  }
}
