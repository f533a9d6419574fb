import Foundation
import NASTestSupport
import SearchSpace

/// Reference cells and graph helpers shared by the NB101 tests.
enum NB101Fixtures {
  /// The 150 cells of `nasbench101/nb101_reference_dev.csv` (NASLib; pruned matrices).
  static func referenceCells() throws -> [NB101Cell] {
    try cells(in: "nasbench101/nb101_reference_dev.csv", adjacencyColumn: "adjacency_rowmajor")
  }

  /// The 143 cells of `nasbench101/nb101_143_multi_epoch.csv` (unpruned matrices).
  static func multiEpochCells() throws -> [NB101Cell] {
    try cells(
      in: "nasbench101/nb101_143_multi_epoch.csv", adjacencyColumn: "adjacency_rowmajor_unpruned")
  }

  /// The rows of a reference CSV as dictionaries from column name to field.
  static func rows(of relativePath: String) throws -> [[String: String]] {
    try ReferenceRows.dataFile(relativePath).records
  }

  private static func cells(in relativePath: String, adjacencyColumn: String) throws -> [NB101Cell]
  {
    try rows(of: relativePath).map { row in
      try NB101Cell(parsing: (row[adjacencyColumn] ?? "") + ":" + (row["ops"] ?? ""))
    }
  }

  /// The cell with vertex `v` moved to `permutation[v]` (operations travel with their
  /// vertices), as `graph_util.permute_graph` does.
  static func relabelled(_ cell: NB101Cell, by permutation: [Int]) throws -> NB101Cell {
    var operations = cell.operations
    for vertex in 0..<cell.vertexCount {
      operations[permutation[vertex]] = cell.operation(at: vertex)
    }
    var edges: [(from: Int, to: Int)] = []
    for from in 0..<cell.vertexCount {
      for to in 0..<cell.vertexCount where cell.hasEdge(from: from, to: to) {
        edges.append((permutation[from], permutation[to]))
      }
    }
    return try NB101Cell(operations: operations, edges: edges)
  }

  /// All permutations of `0..<count` that keep vertex 0 and the last vertex in place.
  static func interiorPermutations(count: Int) -> [[Int]] {
    var result: [[Int]] = []
    func extend(_ prefix: [Int], _ remaining: [Int]) {
      if remaining.isEmpty {
        result.append([0] + prefix + [count - 1])
        return
      }
      for (index, vertex) in remaining.enumerated() {
        var rest = remaining
        rest.remove(at: index)
        extend(prefix + [vertex], rest)
      }
    }
    extend([], Array(1..<(count - 1)))
    return result
  }

  /// A key equal for two cells exactly when they are isomorphic with matching
  /// operations: the smallest text form over all relabellings of interior vertices
  /// (brute force, independent of the hash).
  static func isomorphismKey(_ cell: NB101Cell) throws -> String {
    var best: String?
    for permutation in interiorPermutations(count: cell.vertexCount) {
      let text = try relabelled(cell, by: permutation).text
      if best.map({ text < $0 }) ?? true { best = text }
    }
    return best ?? cell.text
  }
}
