import Foundation
import NASTestSupport
import SearchSpace
import TabularBenchmarks
import Testing

struct NB101SubsetTableTests {
  private func load(_ name: String) throws -> NB101SubsetTable {
    try NB101SubsetTable(contentsOf: TestData.url("nasbench101/\(name)"))
  }

  @Test(.requiresData) func referenceSubsetLoadsEveryRowWithItsColumns() throws {
    let table = try load("nb101_reference_dev.csv")
    #expect(table.rowCount == 150)
    #expect(table.textColumnNames == ["naslib_tuple"])
    for name in ["num_vertices", "num_edges", "val_accuracy", "flops", "params", "synflow"] {
      #expect(table.columnNames.contains(name))
    }
    // The file's own columns agree with the parsed cells.
    let edges = try table.column("num_edges")
    let vertices = try table.column("num_vertices")
    for (row, cell) in table.cells.enumerated() {
      #expect(Double(cell.edgeCount) == edges[row])
      #expect(Double(cell.vertexCount) == vertices[row])
    }
  }

  @Test(.requiresData) func lookupsFindEveryRowOfTheSameNetwork() throws {
    let table = try load("nb101_reference_dev.csv")
    let accuracy = try table.column("val_accuracy")
    let parameters = try table.column("params")
    #expect(Set(table.moduleHashes).count == 103)
    for (row, cell) in table.cells.enumerated() {
      let rows = table.rows(for: cell)
      #expect(rows.contains(row))
      #expect(rows.allSatisfy { table.moduleHashes[$0] == table.moduleHashes[row] })
      #expect(try table.values("val_accuracy", for: cell) == rows.map { accuracy[$0] })
      let mean = rows.reduce(0) { $0 + accuracy[$1] } / Double(rows.count)
      #expect(try table.value("val_accuracy", for: cell) == mean)
      // One network, one parameter count.
      #expect(Set(try table.values("params", for: cell)) == [parameters[row]])
    }
  }

  @Test(.requiresData) func unprunedCellsArePrunedBeforeLookup() throws {
    let table = try load("nb101_143_multi_epoch.csv")
    #expect(table.rowCount == 143)
    #expect(table.textColumnNames == ["cell_id_original"])
    let twelve = try table.column("cifar_acc_12")
    for (row, cell) in table.cells.enumerated() {
      #expect(cell.vertexCount == 7)
      let pruned = try cell.pruned()
      #expect(table.rows(for: pruned) == table.rows(for: cell))
      #expect(try table.values("cifar_acc_12", for: pruned).contains(twelve[row]))
    }
  }

  @Test(.requiresData) func lookupsExplainWhatIsMissing() throws {
    let table = try load("nb101_143_multi_epoch.csv")
    let cell = try #require(table.cells.first)
    #expect(throws: TableError.unknownColumn(column: "val_accuracy", available: table.columnNames))
    {
      try table.value("val_accuracy", for: cell)
    }
    // Absent from both reference files (checked with the reference hash in Python).
    let absent = try NB101Cell(
      parsing: "0110001000010000:input|conv1x1-bn-relu|conv1x1-bn-relu|output")
    #expect(table.rows(for: absent).isEmpty)
    #expect(throws: TableError.unknownArchitecture(architecture: absent.text)) {
      try table.value("cifar_acc_12", for: absent)
    }
  }

  @Test func malformedFilesNameTheLineAndColumn() throws {
    let directory = try TemporaryDirectory()
    let good = "id,adjacency_rowmajor,ops,score\n"
    let cases: [(String, String)] = [
      (good + "a,010001000,input|conv3x3-bn-relu|output,1.5\nb,0100,input|output\n", ":3:"),
      (
        good + "a,01000100,input|conv3x3-bn-relu|output,1.5\n",
        "column 'adjacency_rowmajor' and 'ops'"
      ),
      (good + "a,000000000,input|conv3x3-bn-relu|output,1.5\n", "does not reach the output"),
      (good + "a,010001000,input|conv5x5|output,1.5\n", "operation 2 is 'conv5x5'"),
      ("id,ops,score\na,input|output,1\n", "missing required column 'adjacency_rowmajor' or "),
    ]
    for (index, (text, fragment)) in cases.enumerated() {
      let url = try directory.write(text, to: "subset\(index).csv")
      do {
        _ = try NB101SubsetTable(contentsOf: url)
        Issue.record("loaded case \(index)")
      } catch {
        #expect(error.description.contains(fragment), "\(error)")
        #expect(error.description.contains("subset\(index).csv"))
      }
    }
  }

  @Test func blankNumbersAreNaNAndMixedColumnsAreText() throws {
    let directory = try TemporaryDirectory()
    let url = try directory.write(
      "adjacency_rowmajor,ops,score,note\n"
        + "010001000,input|conv3x3-bn-relu|output,,x\n"
        + "0100,input|output,2.5,3\n",
      to: "blank.csv")
    let table = try NB101SubsetTable(contentsOf: url)
    #expect(table.columnNames == ["score"])
    #expect(table.textColumnNames == ["note"])
    let score = try table.column("score")
    #expect(score[0].isNaN && score[1] == 2.5)
  }
}
