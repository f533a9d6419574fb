/// An operation on an edge of a NAS-Bench-201 cell.
///
/// The raw values follow the benchmark's operation list (`none`, `skip_connect`,
/// `nor_conv_1x1`, `nor_conv_3x3`, `avg_pool_3x3`), so `rawValue` is also the op's
/// index in NATS-Bench's `str2matrix` encoding. The paper's strings appear only in
/// ``name`` and ``init(name:)``: everywhere else the cases are used.
public enum NB201Operation: UInt8, CaseIterable, Codable, Sendable {
  /// The zero operation: the edge does not exist.
  case none = 0
  /// The identity.
  case skipConnect = 1
  /// ReLU, 1×1 convolution (no bias), batch normalisation.
  case conv1x1 = 2
  /// ReLU, 3×3 convolution (no bias, padding 1), batch normalisation.
  case conv3x3 = 3
  /// 3×3 average pooling, stride 1, padding 1, not counting the padding.
  case avgPool3x3 = 4

  /// The operation whose raw value is `index` (0..<5), without building ``allCases``.
  ///
  /// - Precondition: `index` is in `0..<5`.
  @inlinable
  public init(index: Int) {
    precondition(index >= 0 && index < 5, "NB201 operation index \(index) out of 0..<5")
    self = NB201Operation(rawValue: UInt8(truncatingIfNeeded: index)) ?? .none
  }

  /// The benchmark's name of the operation, as it appears in architecture strings.
  public var name: String {
    switch self {
    case .none: "none"
    case .skipConnect: "skip_connect"
    case .conv1x1: "nor_conv_1x1"
    case .conv3x3: "nor_conv_3x3"
    case .avgPool3x3: "avg_pool_3x3"
    }
  }

  /// The operation the benchmark calls `name`, or nil for any other text.
  public init?(name: String) {
    guard let operation = Self.allCases.first(where: { $0.name == name }) else {
      return nil
    }
    self = operation
  }

  /// Whether the operation has trainable weights (the two convolutions).
  public var hasWeights: Bool {
    self == .conv1x1 || self == .conv3x3
  }
}
