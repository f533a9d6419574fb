import Foundation
import NASTestSupport
import SearchSpace
import Testing

@testable import TabularBenchmarks

/// The benchmark, loaded once for all tests of this suite.
private enum Fixture {
  static let benchmark: Result<NB201Benchmark, any Error> = Result {
    try NB201Benchmark(directory: TestData.url("nasbench201"))
  }
}

@Suite(.requiresData)
struct NB201BenchmarkTests {
  let benchmark: NB201Benchmark
  let rows200: ReferenceRows
  let rows12: ReferenceRows

  init() throws {
    benchmark = try Fixture.benchmark.get()
    rows200 = try ReferenceRows.dataFile("nasbench201/nb201_200epoch.csv")
    rows12 = try ReferenceRows.dataFile("nasbench201/nb201_12epoch.csv")
  }

  @Test func holdsEveryCellOnceInTheOfficialOrder() throws {
    #expect(benchmark.count == 15_625)
    #expect(Set(benchmark.cells).count == 15_625)
    let strings = try #require(rows200.column("arch_str"))
    let indices = try #require(rows200.column("arch_index"))
    var mismatches = Mismatches()
    for (text, index) in zip(strings, indices) {
      let cell = try NB201Cell(parsing: text)
      let archIndex = try #require(Int(index))
      mismatches.check(
        benchmark.archIndex(of: cell) == archIndex
          && benchmark.cell(atArchIndex: archIndex) == cell && benchmark.cells[archIndex] == cell,
        "\(text) at \(archIndex)")
    }
    mismatches.expectNone()
    #expect(benchmark.cell(atArchIndex: -1) == nil)
    #expect(benchmark.cell(atArchIndex: 15_625) == nil)
  }

  @Test func everyNumericColumnEqualsTheFileBitForBit() throws {
    let textColumns: Set<String> = [
      "arch_index", "arch_str", "unique_str", "edge_1_0", "edge_2_0", "edge_2_1", "edge_3_0",
      "edge_3_1", "edge_3_2", "params_stored_eq_formula",
    ]
    let numeric200 = rows200.header.filter { !textColumns.contains($0) }
    let numeric12 = rows12.header.filter { !textColumns.contains($0) }
    #expect(benchmark.columnNames == numeric200 + numeric12.map { "12epoch:" + $0 })
    #expect(benchmark.columnNames.count == 30 + 6)
    #expect(
      benchmark.textColumnNames
        == rows200.header.filter { textColumns.contains($0) && $0 != "arch_index" })

    for (rows, prefix) in [(rows200, ""), (rows12, "12epoch:")] {
      let cells = try #require(rows.column("arch_str")).map { try NB201Cell(parsing: $0) }
      for name in (prefix.isEmpty ? numeric200 : numeric12) {
        let column = try benchmark.column(prefix + name)
        let texts = try #require(rows.column(name))
        var mismatches = Mismatches()
        for (cell, text) in zip(cells, texts) {
          mismatches.check(
            column[cell]?.bitPattern == Double(text)?.bitPattern,
            "\(cell): \(String(describing: column[cell])) vs \(text)")
        }
        mismatches.expectNone(prefix + name)
      }
    }
  }

  @Test func lookupsAgreeWithEachOther() throws {
    let cell = try NB201Cell(
      parsing:
        "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|"
    )
    // Row 1 of both files (the README's second example line).
    #expect(benchmark.archIndex(of: cell) == 1)
    #expect(try benchmark.value("cifar10_valid_val_acc", for: cell) == 90.769333)
    #expect(try benchmark.value("12epoch:cifar10_valid_val_acc", for: cell) == 82.834)
    #expect(try benchmark.value("n_conv3x3", for: cell) == 3)
    let metrics = benchmark.metrics(for: cell)
    #expect(metrics.count == benchmark.columnNames.count)
    for name in benchmark.columnNames {
      #expect(metrics[name] == (try benchmark.value(name, for: cell)))
    }
    #expect(try benchmark.text("unique_str", for: cell) == cell.isomorphismString)
    #expect(try benchmark.text("edge_2_1", for: cell) == "avg_pool_3x3")
  }

  @Test func unknownNamesAreErrors() throws {
    let cell = benchmark.cells[0]
    #expect(
      throws: TableError.unknownColumn(column: "cifar10_acc", available: benchmark.columnNames)
    ) {
      try benchmark.value("cifar10_acc", for: cell)
    }
    #expect(throws: TableError.self) { try benchmark.text("cifar10_test_acc", for: cell) }
    #expect(throws: TableError.self) { try benchmark.column("arch_index") }
  }

  @Test func bestValuesMatchTheBenchmarkPapers() throws {
    // NB201 paper / data README: optimal accuracies in the space.
    func best(_ name: String) throws -> Double {
      let column = try benchmark.column(name)
      return benchmark.cells.compactMap { column[$0] }.max() ?? .nan
    }
    #expect(try best("cifar10_test_acc") == 94.373333)
    #expect(try (best("cifar10_valid_val_acc") * 100).rounded() == 9161)
    #expect(try (best("cifar100_test_acc") * 100).rounded() == 7351)
    #expect(try (best("imagenet16_test_acc") * 100).rounded() == 4731)
  }

  @Test func chanceAccuracyRowsAreTheDisconnectedCells() throws {
    let accuracy = try benchmark.column("cifar10_valid_val_acc")
    let chance = benchmark.cells.filter { (accuracy[$0] ?? 100) < 11 }
    #expect(chance.count == 341)
    #expect(chance.allSatisfy { !$0.hasInputOutputPath })
    #expect(benchmark.cells.filter { !$0.hasInputOutputPath }.count == 341)
  }
}
