import SearchSpace

/// Why a NAS-Bench-101 network cannot be built: the cell is not a valid benchmark
/// graph, or the configuration cannot hold it.
public enum NB101NetworkError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The cell's matrix is not upper-triangular, or its input does not reach its output.
  case architecture(ArchitectureError)
  /// A configuration field is out of range.
  case configuration(NetworkConfigurationError)
  /// A cell of `cellChannels` output channels would give vertex `vertex` no channel:
  /// more vertices feed the output than there are channels to split among them.
  case tooFewChannels(cell: String, cellChannels: Int, vertex: Int)

  /// A message naming the cell or field and what was expected.
  public var description: String {
    switch self {
    case .architecture(let error):
      "\(error)"
    case .configuration(let error):
      "\(error)"
    case .tooFewChannels(let cell, let channels, let vertex):
      "nb101 cell \(cell): \(channels) output channels leave vertex \(vertex) with none; "
        + "expected at least one channel per vertex feeding the output"
    }
  }
}
