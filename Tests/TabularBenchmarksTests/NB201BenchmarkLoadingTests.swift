import Foundation
import NASTestSupport
import SearchSpace
import Testing

@testable import TabularBenchmarks

/// Loading rules of the NB201 table on small files written to a temporary directory.
struct NB201BenchmarkLoadingTests {
  let directory: TemporaryDirectory

  init() throws {
    directory = try TemporaryDirectory()
  }

  static let header =
    "arch_index,arch_str,unique_str,cifar10_valid_val_acc,cifar10_valid_test_acc,"
    + "cifar10_test_acc,cifar100_val_acc_derived,cifar100_test_acc,imagenet16_val_acc_derived,"
    + "imagenet16_test_acc,cifar10_valid_train_time_per_epoch_s,n_seeds"

  /// A row for `cell` whose metrics are derived from `seed`, so that each row differs.
  static func row(_ archIndex: Int, _ cell: NB201Cell, _ seed: Double) -> String {
    let metrics = (0..<8).map { String(seed + Double($0) / 8) }.joined(separator: ",")
    return "\(archIndex),\(cell),\(cell.isomorphismString),\(metrics),3"
  }

  static let cells = [NB201Cell.all[12_345], NB201Cell.all[7], NB201Cell.all[999]]

  private func write200(_ rows: [String], name: String = "t200.csv") throws -> URL {
    try directory.write(([Self.header] + rows).joined(separator: "\n") + "\n", to: name)
  }

  private var validRows: [String] {
    Self.cells.enumerated().map { Self.row($0.offset, $0.element, Double(10 * $0.offset)) }
  }

  @Test func partialTableLoadsWhenAllowed() throws {
    let url = try write200(validRows)
    let benchmark = try NB201Benchmark(contentsOf: url, allowsPartialTable: true)
    #expect(benchmark.count == 3)
    #expect(benchmark.cells == Self.cells)
    #expect(try benchmark.value("cifar10_valid_test_acc", for: Self.cells[2]) == 20.125)
    #expect(try benchmark.value("n_seeds", for: Self.cells[1]) == 3)
    #expect(benchmark.textColumnNames == ["arch_str", "unique_str"])
    #expect(try benchmark.text("unique_str", for: Self.cells[0]) == Self.cells[0].isomorphismString)
    let absent = NB201Cell.all[0]
    #expect(!benchmark.contains(absent))
    #expect(benchmark.archIndex(of: absent) == nil)
    #expect(benchmark.metrics(for: absent).isEmpty)
    #expect(try benchmark.column("cifar10_test_acc")[absent] == nil)
    #expect(throws: TableError.unknownArchitecture(architecture: absent.description)) {
      try benchmark.value("cifar10_test_acc", for: absent)
    }
  }

  @Test func partialTableIsAnErrorByDefault() throws {
    let url = try write200(validRows)
    #expect(
      throws: TableError.incompleteTable(
        file: url.path, expected: 15_625, found: 3, example: NB201Cell.all[0].description)
    ) {
      try NB201Benchmark(contentsOf: url)
    }
  }

  @Test func duplicateArchitectureNamesBothLines() throws {
    let rows = validRows + [Self.row(3, Self.cells[1], 50)]
    let url = try write200(rows)
    #expect(
      throws: TableError.duplicateKey(
        file: url.path, line: 5, column: "arch_str", value: Self.cells[1].description,
        firstLine: 3)
    ) {
      try NB201Benchmark(contentsOf: url, allowsPartialTable: true)
    }
  }

  @Test func duplicateAndInvalidArchIndex() throws {
    let duplicate = try write200(validRows + [Self.row(1, NB201Cell.all[5], 50)], name: "dup.csv")
    #expect(
      throws: TableError.duplicateKey(
        file: duplicate.path, line: 5, column: "arch_index", value: "1", firstLine: 3)
    ) {
      try NB201Benchmark(contentsOf: duplicate, allowsPartialTable: true)
    }
    for bad in ["1.5", "-1", "15625"] {
      let row = Self.row(0, NB201Cell.all[5], 50).replacingOccurrences(of: "0,|", with: "\(bad),|")
      let url = try write200(validRows.dropFirst() + [row], name: "index.csv")
      #expect(
        throws: TableError.invalidValue(
          file: url.path, line: 4, column: "arch_index", text: bad,
          expected: "an integer index in 0...15624")
      ) {
        try NB201Benchmark(contentsOf: url, allowsPartialTable: true)
      }
    }
  }

  @Test func malformedArchitectureStringSaysWhy() throws {
    let row = Self.row(5, Self.cells[0], 1).replacingOccurrences(of: "~1|", with: "~9|")
    let url = try write200(validRows + [row])
    do {
      _ = try NB201Benchmark(contentsOf: url, allowsPartialTable: true)
      Issue.record("loaded a table with a malformed arch_str")
    } catch {
      guard case .invalidValue(let file, let line, let column, _, let expected) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(file == url.path && line == 5 && column == "arch_str")
      #expect(expected.hasPrefix("an NB201 architecture string (at character"))
      #expect(expected.contains("expected source node 1 for edge 2←1"))
    }
  }

  @Test func missingRequiredMetricAndNonNumericMetric() throws {
    let noColumn = Self.header.replacingOccurrences(of: ",cifar10_test_acc", with: "")
    let trimmed = validRows.map { row -> String in
      var fields = row.split(separator: ",", omittingEmptySubsequences: false)
      fields.remove(at: 5)
      return fields.joined(separator: ",")
    }
    let url = try directory.write(([noColumn] + trimmed).joined(separator: "\n"), to: "cols.csv")
    #expect(throws: TableError.self) {
      try NB201Benchmark(contentsOf: url, allowsPartialTable: true)
    }
    do {
      _ = try NB201Benchmark(contentsOf: url, allowsPartialTable: true)
    } catch {
      guard case .missingColumn(_, let column, _) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(column == "cifar10_test_acc")
    }

    let nanRow = Self.row(3, NB201Cell.all[5], 50).replacingOccurrences(of: ",50.0,", with: ",nan,")
    let nanURL = try write200(validRows + [nanRow], name: "nan.csv")
    #expect(
      throws: TableError.invalidNumber(
        file: nanURL.path, line: 5, column: "cifar10_valid_val_acc", text: "nan")
    ) {
      try NB201Benchmark(contentsOf: nanURL, allowsPartialTable: true)
    }
  }

  // MARK: The 12-epoch table

  private func write12(_ rows: [String]) throws -> URL {
    try directory.write(
      (["arch_index,arch_str,cifar10_valid_val_acc,cifar100_val_acc"] + rows).joined(
        separator: "\n"),
      to: "t12.csv")
  }

  @Test func twelveEpochColumnsJoinOnTheArchitecture() throws {
    let url200 = try write200(validRows)
    // Another row order than the 200-epoch file: the join is by arch_str.
    let url12 = try write12([
      "2,\(Self.cells[2]),62.5,30.25", "0,\(Self.cells[0]),60.5,28.25",
      "1,\(Self.cells[1]),61.5,29.25",
    ])
    let benchmark = try NB201Benchmark(
      contentsOf: url200, twelveEpochContentsOf: url12, allowsPartialTable: true)
    #expect(
      Array(benchmark.columnNames.suffix(2)) == [
        "12epoch:cifar10_valid_val_acc", "12epoch:cifar100_val_acc",
      ])
    #expect(try benchmark.value("12epoch:cifar10_valid_val_acc", for: Self.cells[1]) == 61.5)
    #expect(try benchmark.value("12epoch:cifar100_val_acc", for: Self.cells[2]) == 30.25)
    #expect(try benchmark.value("cifar10_valid_val_acc", for: Self.cells[1]) == 10)
  }

  @Test func twelveEpochTableMustCoverTheSameCells() throws {
    let url200 = try write200(validRows)
    let short = try write12(["0,\(Self.cells[0]),60.5,28.25", "1,\(Self.cells[1]),61.5,29.25"])
    #expect(
      throws: TableError.incompleteTable(
        file: short.path, expected: 3, found: 2, example: Self.cells[2].description)
    ) {
      try NB201Benchmark(contentsOf: url200, twelveEpochContentsOf: short, allowsPartialTable: true)
    }
    let stranger = NB201Cell.all[1]
    let extra = try write12([
      "0,\(Self.cells[0]),60.5,28.25", "1,\(Self.cells[1]),61.5,29.25",
      "2,\(Self.cells[2]),62.5,30.25", "3,\(stranger),1,1",
    ])
    #expect(
      throws: TableError.invalidValue(
        file: extra.path, line: 5, column: "arch_str", text: stranger.description,
        expected: "an architecture listed in \(url200.path)")
    ) {
      try NB201Benchmark(contentsOf: url200, twelveEpochContentsOf: extra, allowsPartialTable: true)
    }
  }

  @Test func twelveEpochArchIndexMustAgree() throws {
    let url200 = try write200(validRows)
    let swapped = try write12([
      "0,\(Self.cells[0]),60.5,28.25", "2,\(Self.cells[1]),61.5,29.25",
      "1,\(Self.cells[2]),62.5,30.25",
    ])
    #expect(
      throws: TableError.invalidValue(
        file: swapped.path, line: 3, column: "arch_index", text: "2",
        expected: "1, this architecture's arch_index in \(url200.path)")
    ) {
      try NB201Benchmark(
        contentsOf: url200, twelveEpochContentsOf: swapped, allowsPartialTable: true)
    }
  }

  @Test func missingTwelveEpochFile() throws {
    let url200 = try write200(validRows)
    let absent = directory.url.appendingPathComponent("none.csv")
    #expect(throws: TableError.fileNotFound(file: absent.path)) {
      try NB201Benchmark(
        contentsOf: url200, twelveEpochContentsOf: absent, allowsPartialTable: true)
    }
  }
}
