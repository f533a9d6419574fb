/// What a name in a recipe refers to, by the benchmark's naming convention.
///
/// `x` is the layer input, `h_prev_<i>` the previous step's hidden state i, and
/// `h_new_<i>` the node whose value becomes hidden state i (`h_new_0` is also the
/// layer's output). Any other name is an intermediate node; `h_new_1_act` in the
/// benchmark's LSTM example is one. Indices are written without leading zeros:
/// `h_new_01` would be read as index 1 by the benchmark's cell and then looked up as
/// `h_new_1`, so it is reported as malformed instead.
enum NLPNodeName: Hashable, Sendable {
  /// `x`.
  case input
  /// `h_prev_<index>`.
  case previousHidden(Int)
  /// `h_new_<index>`.
  case newHidden(Int)
  /// `h_prev_` or `h_new_` followed by digits with a leading zero, or too many digits.
  case malformedHidden
  /// Any other name.
  case intermediate

  static let previousPrefix = "h_prev_"
  static let newPrefix = "h_new_"

  /// Classifies `name`.
  init(_ name: String) {
    if name == NLPCell.inputName {
      self = .input
    } else if let index = Self.index(in: name, after: Self.previousPrefix) {
      self = index >= 0 ? .previousHidden(index) : .malformedHidden
    } else if let index = Self.index(in: name, after: Self.newPrefix) {
      self = index >= 0 ? .newHidden(index) : .malformedHidden
    } else {
      self = .intermediate
    }
  }

  /// The index in `prefix` + digits; -1 when the digits are not canonical.
  ///
  /// Nil when `name` is not `prefix` followed by digits only.
  private static func index(in name: String, after prefix: String) -> Int? {
    guard name.hasPrefix(prefix) else { return nil }
    let digits = name.utf8.dropFirst(prefix.utf8.count)
    guard !digits.isEmpty,
      digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    else { return nil }
    if digits.count > 6 || (digits.count > 1 && digits.first == UInt8(ascii: "0")) {
      return -1
    }
    return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
  }
}
