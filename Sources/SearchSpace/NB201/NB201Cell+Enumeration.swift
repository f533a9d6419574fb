extension NB201Cell {
  /// The number of cells in the space, 5⁶.
  public static let cellCount = 15_625

  /// The cell's position in the base-5 product order of ``all``.
  ///
  /// The first edge (1←0) is the most significant digit and the operations count in
  /// their raw-value order, which is the order of XAutoDL's `Structure.gen_all`.
  /// It is *not* the benchmark's `arch_index`: the official file has its own order.
  public var productIndex: Int {
    var index = 0
    for edge in 0..<Self.edgeCount {
      index = index * 5 + Int(rawOperation(edge))
    }
    return index
  }

  /// The cell at `productIndex` in ``all``, or nil outside `0..<15625`.
  public init?(productIndex: Int) {
    guard productIndex >= 0 && productIndex < Self.cellCount else { return nil }
    self.init()
    var rest = productIndex
    for edge in stride(from: Self.edgeCount - 1, through: 0, by: -1) {
      self[edge: edge] = NB201Operation.allCases[rest % 5]
      rest /= 5
    }
  }

  /// All 15,625 cells, in base-5 product order: `all[i].productIndex == i`.
  public static let all: [NB201Cell] = (0..<cellCount).compactMap { NB201Cell(productIndex: $0) }
}
