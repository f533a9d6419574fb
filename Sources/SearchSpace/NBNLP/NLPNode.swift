/// One node of a NAS-Bench-NLP recipe: an operation applied to named inputs.
///
/// Inputs name other nodes of the same cell or the cell's inputs `x` (the layer input)
/// and `h_prev_0`, `h_prev_1`, `h_prev_2` (the previous step's hidden states). Their
/// order matters for ``NLPOperation/blend`` (the first input is the gate) and is kept
/// for every operation, so that a recipe reads back exactly as it was written.
///
/// Codable as the recipe's node object, `{"op": "linear", "input": ["x", "h_prev_0"]}`.
public struct NLPNode: Hashable, Codable, Sendable {
  /// What the node computes.
  public var operation: NLPOperation
  /// The names of the node's inputs, in order.
  public var inputs: [String]

  /// Creates a node applying `operation` to `inputs`.
  public init(_ operation: NLPOperation, _ inputs: [String]) {
    self.operation = operation
    self.inputs = inputs
  }

  private enum CodingKeys: String, CodingKey {
    case operation = "op"
    case inputs = "input"
  }
}
