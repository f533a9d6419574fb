/// Where a tensor sits on a gradient tape: the recording pass and the node's index.
///
/// Tensors carry it so that operations can tell tracked values from constants, and so
/// that a tensor from one pass is a constant in another.
struct TapeNode: Hashable, Sendable {
  /// The ``ForwardPass/identifier`` of the pass that owns the node.
  var pass: Int
  /// The node's index on that pass's tape.
  var index: Int
}

/// One recorded operation: which nodes it read, which node it wrote, and how to turn
/// the gradient of its output into gradients of its inputs.
struct TapeEntry<Scalar: TensorScalar> {
  /// The input nodes, in the order the backward closure returns gradients; −1 marks a
  /// constant input, which gets no gradient.
  var inputs: [Int]
  /// The output node.
  var output: Int
  /// The gradient rule.
  ///
  /// Maps the output gradient and which inputs need a gradient to one gradient per
  /// input (nil where not needed). Captures exactly the values the rule needs.
  var backward: (Tensor<Scalar>, [Bool]) -> [Tensor<Scalar>?]
}
