import Foundation
import NASTestSupport
import SearchSpace
import Testing

struct NB101CellTests {
  // MARK: Text form

  @Test(.requiresData) func everyReferenceRowParsesAndPrintsBackUnchanged() throws {
    for path in ["nasbench101/nb101_reference_dev.csv", "nasbench101/nb101_143_multi_epoch.csv"] {
      let rows = try NB101Fixtures.rows(of: path)
      #expect(rows.count == (path.contains("143") ? 143 : 150))
      for row in rows {
        let adjacency = try #require(
          row["adjacency_rowmajor"] ?? row["adjacency_rowmajor_unpruned"])
        let operations = try #require(row["ops"])
        let cell = try NB101Cell(parsing: adjacency + ":" + operations)
        #expect(cell.vertexCount == 7)
        #expect(cell.text == adjacency + ":" + operations)
        #expect(cell.adjacencyRowMajor == adjacency)
        #expect(cell.operationNames() == operations)
        #expect(try NB101Cell(parsing: cell.text) == cell)
        if let edges = row["num_edges"] {
          #expect(cell.edgeCount == Int(edges))
        }
      }
    }
  }

  @Test func codableUsesTheTextForm() throws {
    let text = "0110001000010000:input|conv3x3-bn-relu|maxpool3x3|output"
    let cell = try NB101Cell(parsing: text)
    let data = try JSONEncoder().encode([cell])
    #expect(String(decoding: data, as: UTF8.self) == "[\"\(text)\"]")
    #expect(try JSONDecoder().decode([NB101Cell].self, from: data) == [cell])
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([NB101Cell].self, from: Data("[\"0110:input\"]".utf8))
    }
  }

  @Test func accessorsReadTheMatrix() throws {
    let cell = try NB101Cell(parsing: "0110001000010000:input|conv3x3-bn-relu|maxpool3x3|output")
    #expect(cell.operations == [.input, .conv3x3BnRelu, .maxPool3x3, .output])
    #expect(cell.adjacency[0] == [false, true, true, false])
    #expect(cell.successors(of: 0) == [1, 2])
    #expect(cell.predecessors(of: 3) == [2])
    #expect(cell.outDegree(of: 0) == 2)
    #expect(cell.inDegree(of: 2) == 2)
    #expect(cell.edgeCount == 4)
    #expect(cell.isUpperTriangular)
    let same = try NB101Cell(
      operations: cell.operations, edges: [(0, 1), (0, 2), (1, 2), (2, 3)])
    #expect(same == cell)
    #expect(try NB101Cell(adjacency: cell.adjacency, operations: cell.operations) == cell)
  }

  @Test(arguments: [
    ("0110001000010000", "ADJ:OPS"),
    ("0110001000010000:input|output:x", "found 2 ':'"),
    ("011000100010001:input|conv3x3-bn-relu|maxpool3x3|output", "15 characters"),
    ("0:input", "1 characters"),
    ("0110001000100020:input|conv3x3-bn-relu|maxpool3x3|output", "character 15 is '2'"),
    ("0110001000010000:input|conv3x3-bn-relu|output", "3 operations for a 4x4 matrix"),
    ("0110001000010000:input|conv5x5|maxpool3x3|output", "operation 2 is 'conv5x5'"),
    ("0110001000010000:input|conv3x3-bn-relu|maxpool3x3|", "operation 4 is ''"),
    (
      String(repeating: "0", count: 81) + ":"
        + Array(repeating: "input", count: 9).joined(separator: "|"), "81 characters"
    ),
  ])
  func malformedTextIsRejectedWithTheReason(text: String, fragment: String) {
    do {
      _ = try NB101Cell(parsing: text)
      Issue.record("parsed '\(text)'")
    } catch {
      #expect(error.space == "nb101")
      #expect(error.reason.contains(fragment), "\(error.reason)")
    }
  }

  @Test func constructorsRejectBadShapes() {
    #expect(throws: ArchitectureError.self) {
      try NB101Cell(adjacency: [[false, true], [false]], operations: [.input, .output])
    }
    #expect(throws: ArchitectureError.self) {
      try NB101Cell(adjacency: [[false, true], [false, false]], operations: [.input])
    }
    #expect(throws: ArchitectureError.self) {
      try NB101Cell(operations: [.input, .output], edges: [(0, 2)])
    }
    #expect(throws: ArchitectureError.self) {
      try NB101Cell(operations: [.input], edges: [])
    }
  }

  // MARK: Pruning: the cases of nasbench/tests/model_spec_test.py

  /// Builds a cell from matrix rows such as "0110" (ops: input, conv3x3..., output).
  private func cell(_ rows: [String]) throws -> NB101Cell {
    let count = rows.count
    let operations =
      [NB101Operation.input]
      + Array(repeating: .conv3x3BnRelu, count: count - 2) + [.output]
    return try NB101Cell(
      adjacencyRowMajor: rows.joined(),
      operations: operations.map(\.officialName).joined(separator: "|"))
  }

  @Test func pruningLeavesFullyConnectedCellsAlone() throws {
    for rows in [["010", "001", "000"], ["011", "001", "000"], ["0110", "0001", "0001", "0000"]] {
      let original = try cell(rows)
      #expect(try original.pruned() == original)
    }
  }

  @Test func pruningRemovesIslandsAndDanglingVertices() throws {
    // test_prune_islands and test_prune_dangling: each leaves the chain 0 -> 1 -> 2.
    let cases: [([String], [Int])] = [
      (["0100", "0001", "0000", "0000"], [0, 1, 3]),
      (["01000", "00001", "00010", "00000", "00000"], [0, 1, 4]),
      (["0110", "0000", "0001", "0000"], [0, 2, 3]),
      (["0010", "0001", "0001", "0000"], [0, 2, 3]),
    ]
    for (rows, keptVertices) in cases {
      var original = try cell(rows)
      // Distinct interior operations show which vertices survive.
      let marks: [NB101Operation] = [.conv3x3BnRelu, .conv1x1BnRelu, .maxPool3x3]
      for vertex in 1..<(rows.count - 1) {
        original.setOperation(marks[(vertex - 1) % 3], at: vertex)
      }
      let pruned = try original.pruned()
      #expect(pruned.adjacencyRowMajor == "010001000", "\(rows)")
      #expect(pruned.operations == keptVertices.map(original.operation(at:)), "\(rows)")
      #expect(try pruned.pruned() == pruned)
    }
  }

  @Test func pruningRejectsCellsWhoseInputDoesNotReachTheOutput() throws {
    for rows in [
      ["00", "00"], ["0100", "0000", "0001", "0000"], ["0000", "0010", "0000", "0000"],
    ] {
      let original = try cell(rows)
      #expect(throws: ArchitectureError.self) { try original.pruned() }
      #expect(!original.connectsInputToOutput)
    }
  }

  @Test func pruningRejectsMatricesThatAreNotUpperTriangular() throws {
    // An edge below the diagonal (test_is_upper_triangular's m2), a self-loop, and a
    // backward edge 2 -> 1.
    let matrices = [
      ["0111", "0011", "1001", "0000"], ["0110", "0101", "0001", "0000"],
      ["0100", "0001", "0100", "0000"],
    ]
    for rows in matrices {
      let original = try cell(rows)
      #expect(!original.isUpperTriangular)
      do {
        _ = try original.pruned()
        Issue.record("pruned \(rows)")
      } catch {
        #expect(error.reason.contains("upper-triangular"))
      }
    }
  }

  @Test(.requiresData) func unprunedReferenceCellsPruneWithinTheBenchmarkLimits() throws {
    let cells = try NB101Fixtures.multiEpochCells()
    #expect(cells.map(\.edgeCount).max() == 14)
    for original in cells {
      let pruned = try original.pruned()
      #expect(pruned.edgeCount <= 9)
      #expect(pruned.vertexCount <= 7)
      #expect(try pruned.pruned() == pruned)
      // Every surviving vertex lies on an input-to-output path: only the input has no
      // predecessor and only the output has no successor (graph_util.is_full_dag).
      for vertex in 1..<pruned.vertexCount {
        #expect(pruned.inDegree(of: vertex) > 0)
      }
      for vertex in 0..<(pruned.vertexCount - 1) {
        #expect(pruned.outDegree(of: vertex) > 0)
      }
    }
  }
}
