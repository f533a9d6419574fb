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
    // One draw seeds a concrete generator: see mutate(_:using:).
    var local = SplitMix64(seed: rng.next())
    return sampleCell(using: &local)
  }

  /// ``sample(using:)`` on the concrete generator.
  func sampleCell(using rng: inout SplitMix64) -> NLPCell {
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
///
/// Works on slot numbers rather than names (most runs with three hidden states fail
/// the sanity check, so names are made only for kept cells): slot i is `node_i`, and
/// the cell inputs are ``inputID`` for `x` and ``previousHiddenID(_:)`` for `h_prev_j`.
struct NLPRecipeGenerator {
  /// k: the number of hidden states.
  var hiddenStateCount: Int
  /// n: the number of node slots besides the k hidden-state slots.
  var intermediateNodeCount: Int

  /// A node slot: an operation reading other slots or cell inputs by id.
  struct Slot {
    var operation: NLPOperation
    var inputs: [Int]
  }

  /// The id of `x`.
  static let inputID = -1

  /// The id of `h_prev_<index>`.
  static func previousHiddenID(_ index: Int) -> Int { -2 - index }

  /// A configuration drawn uniformly from the benchmark's nine.
  static func random(using rng: inout SplitMix64) -> Self {
    let k = NLPSpace.hiddenStateCounts[Int.random(in: 0..<3, using: &rng)]
    let n = NLPSpace.intermediateNodeCounts[Int.random(in: 0..<3, using: &rng)]
    return Self(hiddenStateCount: k, intermediateNodeCount: n)
  }

  /// One generator run: the pruned cell when it passes the sanity check, else nil.
  func run(using rng: inout SplitMix64) -> NLPCell? {
    let slots = redundantSlots(using: &rng)
    let outputs = Self.distinct(hiddenStateCount, of: Array(slots.indices), using: &rng)
    // Keep what the outputs read, directly or not; note which cell inputs are read.
    var kept = [Bool](repeating: false, count: slots.count)
    var readsInput = false
    var readsPrevious = [Bool](repeating: false, count: hiddenStateCount)
    var queue = outputs
    for slot in outputs { kept[slot] = true }
    while let slot = queue.popLast() {
      for input in slots[slot].inputs {
        if input >= 0 {
          if !kept[input] {
            kept[input] = true
            queue.append(input)
          }
        } else if input == Self.inputID {
          readsInput = true
        } else {
          readsPrevious[Self.previousHiddenID(0) - input] = true
        }
      }
    }
    // The benchmark's sanity check.
    guard readsInput, !readsPrevious.contains(false),
      !outputs.contains(where: { slots[$0].inputs.contains { $0 < Self.inputID } })
    else { return nil }
    var names = slots.indices.map { "node_\($0)" }
    for (index, slot) in outputs.enumerated() { names[slot] = NLPCell.newHiddenName(index) }
    var nodes: [String: NLPNode] = [:]
    for (index, slot) in slots.enumerated() where kept[index] {
      nodes[names[index]] = NLPNode(slot.operation, slot.inputs.map { name(of: $0, names) })
    }
    return NLPCell(nodes: nodes)
  }

  /// The node slots before outputs are chosen, named `node_<i>`, in creation order.
  func redundantGraph(using rng: inout SplitMix64) -> [(String, NLPNode)] {
    let names = (0..<(hiddenStateCount + intermediateNodeCount + 1)).map { "node_\($0)" }
    return redundantSlots(using: &rng).enumerated().map { index, slot in
      (names[index], NLPNode(slot.operation, slot.inputs.map { name(of: $0, names) }))
    }
  }

  private func name(of id: Int, _ names: [String]) -> String {
    if id >= 0 { return names[id] }
    return id == Self.inputID
      ? NLPCell.inputName : NLPCell.previousHiddenName(Self.previousHiddenID(0) - id)
  }

  /// Fills the k + n node slots (one more when the last draw is a `linear`).
  func redundantSlots(using rng: inout SplitMix64) -> [Slot] {
    let previous = (0..<hiddenStateCount).map(Self.previousHiddenID)
    let linearSources = [Self.inputID] + previous
    var slots: [Slot] = []
    var activations: [Int] = []
    while slots.count < hiddenStateCount + intermediateNodeCount {
      // Weights 3 : 1 : 1 : 1.
      let draw = Int.random(in: 0..<6, using: &rng)
      if draw < 3 {
        let wanted = Int.random(in: 0..<5, using: &rng) < 4 ? 2 : 3
        let candidates = linearSources + activations
        let inputs = Self.distinct(wanted, of: candidates, using: &rng)
        slots.append(Slot(operation: .linear, inputs: inputs))
        let activation = NLPOperation.activations[Int.random(in: 0..<3, using: &rng)]
        slots.append(Slot(operation: activation, inputs: [slots.count - 1]))
        activations.append(slots.count - 1)
      } else {
        let operation: NLPOperation = [.blend, .elementwiseProd, .elementwiseSum][draw - 3]
        let candidates = previous + Array(slots.indices)
        if operation.minimumInputCount <= candidates.count {
          let inputs = Self.distinct(operation.minimumInputCount, of: candidates, using: &rng)
          slots.append(Slot(operation: operation, inputs: inputs))
        }
      }
    }
    return slots
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

  /// Up to `count` distinct elements of `candidates` in random order (a partial
  /// shuffle); all of them, shuffled, when there are fewer.
  static func distinct<Element>(
    _ count: Int, of candidates: [Element], using rng: inout SplitMix64
  ) -> [Element] {
    var pool = candidates
    let count = min(count, pool.count)
    for index in 0..<count {
      pool.swapAt(index, Int.random(in: index..<pool.count, using: &rng))
    }
    return Array(pool.prefix(count))
  }
}
