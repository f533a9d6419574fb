import SearchSpace

/// Why a NAS-Bench-NLP network cannot be built: the cell is not a well-formed recurrent
/// cell, or the configuration is out of range.
public enum NLPNetworkError: Error, CustomStringConvertible, Equatable, Sendable {
  /// ``NLPCell/program()`` rejected the cell.
  case cell(NLPCellError)
  /// A configuration field is out of range.
  case configuration(NetworkConfigurationError)
  /// A node other than `linear` reads `x` directly, but `x` is `inputSize` wide and the
  /// hidden states `hiddenSize`: the element-wise operation has no meaning (the
  /// benchmark's PyTorch cell fails on it as well).
  case inputWidthMismatch(node: String, inputSize: Int, hiddenSize: Int)

  /// The underlying error's message, prefixed with what was being built.
  public var description: String {
    switch self {
    case .cell(let error): "nb-nlp cell: \(error)"
    case .configuration(let error): "\(error)"
    case .inputWidthMismatch(let node, let inputSize, let hiddenSize):
      "nb-nlp cell: node '\(node)' reads x (\(inputSize) wide) element-wise with "
        + "\(hiddenSize)-wide hidden values; expected x to feed only linear nodes"
    }
  }
}
