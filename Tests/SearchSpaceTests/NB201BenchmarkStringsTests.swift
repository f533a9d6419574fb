import Foundation
import NASTestSupport
import SearchSpace
import Testing

/// The columns of `nasbench201/nb201_200epoch.csv`, split at every newline and comma
/// (the file has no quoted fields) independently of the library's CSV reader.
///
/// The split uses `memchr`, so that it stays fast in unoptimised test builds.
struct NB201Rows: Sendable {
  var header: [String]
  var rows: [[String]]

  static let shared: Result<NB201Rows, any Error> = Result {
    let url = try TestData.url("nasbench201/nb201_200epoch.csv")
    let data = try Data(contentsOf: url)
    let table = data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self)
      precondition(!raw.contains(0x22), "no quoted fields expected")
      return splitLines(bytes).map { splitFields(bytes, $0) }
    }
    return NB201Rows(header: table[0], rows: Array(table.dropFirst()))
  }

  /// The ranges of the non-empty lines of `bytes`.
  private static func splitLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    guard let base = bytes.baseAddress else { return [] }
    var lines: [Range<Int>] = []
    var start = 0
    while start < bytes.count {
      let end = offset(of: 0x0A, in: base, from: start, to: bytes.count)
      if end > start { lines.append(start..<end) }
      start = end + 1
    }
    return lines
  }

  /// The comma-separated fields of `line`.
  private static func splitFields(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>)
    -> [String]
  {
    guard let base = bytes.baseAddress else { return [] }
    var fields: [String] = []
    var start = line.lowerBound
    while true {
      let end = offset(of: 0x2C, in: base, from: start, to: line.upperBound)
      fields.append(
        String(
          decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self))
      if end == line.upperBound { return fields }
      start = end + 1
    }
  }

  /// The offset of the first `byte` in `base[start..<end]`, or `end`.
  private static func offset(
    of byte: UInt8, in base: UnsafePointer<UInt8>, from start: Int, to end: Int
  ) -> Int {
    guard let found = memchr(base + start, Int32(byte), end - start) else { return end }
    return UnsafeRawPointer(found) - UnsafeRawPointer(base)
  }

  var rowCount: Int { rows.count }

  func column(_ name: String) throws -> [String] {
    let index = try #require(header.firstIndex(of: name), "no column \(name)")
    return rows.map { $0[index] }
  }
}

@Suite(.requiresData)
struct NB201BenchmarkStringsTests {
  let table: NB201Rows

  init() throws {
    table = try NB201Rows.shared.get()
    #expect(table.rowCount == 15_625)
  }

  @Test func everyArchitectureStringParsesAndPrintsBackIdentically() throws {
    var seen = Set<NB201Cell>()
    var mismatches = Mismatches()
    for text in try table.column("arch_str") {
      let cell = try NB201Cell(parsing: text)
      mismatches.check(cell.description == text, "\(text) printed as \(cell)")
      mismatches.check(NB201Space().canonicalString(cell) == text, text)
      seen.insert(cell)
    }
    mismatches.expectNone()
    // The table holds every cell of the space exactly once.
    #expect(seen == Set(NB201Cell.all))
  }

  @Test func edgeColumnsMatchTheSubscript() throws {
    let cells = try table.column("arch_str").map { try NB201Cell(parsing: $0) }
    var mismatches = Mismatches()
    for (target, source) in NB201Cell.edges {
      let column = try table.column("edge_\(target)_\(source)")
      for (cell, name) in zip(cells, column) {
        mismatches.check(cell[to: target, from: source].name == name, "\(cell) \(target)←\(source)")
      }
    }
    mismatches.expectNone()
  }

  @Test func operationCountColumnsMatchCount() throws {
    let cells = try table.column("arch_str").map { try NB201Cell(parsing: $0) }
    let columns: [(String, NB201Operation)] = [
      ("n_conv3x3", .conv3x3), ("n_conv1x1", .conv1x1), ("n_avgpool", .avgPool3x3),
      ("n_skip", .skipConnect), ("n_none", .none),
    ]
    var mismatches = Mismatches()
    for (name, operation) in columns {
      for (cell, count) in zip(cells, try table.column(name)) {
        mismatches.check(cell.count(of: operation) == Int(count), "\(cell) \(name)")
      }
    }
    mismatches.expectNone()
  }

  @Test func isomorphismStringIsNATSBenchUniqueStrForEveryRow() throws {
    let strings = try table.column("arch_str")
    let unique = try table.column("unique_str")
    var mismatches = Mismatches()
    for (text, expected) in zip(strings, unique) {
      let cell = try NB201Cell(parsing: text)
      let found = NB201Space().identityHash(cell)
      mismatches.check(found == expected, "\(text): \(found) != \(expected)")
    }
    mismatches.expectNone()
    #expect(Set(unique).count == 6_466)
    #expect(Set(NB201Cell.all.map(\.isomorphismString)).count == 6_466)
  }

  @Test func disconnectedCellsAreExactlyTheChanceAccuracyRows() throws {
    let strings = try table.column("arch_str")
    let accuracies = try table.column("cifar10_valid_val_acc").map { try #require(Double($0)) }
    var disconnected = 0
    var mismatches = Mismatches()
    for (text, accuracy) in zip(strings, accuracies) {
      let cell = try NB201Cell(parsing: text)
      // Chance on 10 classes is 10%; every trained cell with a path scores above 30%.
      mismatches.check(cell.hasInputOutputPath == (accuracy > 11), "\(text) at \(accuracy)%")
      if !cell.hasInputOutputPath { disconnected += 1 }
    }
    mismatches.expectNone()
    #expect(disconnected == 341)
    #expect(accuracies.filter { $0 < 11 }.count == 341)
  }
}
