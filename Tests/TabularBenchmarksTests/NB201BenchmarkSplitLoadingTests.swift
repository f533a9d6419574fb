import Foundation
import NASTestSupport
import SearchSpace
import Testing

@testable import TabularBenchmarks

/// The 200-epoch table's numbers are parsed in two row ranges on two threads, the
/// second thread also taking the 12-epoch table: values and error precedence are
/// those of one pass in file order.
struct NB201BenchmarkSplitLoadingTests {
  let directory: TemporaryDirectory

  init() throws {
    directory = try TemporaryDirectory()
  }

  /// 40 rows: with a 2-column 12-epoch table, rows 0..<26 go to the first thread.
  private static let cells = (0..<40).map { NB201Cell.all[$0 * 389] }

  private func rows200(replacing: [Int: (old: String, new: String)] = [:]) -> [String] {
    Self.cells.enumerated().map { index, cell in
      let row = NB201BenchmarkLoadingTests.row(index, cell, Double(index))
      guard let (old, new) = replacing[index] else { return row }
      return row.replacingOccurrences(of: old, with: new)
    }
  }

  private func write(_ rows200: [String], twelveEpochBad row12: Int? = nil) throws -> (URL, URL) {
    let url200 = try directory.write(
      ([NB201BenchmarkLoadingTests.header] + rows200).joined(separator: "\n") + "\n",
      to: "t200.csv")
    let rows12 = Self.cells.enumerated().map { index, cell in
      "\(index),\(cell),\(index == row12 ? "bad" : "\(index).5"),\(index).25"
    }
    let url12 = try directory.write(
      (["arch_index,arch_str,cifar10_valid_val_acc,cifar100_val_acc"] + rows12).joined(
        separator: "\n"), to: "t12.csv")
    return (url200, url12)
  }

  @Test func rowRangesReadTheSameNumbersAsOnePass() throws {
    let (url200, _) = try write(rows200())
    let table = try CSVTable(contentsOf: url200)
    let columns = Array(3..<table.columnNames.count)
    let whole = try table.numbers(columns: columns)
    for split in [0, 1, 17, 39, 40] {
      let head = try table.numbers(columns: columns, rows: 0..<split)
      let tail = try table.numbers(columns: columns, rows: split..<40)
      let joined = columns.indices.map {
        Array(head[($0 * split)..<(($0 + 1) * split)])
          + tail[($0 * (40 - split))..<(($0 + 1) * (40 - split))]
      }
      #expect(joined == whole)
    }
  }

  @Test func bothThreadsValuesLand() throws {
    let (url200, url12) = try write(rows200())
    let benchmark = try NB201Benchmark(
      contentsOf: url200, twelveEpochContentsOf: url12, allowsPartialTable: true)
    for (index, cell) in Self.cells.enumerated() {
      #expect(try benchmark.value("cifar10_valid_val_acc", for: cell) == Double(index))
      #expect(try benchmark.value("n_seeds", for: cell) == 3)
      #expect(try benchmark.value("12epoch:cifar100_val_acc", for: cell) == Double(index) + 0.25)
    }
  }

  @Test func theFirstErrorInFileOrderWinsAcrossThreads() throws {
    // Row 1 (first thread, last column) and row 39 (second thread, first column).
    let (url200, url12) = try write(
      rows200(replacing: [1: (",3", ",x"), 39: (",39.0,", ",y,")]), twelveEpochBad: 0)
    #expect(
      throws: TableError.invalidNumber(file: url200.path, line: 3, column: "n_seeds", text: "x")
    ) {
      try NB201Benchmark(contentsOf: url200, twelveEpochContentsOf: url12, allowsPartialTable: true)
    }
  }

  @Test func theTwoHundredEpochTablesErrorComesBeforeTheTwelveEpochTables() throws {
    let (url200, url12) = try write(
      rows200(replacing: [39: (",39.0,", ",y,")]), twelveEpochBad: 0)
    #expect(
      throws: TableError.invalidNumber(
        file: url200.path, line: 41, column: "cifar10_valid_val_acc", text: "y")
    ) {
      try NB201Benchmark(contentsOf: url200, twelveEpochContentsOf: url12, allowsPartialTable: true)
    }
    let (clean200, bad12) = try write(rows200(), twelveEpochBad: 30)
    #expect(
      throws: TableError.invalidNumber(
        file: bad12.path, line: 32, column: "cifar10_valid_val_acc", text: "bad")
    ) {
      try NB201Benchmark(
        contentsOf: clean200, twelveEpochContentsOf: bad12, allowsPartialTable: true)
    }
  }
}
