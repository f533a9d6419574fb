extension NLPCell {
  /// A text that is equal for two cells exactly when they are the same network: the
  /// same graph up to the names of intermediate nodes and the order of the inputs of
  /// commutative operations (sum, product, and `linear`'s inputs).
  ///
  /// Each node becomes a vertex labelled by its operation (plus `h_new_<i>` for
  /// outputs); the cell inputs `x`, `h_prev_<i>` are vertices labelled by name; an input
  /// becomes an edge tagged with its position for `blend` (whose order matters) and
  /// untagged otherwise. The code is the minimal adjacency listing over vertex orders
  /// found by colour refinement and individualisation (the method of canonical-labelling
  /// tools such as nauty), so unlike a hash of each output's expression tree it tells
  /// a shared node from two copies of it: `sum(tanh(l), sigm(l))` with one `linear l` is
  /// a different network from the same with two separate linears.
  ///
  /// Subtrees that an automorphism found on the way maps onto explored ones are
  /// skipped (as nauty does), so interchangeable nodes cost little; as a guard against
  /// adversarial graphs the search stops after ``canonicalLeafBudget`` complete
  /// orders, which no cell of the benchmark's generator approaches.
  func canonicalCode() -> String {
    var labeller = NLPCanonicalLabeller(cell: self)
    return labeller.canonicalCode()
  }

  /// How many complete vertex orders ``canonicalCode()`` examines at most.
  static let canonicalLeafBudget = 4096
}

/// Canonical labelling of a cell's graph by colour refinement and individualisation.
struct NLPCanonicalLabeller {
  /// One vertex's label text, such as `linear`, `activation_tanh@h_new_0`, `in:x`.
  private var labels: [String] = []
  /// The rank of each vertex's label among the sorted distinct labels.
  private var labelRanks: [Int] = []
  /// Per vertex, its inputs as (tag, source vertex); tag is the position for `blend`,
  /// −1 otherwise.
  private var inputs: [[(tag: Int, vertex: Int)]] = []
  /// Per vertex, its readers as (tag, reader vertex).
  private var readers: [[(tag: Int, vertex: Int)]] = []
  private var leavesVisited = 0
  /// The individualised vertices from the root to the current tree node.
  private var path: [Int] = []
  /// The first and the least leaf so far: code, colouring, path.
  private var first: (code: [Int], colours: [Int], path: [Int])?
  private var best: (code: [Int], colours: [Int], path: [Int])?
  /// Automorphisms found from equal leaves, as vertex permutations.
  private var automorphisms: [[Int]] = []

  init(cell: NLPCell) {
    var index: [String: Int] = [:]
    func vertex(_ name: String, label: String) -> Int {
      if let existing = index[name] { return existing }
      index[name] = labels.count
      labels.append(label)
      inputs.append([])
      readers.append([])
      return labels.count - 1
    }
    let names = cell.nodes.keys.sorted(by: naturallyPrecedes)
    for name in names {
      guard let node = cell.nodes[name] else { continue }
      var label = node.operation.recipeName
      switch NLPNodeName(name) {
      case .newHidden(let output): label += "@h_new_\(output)"
      case .malformedHidden, .input, .previousHidden: label += "@" + name
      case .intermediate: break
      }
      _ = vertex(name, label: label)
    }
    for name in names {
      guard let node = cell.nodes[name], let target = index[name] else { continue }
      for (position, input) in node.inputs.enumerated() {
        let source = vertex(input, label: "in:" + input)
        let tag = node.operation.isCommutative || node.operation.isActivation ? -1 : position
        inputs[target].append((tag, source))
        readers[source].append((tag, target))
      }
    }
    let distinctLabels = Array(Set(labels)).sorted()
    var rankOf: [String: Int] = [:]
    for (rank, label) in distinctLabels.enumerated() { rankOf[label] = rank }
    labelRanks = labels.map { rankOf[$0] ?? 0 }
  }

  /// The canonical code as text: per vertex in canonical order, its label and its
  /// inputs as `tag:position`.
  mutating func canonicalCode() -> String {
    guard !labels.isEmpty else { return "" }
    _ = search(labelRanks, depth: 0)
    let bestColours = best?.colours ?? Array(0..<labels.count)
    var vertexAt = [Int](repeating: 0, count: labels.count)
    for (vertex, colour) in bestColours.enumerated() { vertexAt[colour] = vertex }
    return vertexAt.map { vertex in
      let edges = inputs[vertex].map { [$0.tag, bestColours[$0.vertex]] }
        .sorted { $0.lexicographicallyPrecedes($1) }
        .map { "\($0[0]):\($0[1])" }
      return labels[vertex] + "(" + edges.joined(separator: ",") + ")"
    }.joined(separator: ";")
  }

  /// Explores the individualisation tree below `colours` at `depth`, keeping the least code.
  ///
  /// Returns the depth to unwind to when a leaf proved the rest of the subtree
  /// redundant (its code equals an earlier leaf's, so an automorphism maps an explored
  /// subtree onto this one), else nil.
  private mutating func search(_ colours: [Int], depth: Int) -> Int? {
    let refined = refine(colours)
    var members: [Int: [Int]] = [:]
    for (vertex, colour) in refined.enumerated() { members[colour, default: []].append(vertex) }
    guard let target = members.filter({ $0.value.count > 1 }).keys.min(),
      let cell = members[target]
    else {
      return visitLeaf(refined)
    }
    var explored: [Int] = []
    for vertex in cell {
      if leavesVisited >= NLPCell.canonicalLeafBudget { return nil }
      if !explored.isEmpty && isInOrbit(vertex, of: explored) { continue }
      explored.append(vertex)
      var next = refined.map { $0 * 2 }
      for other in cell where other != vertex { next[other] += 1 }
      path.append(vertex)
      let unwind = search(next, depth: depth + 1)
      path.removeLast()
      if let unwind, unwind < depth { return unwind }
    }
    return nil
  }

  /// Records a complete order; when its code equals the first or the best one, stores
  /// the automorphism between them and returns the depth where their paths diverge.
  private mutating func visitLeaf(_ colours: [Int]) -> Int? {
    leavesVisited += 1
    let code = leafCode(colours)
    guard let first, let best else {
      first = (code, colours, path)
      best = (code, colours, path)
      return nil
    }
    for reference in [first, best] where reference.code == code {
      var vertexAt = [Int](repeating: 0, count: colours.count)
      for (vertex, colour) in colours.enumerated() { vertexAt[colour] = vertex }
      automorphisms.append(reference.colours.map { vertexAt[$0] })
      return zip(path, reference.path).prefix { $0 == $1 }.count
    }
    if code.lexicographicallyPrecedes(best.code) { self.best = (code, colours, path) }
    return nil
  }

  /// Whether an automorphism found so far that fixes the current path maps `vertex`
  /// onto one of `explored` (then its subtree repeats an explored one).
  private func isInOrbit(_ vertex: Int, of explored: [Int]) -> Bool {
    var parent = Array(0..<labels.count)
    func root(_ vertex: Int) -> Int {
      var vertex = vertex
      while parent[vertex] != vertex { vertex = parent[vertex] }
      return vertex
    }
    for permutation in automorphisms where path.allSatisfy({ permutation[$0] == $0 }) {
      for (from, to) in permutation.enumerated() where from != to {
        let (a, b) = (root(from), root(to))
        if a != b { parent[max(a, b)] = min(a, b) }
      }
    }
    let orbit = root(vertex)
    return explored.contains { root($0) == orbit }
  }

  /// Splits colour classes by the multisets of (tag, colour) of inputs and readers
  /// until stable; returns dense colours whose order refines the given one.
  private func refine(_ start: [Int]) -> [Int] {
    var colours = start
    var classCount = Set(colours).count
    // Colours stay below 2V (individualisation doubles them), so a (tag, colour) pair
    // packs into one Int that sorts like the pair.
    let stride = 2 * colours.count + 2
    var signatures = [[Int]](repeating: [], count: colours.count)
    while true {
      for vertex in colours.indices {
        var signature = [colours[vertex], inputs[vertex].count]
        signature.reserveCapacity(3 + inputs[vertex].count + readers[vertex].count)
        signature += inputs[vertex].map { ($0.tag + 1) * stride + colours[$0.vertex] }.sorted()
        signature.append(readers[vertex].count)
        signature += readers[vertex].map { ($0.tag + 1) * stride + colours[$0.vertex] }.sorted()
        signatures[vertex] = signature
      }
      let order = colours.indices.sorted {
        signatures[$0].lexicographicallyPrecedes(signatures[$1])
      }
      var colour = 0
      for (position, vertex) in order.enumerated() {
        if position > 0 && signatures[order[position - 1]] != signatures[vertex] { colour += 1 }
        colours[vertex] = colour
      }
      let count = colour + 1
      if count == classCount { return colours }
      classCount = count
    }
  }

  /// The adjacency listing of a discrete colouring, compared to pick the canonical one.
  private func leafCode(_ colours: [Int]) -> [Int] {
    var vertexAt = [Int](repeating: 0, count: colours.count)
    for (vertex, colour) in colours.enumerated() { vertexAt[colour] = vertex }
    let stride = colours.count + 1
    var code: [Int] = []
    for vertex in vertexAt {
      code.append(labelRanks[vertex])
      code.append(inputs[vertex].count)
      code += inputs[vertex].map { ($0.tag + 1) * stride + colours[$0.vertex] }.sorted()
    }
    return code
  }
}
