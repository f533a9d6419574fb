/// A NAS-Bench-NLP recurrent cell: the benchmark's "recipe", a graph of named nodes.
///
/// Each node applies an ``NLPOperation`` to named inputs. The cell's inputs are `x` (the
/// layer input at this time step) and `h_prev_0 … h_prev_{k−1}` (the previous step's
/// hidden states); the nodes named `h_new_0 … h_new_{k−1}` give the new hidden states,
/// and `h_new_0` is also the layer's output. Nodes are evaluated in topological order
/// (see ``program()``).
///
/// Two cells are equal when they have the same node names, operations and input lists;
/// the order in which a recipe lists its nodes does not matter. Cells that differ only
/// by the names of intermediate nodes, or by the order of a sum's inputs, are different
/// values but the same network: ``NLPSpace/identityHash(_:)`` identifies them.
///
/// The text form is the benchmark's recipe JSON, read by ``init(recipe:)`` and written
/// canonically by ``recipe``; `Codable` uses the same object shape.
///
/// ```swift
/// let rnn = try NLPCell(recipe: """
///   {"f": {"op": "linear", "input": ["x", "h_prev_0"]},
///    "h_new_0": {"op": "activation_tanh", "input": ["f"]}}
///   """)
/// rnn.hiddenStateCount  // 1
/// ```
public struct NLPCell: Hashable, Sendable {
  /// The nodes by name.
  public var nodes: [String: NLPNode]

  /// Creates a cell from its nodes.
  public init(nodes: [String: NLPNode]) {
    self.nodes = nodes
  }

  /// The name of the layer input, `x`.
  public static let inputName = "x"

  /// The name of the previous step's hidden state `index`, `h_prev_<index>`.
  public static func previousHiddenName(_ index: Int) -> String {
    NLPNodeName.previousPrefix + String(index)
  }

  /// The name of the node that gives hidden state `index`, `h_new_<index>`.
  public static func newHiddenName(_ index: Int) -> String {
    NLPNodeName.newPrefix + String(index)
  }

  /// The node named `name`, if the cell has one.
  public subscript(name: String) -> NLPNode? {
    get { nodes[name] }
    set { nodes[name] = newValue }
  }

  /// The number k of hidden states: the number of `h_new_<i>` nodes.
  ///
  /// In a valid cell these are `h_new_0 … h_new_{k−1}`, and the cell reads at most
  /// `h_prev_0 … h_prev_{k−1}`.
  public var hiddenStateCount: Int {
    nodes.keys.reduce(0) { count, name in
      if case .newHidden = NLPNodeName(name) { count + 1 } else { count }
    }
  }

  /// The number of `linear` nodes (each has its own bias).
  public var linearNodeCount: Int {
    nodes.values.reduce(0) { $0 + ($1.operation == .linear ? 1 : 0) }
  }

  /// The number of weight matrices of `linear` nodes that read `x` (each is
  /// `inputSize × hiddenSize`) and that read anything else (each `hiddenSize ×
  /// hiddenSize`).
  public var linearInputCounts: (fromInput: Int, fromHidden: Int) {
    var fromInput = 0
    var fromHidden = 0
    for node in nodes.values where node.operation == .linear {
      for input in node.inputs {
        if input == Self.inputName { fromInput += 1 } else { fromHidden += 1 }
      }
    }
    return (fromInput, fromHidden)
  }

  /// The number of trainable parameters of one layer built from this cell, as the
  /// benchmark's `CustomRNNCell` counts them.
  ///
  /// Only `linear` nodes have parameters: one `hiddenSize`-wide weight matrix per input
  /// (`inputSize` rows for `x`, `hiddenSize` rows for anything else) and one bias of
  /// `hiddenSize`. The benchmark's whole model adds the embedding and the decoder bias
  /// (the decoder weight is tied to the embedding).
  public func parameterCount(inputSize: Int, hiddenSize: Int) -> Int {
    let counts = linearInputCounts
    return counts.fromInput * inputSize * hiddenSize + counts.fromHidden * hiddenSize
      * hiddenSize + linearNodeCount * hiddenSize
  }
}

extension NLPCell: Codable {
  /// Decodes the recipe object `{"name": {"op": …, "input": […]}, …}`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    nodes = try container.decode([String: NLPNode].self)
  }

  /// Encodes the recipe object `{"name": {"op": …, "input": […]}, …}`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(nodes)
  }
}
