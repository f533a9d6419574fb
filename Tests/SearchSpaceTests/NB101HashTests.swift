import NASTestSupport
import SearchSpace
import Testing

struct NB101HashTests {
  /// The first cell of the official `nasbench_only108.tfrecord`, printed with its key
  /// `00005c142e6f48ac74fdcf73e3439874` in NNI's NAS-benchmark example
  /// (microsoft/nni `docs/en_US/NAS/BenchmarksExample.ipynb`: op1..op5 and input1..6)
  /// and in the tests of other tools that read the official file.
  @Test func publishedKeyOfTheFirstCellInTheOfficialFile() throws {
    let cell = try NB101Cell(
      operations: [
        .input, .conv3x3BnRelu, .maxPool3x3, .conv3x3BnRelu, .conv3x3BnRelu, .conv1x1BnRelu,
        .output,
      ],
      // NNI's inputN lists the predecessors of vertex N.
      edges: [(0, 1), (1, 2), (2, 3), (0, 4), (0, 5), (3, 5), (4, 5), (2, 6), (5, 6)])
    #expect(try cell.moduleHash().hexString == "00005c142e6f48ac74fdcf73e3439874")
    #expect(NB101Space().identityHash(cell) == "00005c142e6f48ac74fdcf73e3439874")
  }

  // MARK: The cases of nasbench/tests/graph_util_test.py (test_hash_module)

  private func cell(_ rows: [String], _ labels: [Int]) throws -> NB101Cell {
    let operations = labels.map { label -> NB101Operation in
      switch label {
      case -1: .input
      case -2: .output
      default: NB101Operation.interiorOperations[label % 3]
      }
    }
    return try NB101Cell(
      adjacencyRowMajor: rows.joined(),
      operations: operations.map(\.officialName).joined(separator: "|"))
  }

  @Test func diamondWithSwappedLabelsHashesEqually() throws {
    let rows = ["0110", "0001", "0001", "0000"]
    #expect(try cell(rows, [-1, 1, 2, -2]).graphHash() == cell(rows, [-1, 2, 1, -2]).graphHash())
  }

  @Test func edgePermutationsHashEquallyAndLabelChangesDoNot() throws {
    let first = try cell(["01100", "00001", "00010", "00001", "00000"], [-1, 1, 2, 0, -2])
    let second = try cell(["01010", "00100", "00001", "00001", "00000"], [-1, 2, 0, 1, -2])
    let third = try cell(["01100", "00010", "00001", "00001", "00000"], [-1, 2, 1, 0, -2])
    #expect(first.graphHash() == second.graphHash())
    #expect(second.graphHash() == third.graphHash())
    let relabelledSecond = try cell(
      ["01100", "00001", "00010", "00001", "00000"], [-1, 2, 0, 1, -2])
    let relabelledThird = try cell(
      ["01100", "00001", "00010", "00001", "00000"], [-1, 2, 1, 0, -2])
    #expect(relabelledSecond.graphHash() != first.graphHash())
    #expect(relabelledThird.graphHash() != first.graphHash())
  }

  @Test func trickyNonIsomorphicPairsHashDifferently() throws {
    // Breaks without the vertex's own hash in the update.
    let chain = ["01000", "00100", "00010", "00001", "00000"]
    #expect(
      try cell(chain, [-1, 1, 0, 0, -2]).graphHash() != cell(chain, [-1, 0, 0, 1, -2]).graphHash())
    // Breaks with undirected edges.
    let square = ["0101", "0010", "0001", "0000"]
    #expect(
      try cell(square, [-1, 1, 0, -2]).graphHash() != cell(square, [-1, 0, 1, -2]).graphHash())
    // Breaks with out-neighbours only.
    let seven = ["0111100", "0010000", "0000001", "0000010", "0000010", "0000001", "0000000"]
    #expect(
      try cell(seven, [-1, 1, 0, 0, 0, 0, -2]).graphHash()
        != cell(seven, [-1, 0, 0, 0, 1, 0, -2]).graphHash())
  }

  @Test func nonIsomorphicRegularGraphsOnEightVerticesHashDifferently() throws {
    let first = [
      "01000000", "00110010", "00001100", "00001100", "00000010", "00000010", "00000001",
      "00000000",
    ]
    let second = [
      "01000000", "00110100", "00001010", "00001100", "00000010", "00000010", "00000001",
      "00000000",
    ]
    let labels = [-1, 1, 1, 1, 1, 1, 1, -2]
    #expect(try cell(first, labels).graphHash() != cell(second, labels).graphHash())
  }

  // MARK: Invariants on the reference cells

  @Test(.requiresData) func relabellingInteriorVerticesKeepsTheHash() throws {
    var rng = SplitMix64(seed: 101)
    let cells = try NB101Fixtures.referenceCells() + NB101Fixtures.multiEpochCells()
    for original in cells {
      let pruned = try original.pruned()
      let expected = pruned.graphHash()
      #expect(try original.moduleHash() == expected)
      let permutations = NB101Fixtures.interiorPermutations(count: pruned.vertexCount)
      for _ in 0..<3 {
        let permutation = permutations[Int.random(in: 0..<permutations.count, using: &rng)]
        let relabelled = try NB101Fixtures.relabelled(pruned, by: permutation)
        #expect(relabelled.graphHash() == expected, "\(pruned) by \(permutation)")
        if relabelled.isUpperTriangular {
          #expect(try relabelled.moduleHash() == expected)
        }
      }
    }
  }

  /// Hashes are equal exactly for isomorphic pruned cells.
  ///
  /// Checked against a brute-force canonical form over all interior relabellings. Both files hold cells that prune
  /// to the same or isomorphic graphs: 293 rows, 183 distinct networks.
  @Test(.requiresData) func hashesAreEqualExactlyForIsomorphicPrunedCells() throws {
    let cells = try NB101Fixtures.referenceCells() + NB101Fixtures.multiEpochCells()
    var keyOfHash: [MD5Digest: String] = [:]
    var hashOfKey: [String: MD5Digest] = [:]
    for original in cells {
      let hash = try original.moduleHash()
      let key = try NB101Fixtures.isomorphismKey(original.pruned())
      #expect(keyOfHash.updateValue(key, forKey: hash).map { $0 == key } ?? true)
      #expect(hashOfKey.updateValue(hash, forKey: key).map { $0 == hash } ?? true)
    }
    #expect(keyOfHash.count == hashOfKey.count)
    #expect(keyOfHash.count == 183)
  }

  /// NASLib's 150 cells hold 103 networks; rows of one network must agree on the
  /// parameter count and show at most the benchmark's 3 repeats' accuracies.
  @Test(.requiresData) func rowsSharingAHashAreTheSameTrainedNetwork() throws {
    var parameters: [MD5Digest: Set<String>] = [:]
    var accuracies: [MD5Digest: Set<String>] = [:]
    for row in try NB101Fixtures.rows(of: "nasbench101/nb101_reference_dev.csv") {
      let cell = try NB101Cell(
        parsing: (row["adjacency_rowmajor"] ?? "") + ":" + (row["ops"] ?? ""))
      let hash = try cell.moduleHash()
      parameters[hash, default: []].insert(try #require(row["params"]))
      accuracies[hash, default: []].insert(try #require(row["val_accuracy"]))
    }
    #expect(parameters.count == 103)
    #expect(parameters.values.allSatisfy { $0.count == 1 })
    #expect(accuracies.values.allSatisfy { $0.count <= 3 })
    #expect(accuracies.values.contains { $0.count == 3 })
  }
}
