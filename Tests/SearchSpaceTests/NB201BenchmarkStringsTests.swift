import Foundation
import NASTestSupport
import SearchSpace
import Testing

@Suite(.requiresData)
struct NB201BenchmarkStringsTests {
  let table: ReferenceRows

  init() throws {
    table = try ReferenceRows.dataFile("nasbench201/nb201_200epoch.csv")
    #expect(table.rows.count == 15_625)
  }

  @Test func everyArchitectureStringParsesAndPrintsBackIdentically() throws {
    var seen = Set<NB201Cell>()
    var mismatches = Mismatches()
    for text in try table.requiredColumn("arch_str") {
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
    let cells = try table.requiredColumn("arch_str").map { try NB201Cell(parsing: $0) }
    var mismatches = Mismatches()
    for (target, source) in NB201Cell.edges {
      let column = try table.requiredColumn("edge_\(target)_\(source)")
      for (cell, name) in zip(cells, column) {
        mismatches.check(cell[to: target, from: source].name == name, "\(cell) \(target)←\(source)")
      }
    }
    mismatches.expectNone()
  }

  @Test func operationCountColumnsMatchCount() throws {
    let cells = try table.requiredColumn("arch_str").map { try NB201Cell(parsing: $0) }
    let columns: [(String, NB201Operation)] = [
      ("n_conv3x3", .conv3x3), ("n_conv1x1", .conv1x1), ("n_avgpool", .avgPool3x3),
      ("n_skip", .skipConnect), ("n_none", .none),
    ]
    var mismatches = Mismatches()
    for (name, operation) in columns {
      for (cell, count) in zip(cells, try table.requiredColumn(name)) {
        mismatches.check(cell.count(of: operation) == Int(count), "\(cell) \(name)")
      }
    }
    mismatches.expectNone()
  }

  @Test func isomorphismStringIsNATSBenchUniqueStrForEveryRow() throws {
    let strings = try table.requiredColumn("arch_str")
    let unique = try table.requiredColumn("unique_str")
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
    let strings = try table.requiredColumn("arch_str")
    let accuracies = try table.requiredColumn("cifar10_valid_val_acc").map {
      try #require(Double($0))
    }
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
