/// A NAS-Bench-101 cell: a directed graph of 2 to 8 vertices given by a square 0/1
/// adjacency matrix, with one ``NB101Operation`` per vertex.
///
/// A cell holds exactly what the benchmark's `ModelSpec(matrix, ops)` receives, before
/// pruning and before validation, so that the benchmark's own rules can be applied to
/// it: ``pruned()`` removes the vertices off every input-to-output path, and
/// ``NB101Space/validate(_:)`` applies `is_valid` (upper-triangular matrix, first
/// vertex `input`, last vertex `output`, vertex and edge limits after pruning).
/// Cells of the benchmark have at most 7 vertices; one more fits for cells that
/// prune down to 7.
///
/// The text form is `ADJ:OPS`: the row-major matrix as `0`/`1` characters, then the
/// operations' official names joined by `|`:
///
/// ```swift
/// let cell = try NB101Cell(parsing: "0110001000010000:input|conv3x3-bn-relu|maxpool3x3|output")
/// cell.vertexCount          // 4
/// cell.hasEdge(from: 0, to: 2)  // true
/// ```
///
/// Two cells are `==` only when their matrices and operations are identical; cells
/// that the benchmark treats as the same network (equal after pruning, or isomorphic)
/// share their ``moduleHash()`` instead.
///
/// The value is a few machine words (no heap storage): matrices are bit sets.
public struct NB101Cell: Hashable, Sendable {
  /// The most vertices a cell can hold.
  public static let maximumVertexCount = 8

  /// The number of vertices, including input and output.
  public private(set) var vertexCount: Int
  /// Bit `8 * from + to` is set when the matrix has a 1 at row `from`, column `to`.
  private var edgeBits: UInt64
  /// Bits `3 * v ..< 3 * v + 3` hold the raw value of vertex `v`'s operation.
  private var operationBits: UInt32

  /// Creates a cell from a square adjacency matrix and one operation per vertex.
  ///
  /// The matrix may be anything square (validation, not construction, checks the
  /// benchmark's rules); `adjacency[i][j]` is the edge from vertex `i` to `j`.
  ///
  /// - Throws: ``ArchitectureError`` when the matrix is not square, its size is not
  ///   2...8, or the operation count differs from the matrix size.
  public init(adjacency: [[Bool]], operations: [NB101Operation]) throws(ArchitectureError) {
    let count = adjacency.count
    guard (2...Self.maximumVertexCount).contains(count) else {
      throw Self.error("the matrix has \(count) rows; a cell has 2 to 8 vertices")
    }
    if let row = adjacency.firstIndex(where: { $0.count != count }) {
      throw Self.error(
        "the matrix is not square: row \(row) has \(adjacency[row].count) entries, expected \(count)"
      )
    }
    guard operations.count == count else {
      throw Self.error(
        "\(operations.count) operations for a \(count)x\(count) matrix; expected one per vertex")
    }
    self.init(vertexCount: count)
    for (from, row) in adjacency.enumerated() {
      for (to, present) in row.enumerated() where present {
        setEdge(from: from, to: to, true)
      }
    }
    for (vertex, operation) in operations.enumerated() {
      setOperation(operation, at: vertex)
    }
  }

  /// Creates a cell from its operations and a list of edges (`from` → `to`).
  ///
  /// - Throws: ``ArchitectureError`` when there are not 2...8 operations or an edge
  ///   names a vertex outside the cell.
  public init(operations: [NB101Operation], edges: [(from: Int, to: Int)]) throws(ArchitectureError)
  {
    let count = operations.count
    guard (2...Self.maximumVertexCount).contains(count) else {
      throw Self.error("\(count) operations; a cell has 2 to 8 vertices")
    }
    self.init(vertexCount: count)
    for (vertex, operation) in operations.enumerated() {
      setOperation(operation, at: vertex)
    }
    for edge in edges {
      guard (0..<count).contains(edge.from), (0..<count).contains(edge.to) else {
        throw Self.error("edge \(edge.from)->\(edge.to) names a vertex outside 0...\(count - 1)")
      }
      setEdge(from: edge.from, to: edge.to, true)
    }
  }

  /// A cell of `vertexCount` vertices with no edges whose operations are all `input`
  /// (raw value 0); callers fill it in.
  init(vertexCount: Int) {
    precondition((2...Self.maximumVertexCount).contains(vertexCount), "vertex count out of range")
    self.vertexCount = vertexCount
    edgeBits = 0
    operationBits = 0
  }

  /// The operation of every vertex, input first.
  public var operations: [NB101Operation] {
    (0..<vertexCount).map(operation(at:))
  }

  /// The operation at `vertex`.
  ///
  /// - Precondition: `vertex` is in `0..<vertexCount`.
  public func operation(at vertex: Int) -> NB101Operation {
    precondition((0..<vertexCount).contains(vertex), "vertex \(vertex) out of range")
    let raw = UInt8(truncatingIfNeeded: operationBits >> UInt32(3 * vertex)) & 0b111
    return NB101Operation(rawValue: raw) ?? .input
  }

  /// Replaces the operation at `vertex`.
  ///
  /// - Precondition: `vertex` is in `0..<vertexCount`.
  public mutating func setOperation(_ operation: NB101Operation, at vertex: Int) {
    precondition((0..<vertexCount).contains(vertex), "vertex \(vertex) out of range")
    let shift = UInt32(3 * vertex)
    operationBits = operationBits & ~(0b111 << shift) | UInt32(operation.rawValue) << shift
  }

  /// Whether the matrix has a 1 at row `from`, column `to`.
  ///
  /// - Precondition: both vertices are in `0..<vertexCount`.
  public func hasEdge(from: Int, to: Int) -> Bool {
    edgeBits & Self.bit(from: from, to: to, count: vertexCount) != 0
  }

  /// Sets or clears the matrix entry at row `from`, column `to`.
  ///
  /// - Precondition: both vertices are in `0..<vertexCount`.
  public mutating func setEdge(from: Int, to: Int, _ present: Bool) {
    let bit = Self.bit(from: from, to: to, count: vertexCount)
    edgeBits = present ? edgeBits | bit : edgeBits & ~bit
  }

  /// The number of 1 entries in the matrix.
  public var edgeCount: Int { edgeBits.nonzeroBitCount }

  /// The matrix as rows of booleans: `adjacency[i][j]` is the edge `i` → `j`.
  public var adjacency: [[Bool]] {
    (0..<vertexCount).map { from in (0..<vertexCount).map { to in hasEdge(from: from, to: to) } }
  }

  /// The number of edges leaving `vertex` (its matrix row sum).
  public func outDegree(of vertex: Int) -> Int {
    (edgeBits & Self.rowMask(vertex, count: vertexCount)).nonzeroBitCount
  }

  /// The number of edges entering `vertex` (its matrix column sum).
  public func inDegree(of vertex: Int) -> Int {
    (edgeBits & Self.columnMask(vertex, count: vertexCount)).nonzeroBitCount
  }

  /// The vertices `vertex` has edges to, in increasing order.
  public func successors(of vertex: Int) -> [Int] {
    (0..<vertexCount).filter { hasEdge(from: vertex, to: $0) }
  }

  /// The vertices with edges to `vertex`, in increasing order.
  public func predecessors(of vertex: Int) -> [Int] {
    (0..<vertexCount).filter { hasEdge(from: $0, to: vertex) }
  }

  /// Whether every 1 lies strictly above the diagonal (`from < to`), as the
  /// benchmark's `is_upper_triangular` requires; such a graph is acyclic and its
  /// vertex order is a topological order.
  public var isUpperTriangular: Bool {
    var onOrBelowDiagonal: UInt64 = 0
    for row in 0..<vertexCount {
      onOrBelowDiagonal |= ((1 << UInt64(row + 1)) - 1) << UInt64(8 * row)
    }
    return edgeBits & onOrBelowDiagonal == 0
  }

  private static func bit(from: Int, to: Int, count: Int) -> UInt64 {
    precondition(
      (0..<count).contains(from) && (0..<count).contains(to), "edge \(from)->\(to) out of range")
    return 1 << UInt64(8 * from + to)
  }

  private static func rowMask(_ row: Int, count: Int) -> UInt64 {
    precondition((0..<count).contains(row), "vertex \(row) out of range")
    return ((1 << UInt64(count)) - 1) << UInt64(8 * row)
  }

  private static func columnMask(_ column: Int, count: Int) -> UInt64 {
    precondition((0..<count).contains(column), "vertex \(column) out of range")
    var mask: UInt64 = 0
    for row in 0..<count {
      mask |= 1 << UInt64(8 * row + column)
    }
    return mask
  }

  static func error(_ reason: String, text: String = "") -> ArchitectureError {
    ArchitectureError(space: "nb101", text: text, reason: reason)
  }
}
