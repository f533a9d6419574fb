extension NB201Cell {
  /// Whether some path of non-`none` edges leads from the input (node 0) to the
  /// output (node 3).
  ///
  /// Without one, the cell's output is identically zero and the network cannot learn:
  /// 341 of the 15,625 cells are such, and the benchmark records chance accuracy for
  /// them. This is XAutoDL's `Structure.check_valid`.
  public var hasInputOutputPath: Bool {
    var reachable: [Bool] = [true, false, false, false]
    for (target, source) in Self.edges
    where reachable[source] && self[to: target, from: source] != .none {
      reachable[target] = true
    }
    return reachable[Self.nodeCount - 1]
  }

  /// NATS-Bench's isomorphism-canonical string of the cell (`unique_str`).
  ///
  /// Two cells that compute the same function up to the order of summed terms get
  /// the same string; the 15,625 cells fall into 6,466 classes. The construction is
  /// XAutoDL's `Structure.to_unique_str(consider_zero=True)`: node 0 is `0`; an edge
  /// term is `#` when its op is `none` or its source node's string is exactly `#`,
  /// the source's string when its op is `skip_connect`, and `(source)@op_name`
  /// otherwise; a node's string is its terms sorted (byte order) and joined by `+`.
  /// The result is node 3's string.
  ///
  /// The rule is purely textual, and reproduced as such: a node whose terms are all
  /// zero becomes `#+#`, which is not recognised as zero downstream.
  public var isomorphismString: String {
    var nodes: [String] = ["0"]
    for target in 1..<Self.nodeCount {
      var terms: [String] = []
      for source in 0..<target {
        let operation = self[to: target, from: source]
        let input = nodes[source]
        switch operation {
        case .none:
          terms.append("#")
        case _ where input == "#":
          terms.append("#")
        case .skipConnect:
          terms.append(input)
        default:
          terms.append("(" + input + ")@" + operation.name)
        }
      }
      terms.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      nodes.append(terms.joined(separator: "+"))
    }
    return nodes[Self.nodeCount - 1]
  }
}
