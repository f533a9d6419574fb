/// Why a recipe could not be read, or why a cell is not a valid NAS-Bench-NLP cell.
///
/// Each case names the node and the rule it breaks. ``NLPSpace`` reports these as an
/// ``ArchitectureError`` whose reason is the ``description``.
public enum NLPCellError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The text is not JSON; `line` and `column` (1-based, in UTF-8 bytes) locate the
  /// offending character.
  case malformedJSON(line: Int, column: Int, message: String)
  /// A JSON value has the wrong kind; `path` is like `node_3.input[1]`.
  case wrongType(path: String, expected: String, found: String)
  /// A node object lacks `op` or `input`.
  case missingField(node: String, field: String)
  /// A node object has a field other than `op` and `input`.
  case unexpectedField(node: String, field: String)
  /// A node's `op` is not one of the benchmark's operations.
  case unknownOperation(node: String, name: String)
  /// A node's name cannot be defined: empty, a cell input's name (`x`, `h_prev_<i>`),
  /// or `h_prev_`/`h_new_` with a malformed index.
  case invalidNodeName(String, reason: String)
  /// A node reads a name that is neither a node nor a cell input.
  case undefinedInput(node: String, input: String)
  /// A node has the wrong number of inputs for its operation.
  case wrongInputCount(node: String, operation: NLPOperation, count: Int)
  /// A node reads `h_prev_<i>` but the cell has only `hiddenStateCount` hidden states.
  case hiddenStateOutOfRange(node: String, input: String, hiddenStateCount: Int)
  /// The output `h_new_<i>` named here is missing while a higher one exists, or the
  /// cell has no `h_new_0`.
  case missingOutput(String)
  /// The cell has more hidden states than the space allows.
  case tooManyHiddenStates(count: Int, maximum: Int)
  /// The nodes listed form a cycle, in order (each reads the next; the last reads the
  /// first).
  case cycle([String])
  /// A node's value reaches no `h_new_<i>`, so it would be computed for nothing (the
  /// benchmark's generator drops such nodes).
  case unreachableNode(String)

  /// A sentence naming the node, the rule and what was expected.
  public var description: String {
    switch self {
    case .malformedJSON(let line, let column, let message):
      "line \(line), column \(column): \(message)"
    case .wrongType(let path, let expected, let found):
      "'\(path)': expected \(expected), found \(found)"
    case .missingField(let node, let field):
      "node '\(node)': missing field '\(field)'"
    case .unexpectedField(let node, let field):
      "node '\(node)': unexpected field '\(field)' (a node has only 'op' and 'input')"
    case .unknownOperation(let node, let name):
      "node '\(node)': unknown op '\(name)' (expected one of "
        + NLPOperation.allCases.map(\.recipeName).joined(separator: ", ") + ")"
    case .invalidNodeName(let name, let reason):
      "node '\(name)': invalid name: \(reason)"
    case .undefinedInput(let node, let input):
      "node '\(node)': input '\(input)' is not a node of the cell nor one of its inputs"
        + " (x, h_prev_0, h_prev_1, ...)"
    case .wrongInputCount(let node, let operation, let count):
      "node '\(node)': \(operation.recipeName) takes \(operation.arityDescription)"
        + " input\(operation.minimumInputCount == 1 && operation.maximumInputCount == 1 ? "" : "s"),"
        + " found \(count)"
    case .hiddenStateOutOfRange(let node, let input, let count):
      "node '\(node)': input '\(input)' is out of range: the cell has \(count) hidden"
        + " state\(count == 1 ? "" : "s") (h_new_0..h_new_\(count - 1))"
    case .missingOutput(let name):
      "missing output '\(name)': outputs must be h_new_0, h_new_1, ... without gaps"
    case .tooManyHiddenStates(let count, let maximum):
      "\(count) hidden states (h_new_*), at most \(maximum) allowed"
    case .cycle(let names):
      "cycle: " + (names + names.prefix(1)).map { "'\($0)'" }.joined(separator: " reads ")
    case .unreachableNode(let name):
      "node '\(name)': its value reaches no output h_new_*"
    }
  }
}
