/// The operation at one vertex of a NAS-Bench-101 cell.
///
/// Inside the package the operations are this enum; the benchmark's own strings
/// (``officialName``, such as `conv3x3-bn-relu`) appear only when cells are read or
/// printed.
public enum NB101Operation: UInt8, CaseIterable, Hashable, Sendable {
  /// The cell's input vertex (always vertex 0).
  case input
  /// 3×3 convolution, batch normalisation, ReLU.
  case conv3x3BnRelu
  /// 1×1 convolution, batch normalisation, ReLU.
  case conv1x1BnRelu
  /// 3×3 max pooling, stride 1.
  case maxPool3x3
  /// The cell's output vertex (always the last vertex).
  case output

  /// The operations an interior vertex may carry, in the order of the benchmark's
  /// `config['available_ops']`; a vertex's hash label is its index in this list.
  public static let interiorOperations: [NB101Operation] = [
    .conv3x3BnRelu, .conv1x1BnRelu, .maxPool3x3,
  ]

  /// The benchmark's name: `input`, `conv3x3-bn-relu`, `conv1x1-bn-relu`,
  /// `maxpool3x3` or `output`.
  public var officialName: String {
    switch self {
    case .input: "input"
    case .conv3x3BnRelu: "conv3x3-bn-relu"
    case .conv1x1BnRelu: "conv1x1-bn-relu"
    case .maxPool3x3: "maxpool3x3"
    case .output: "output"
    }
  }

  /// Reads a benchmark name such as `maxpool3x3`; nil for anything else.
  public init?(officialName: some StringProtocol) {
    guard let match = Self.matching(utf8: ContiguousUTF8.bytes(of: officialName)[...]) else {
      return nil
    }
    self = match
  }

  /// The operation whose official name is exactly these UTF-8 bytes.
  static func matching(utf8 name: ArraySlice<UInt8>) -> NB101Operation? {
    // The names differ in length except the two convolutions, which differ at byte 4.
    let candidate: NB101Operation
    switch name.count {
    case 5: candidate = .input
    case 6: candidate = .output
    case 10: candidate = .maxPool3x3
    case 15:
      candidate = name[name.startIndex + 4] == UInt8(ascii: "3") ? .conv3x3BnRelu : .conv1x1BnRelu
    default: return nil
    }
    return name.elementsEqual(officialNameBytes[Int(candidate.rawValue)]) ? candidate : nil
  }

  /// The official names' UTF-8 bytes, indexed by raw value.
  private static let officialNameBytes: [[UInt8]] = allCases.map {
    ContiguousUTF8.bytes(of: $0.officialName)
  }

  /// Whether the operation may sit at an interior vertex.
  public var isInterior: Bool {
    self != .input && self != .output
  }

  /// The integer label of `graph_util.hash_module`: −1 for the input, −2 for the
  /// output, else the index in ``interiorOperations``.
  public var hashLabel: Int {
    switch self {
    case .input: -1
    case .conv3x3BnRelu: 0
    case .conv1x1BnRelu: 1
    case .maxPool3x3: 2
    case .output: -2
    }
  }
}

extension NB101Operation: CustomStringConvertible {
  /// The benchmark's name.
  public var description: String { officialName }
}

extension NB101Operation: Codable {
  /// Decodes the benchmark's name.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let name = try container.decode(String.self)
    guard let operation = NB101Operation(officialName: name) else {
      let names = Self.allCases.map(\.officialName).joined(separator: ", ")
      throw DecodingError.dataCorruptedError(
        in: container,
        debugDescription: "unknown NB101 operation '\(name)'; expected one of \(names)")
    }
    self = operation
  }

  /// Encodes the benchmark's name.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(officialName)
  }
}
