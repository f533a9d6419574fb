extension NB101Cell {
  /// The benchmark's key for this cell: the graph hash of the pruned cell, as
  /// `ModelSpec.hash_spec(config['available_ops'])` computes it.
  ///
  /// Cells that prune to the same graph, or to isomorphic graphs with the same
  /// operations, get the same hash; the official data file stores each cell under it.
  ///
  /// - Throws: ``ArchitectureError`` when the cell cannot be pruned (see ``pruned()``).
  public func moduleHash() throws(ArchitectureError) -> MD5Digest {
    try pruned().graphHash()
  }

  /// The benchmark's `graph_util.hash_module` of this cell's matrix and operation
  /// labels, without pruning first.
  ///
  /// A Weisfeiler-Lehman-style refinement with MD5 as the relabelling function:
  /// 1. each vertex starts as the MD5 of the Python text `str((out_degree,
  ///    in_degree, label))`, such as `(2, 0, -1)`; the label is
  ///    ``NB101Operation/hashLabel`` (input −1, output −2, else the operation's index
  ///    in `[conv3x3-bn-relu, conv1x1-bn-relu, maxpool3x3]`);
  /// 2. `vertexCount` times, every vertex becomes the MD5 of its in-neighbours'
  ///    hashes sorted and concatenated, `|`, its out-neighbours' hashes sorted and
  ///    concatenated, `|`, its own hash (hashes as 32 lowercase hex digits);
  /// 3. the fingerprint is the MD5 of Python's `str(sorted(hashes))`, such as
  ///    `['0a…', '3f…']`.
  ///
  /// - Complexity: O(*n*²) MD5 input bytes and O(*n*³) edge tests for *n* vertices.
  public func graphHash() -> MD5Digest {
    let count = vertexCount
    var hashes = (0..<count).map { vertex in
      let label = operation(at: vertex).hashLabel
      return MD5.digest(of: "(\(outDegree(of: vertex)), \(inDegree(of: vertex)), \(label))")
    }
    var message: [UInt8] = []
    message.reserveCapacity(32 * (2 * count + 1) + 2)
    var next = hashes
    for _ in 0..<count {
      // Visiting vertices in the order of their hashes lists every vertex's
      // neighbours already sorted, as Python's `sorted()` of the hex strings would.
      let order = (0..<count).sorted { hashes[$0] < hashes[$1] }
      for vertex in 0..<count {
        message.removeAll(keepingCapacity: true)
        for neighbour in order where hasEdge(from: neighbour, to: vertex) {
          hashes[neighbour].appendHex(to: &message)
        }
        message.append(UInt8(ascii: "|"))
        for neighbour in order where hasEdge(from: vertex, to: neighbour) {
          hashes[neighbour].appendHex(to: &message)
        }
        message.append(UInt8(ascii: "|"))
        hashes[vertex].appendHex(to: &message)
        next[vertex] = message.withUnsafeBytes { MD5.digest(of: $0) }
      }
      swap(&hashes, &next)
    }
    message.removeAll(keepingCapacity: true)
    message.append(UInt8(ascii: "["))
    for (index, hash) in hashes.sorted().enumerated() {
      if index > 0 { message.append(contentsOf: ", ".utf8) }
      message.append(UInt8(ascii: "'"))
      hash.appendHex(to: &message)
      message.append(UInt8(ascii: "'"))
    }
    message.append(UInt8(ascii: "]"))
    return message.withUnsafeBytes { MD5.digest(of: $0) }
  }
}
