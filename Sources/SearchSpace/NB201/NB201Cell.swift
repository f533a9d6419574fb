/// A NAS-Bench-201 cell: a complete DAG on four nodes with one operation per edge.
///
/// Node 0 is the cell's input and node 3 its output; every node `i` is the sum of
/// `op(i←j)(node j)` over `j < i`. The six edges are kept in the order of the
/// benchmark's string `|op~0|+|op~0|op~1|+|op~0|op~1|op~2|`:
/// (1←0), (2←0), (2←1), (3←0), (3←1), (3←2).
///
/// ```swift
/// let cell = try NB201Cell(
///   parsing: "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|")
/// cell[to: 2, from: 1]   // .avgPool3x3
/// cell.count(of: .conv3x3)   // 3
/// ```
///
/// A cell is a plain 4-byte value: hashing, comparing and copying it are cheap, so
/// it can key the dictionaries and sets a search keeps.
public struct NB201Cell: Hashable, Sendable {
  /// The number of nodes, input and output included.
  public static let nodeCount = 4

  /// The number of edges (operations) of a cell.
  public static let edgeCount = 6

  /// The (target, source) nodes of each edge, in the benchmark's string order.
  public static let edges: [(to: Int, from: Int)] = [
    (1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2),
  ]

  /// The six operations, three bits each, edge `k` at bits `3k..<3k+3`.
  private var packed: UInt32

  /// The cell whose six edges are all `none`.
  init() {
    packed = 0
  }

  /// Creates a cell from its six operations in the benchmark's edge order.
  ///
  /// - Throws: ``ArchitectureError`` when `operations` does not hold exactly six
  ///   operations.
  public init(operations: [NB201Operation]) throws(ArchitectureError) {
    guard operations.count == Self.edgeCount else {
      throw ArchitectureError(
        space: "nb201",
        reason: "expected \(Self.edgeCount) edge operations, found \(operations.count)")
    }
    packed = 0
    for (edge, operation) in operations.enumerated() {
      packed |= UInt32(operation.rawValue) << (3 * UInt32(edge))
    }
  }

  /// The operations of the six edges, in the benchmark's string order.
  public var operations: [NB201Operation] {
    (0..<Self.edgeCount).map { self[edge: $0] }
  }

  /// The raw value of edge `edge`'s operation, without checks.
  @inline(__always)
  func rawOperation(_ edge: Int) -> UInt32 {
    (packed >> (3 &* UInt32(truncatingIfNeeded: edge))) & 0b111
  }

  /// The operation of edge `edge` (0..<6, in the benchmark's string order).
  ///
  /// - Precondition: `edge` is in `0..<6`.
  public subscript(edge edge: Int) -> NB201Operation {
    get {
      precondition(edge >= 0 && edge < Self.edgeCount, "NB201 edge index \(edge) out of 0..<6")
      let raw = UInt8(truncatingIfNeeded: (packed >> (3 * UInt32(edge))) & 0b111)
      // Only valid raw values are ever stored (see the initialisers and the setter).
      return NB201Operation(rawValue: raw) ?? .none
    }
    set {
      precondition(edge >= 0 && edge < Self.edgeCount, "NB201 edge index \(edge) out of 0..<6")
      let shift = 3 * UInt32(edge)
      packed = (packed & ~(0b111 << shift)) | (UInt32(newValue.rawValue) << shift)
    }
  }

  /// The operation on the edge from node `source` to node `target`.
  ///
  /// - Precondition: `0 <= source < target <= 3`.
  public subscript(to target: Int, from source: Int) -> NB201Operation {
    get { self[edge: Self.edgeIndex(to: target, from: source)] }
    set { self[edge: Self.edgeIndex(to: target, from: source)] = newValue }
  }

  /// The position of the edge `source → target` in the benchmark's edge order.
  ///
  /// - Precondition: `0 <= source < target <= 3`.
  public static func edgeIndex(to target: Int, from source: Int) -> Int {
    precondition(
      source >= 0 && source < target && target < nodeCount,
      "no NB201 edge from node \(source) to node \(target)")
    return target * (target - 1) / 2 + source
  }

  /// How many of the six edges carry `operation`.
  public func count(of operation: NB201Operation) -> Int {
    var total = 0
    for edge in 0..<Self.edgeCount where self[edge: edge] == operation {
      total += 1
    }
    return total
  }
}
