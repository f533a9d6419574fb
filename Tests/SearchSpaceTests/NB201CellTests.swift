import Foundation
import NASTestSupport
import SearchSpace
import Testing

struct NB201CellTests {
  @Test func allHasEveryCellOnceInProductOrder() throws {
    let all = NB201Cell.all
    #expect(all.count == 15_625)
    #expect(Set(all).count == 15_625)
    var mismatches = Mismatches()
    for (index, cell) in all.enumerated() {
      mismatches.check(cell.productIndex == index, "\(cell) at \(index)")
      mismatches.check(NB201Cell(productIndex: index) == cell, "\(index)")
    }
    mismatches.expectNone()
    // Base 5, first edge most significant: index 1 changes the last edge (3←2).
    #expect(all[1].operations == [.none, .none, .none, .none, .none, .skipConnect])
    #expect(all[5 * 5 * 5 * 5 * 5].operations == [.skipConnect, .none, .none, .none, .none, .none])
    #expect(NB201Cell(productIndex: -1) == nil)
    #expect(NB201Cell(productIndex: 15_625) == nil)
  }

  @Test func operationsRoundTripThroughTheInitialiser() throws {
    var mismatches = Mismatches()
    for cell in NB201Cell.all {
      mismatches.check(try NB201Cell(operations: cell.operations) == cell, "\(cell)")
    }
    mismatches.expectNone()
  }

  @Test(arguments: [0, 1, 5, 7, 12])
  func initialiserRejectsAnotherNumberOfOperations(_ count: Int) {
    let operations = [NB201Operation](repeating: .conv3x3, count: count)
    #expect(throws: ArchitectureError.self) { try NB201Cell(operations: operations) }
  }

  @Test func edgeSubscriptFollowsTheStringOrder() throws {
    // Put a convolution on one edge at a time and find it in the printed string, in
    // the group of its target node and with its source after '~'.
    let edges = [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)]
    for (edge, (target, source)) in edges.enumerated() {
      var operations = [NB201Operation](repeating: .none, count: 6)
      operations[edge] = .conv3x3
      let cell = try NB201Cell(operations: operations)
      #expect(cell[to: target, from: source] == .conv3x3)
      #expect(NB201Cell.edgeIndex(to: target, from: source) == edge)
      let groups = cell.description.split(separator: "+")
      #expect(groups.count == 3)
      #expect(groups[target - 1].contains("nor_conv_3x3~\(source)|"))
      for (otherTarget, otherSource) in edges where (otherTarget, otherSource) != (target, source) {
        #expect(cell[to: otherTarget, from: otherSource] == .none)
      }
    }
  }

  @Test func settingAnEdgeChangesOnlyThatEdge() {
    var cell = NB201Cell.all[0]
    cell[to: 3, from: 1] = .avgPool3x3
    cell[edge: 0] = .skipConnect
    #expect(cell.operations == [.skipConnect, .none, .none, .none, .avgPool3x3, .none])
    cell[to: 3, from: 1] = .conv1x1
    #expect(cell.operations == [.skipConnect, .none, .none, .none, .conv1x1, .none])
  }

  @Test func countsAddUpToSixAndMatchTheString() {
    var mismatches = Mismatches()
    for cell in NB201Cell.all where cell.productIndex % 7 == 0 {
      let counts = NB201Operation.allCases.map { cell.count(of: $0) }
      mismatches.check(counts.reduce(0, +) == 6, "\(cell)")
      for operation in NB201Operation.allCases {
        let occurrences = cell.description.components(separatedBy: "|\(operation.name)~").count - 1
        mismatches.check(cell.count(of: operation) == occurrences, "\(cell) \(operation)")
      }
    }
    mismatches.expectNone()
  }

  /// Enumerates the four input-to-output paths of the DAG explicitly.
  private func hasPathByEnumeration(_ cell: NB201Cell) -> Bool {
    let paths = [[0, 3], [0, 1, 3], [0, 2, 3], [0, 1, 2, 3]]
    return paths.contains { path in
      zip(path, path.dropFirst()).allSatisfy { cell[to: $1, from: $0] != .none }
    }
  }

  @Test func inputOutputPathMatchesPathEnumeration() {
    var disconnected = 0
    var mismatches = Mismatches()
    for cell in NB201Cell.all {
      mismatches.check(cell.hasInputOutputPath == hasPathByEnumeration(cell), "\(cell)")
      if !cell.hasInputOutputPath { disconnected += 1 }
    }
    mismatches.expectNone()
    // 341 = the NB201 paper's count of cells with chance accuracy.
    #expect(disconnected == 341)
  }

  @Test func codableUsesTheBenchmarkString() throws {
    let text =
      "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|"
    let cell = try NB201Cell(parsing: text)
    let json = try JSONEncoder().encode([cell])
    #expect(String(decoding: json, as: UTF8.self) == "[\"\(text)\"]")
    #expect(try JSONDecoder().decode([NB201Cell].self, from: json) == [cell])
    let bad = Data("[\"|nor_conv_3x3~0|\"]".utf8)
    #expect(throws: DecodingError.self) { try JSONDecoder().decode([NB201Cell].self, from: bad) }
  }

  @Test func losslessStringConversion() throws {
    let cell = NB201Cell.all[12_345]
    #expect(NB201Cell(cell.description) == cell)
    #expect(NB201Cell("nonsense") == nil)
  }

  @Test func cellsWhoseNodeOneIsZeroShareOneIsomorphismString() throws {
    // Node 1 = none(node 0) is zero, so the edges leaving node 1 cannot matter: all 25
    // choices of (2←1, 3←1) are the same network and must get one string.
    var strings = Set<String>()
    for a in NB201Operation.allCases {
      for b in NB201Operation.allCases {
        let cell = try NB201Cell(operations: [.none, .skipConnect, a, .conv3x3, b, .skipConnect])
        strings.insert(cell.isomorphismString)
      }
    }
    #expect(strings.count == 1)
    // Changing an edge that does matter changes the string.
    let base = try NB201Cell(operations: [
      .none, .skipConnect, .none, .conv3x3, .none, .skipConnect,
    ])
    let other = try NB201Cell(operations: [
      .none, .skipConnect, .none, .conv1x1, .none, .skipConnect,
    ])
    #expect(base.isomorphismString != other.isomorphismString)
  }

  @Test func isomorphismStringOfTheResNetCell() throws {
    // ResNet cell of XAutoDL's genotypes.py, worked by hand: node1 = (0)@conv,
    // node2 = sorted[#, ((0)@conv)@conv], node3 = sorted[0, #, node2] joined by "+".
    let cell = try NB201Cell(
      parsing: "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|skip_connect~2|")
    #expect(cell.isomorphismString == "#+#+((0)@nor_conv_3x3)@nor_conv_3x3+0")
  }
}
