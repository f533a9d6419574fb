import Foundation
import NASTestSupport
import Testing

@testable import Search

struct ScoreTableTests {
  let rows = [
    ScoreTable.Row(
      architecture: "|nor_conv_3x3~0|+|none~0|skip_connect~1|", score: 1612.5, seconds: 0.12),
    ScoreTable.Row(
      architecture: "{\"h_new_0\": {\"op\": \"linear\", \"input\": [\"x\", \"h_prev_0\"]}}",
      score: 3.25, seconds: 0.5),
    ScoreTable.Row(
      architecture: "0000", score: -.infinity, seconds: 0.01,
      failure: "no path from input to output"),
  ]
  let metadata: [(key: String, value: String)] = [
    ("space", "nb201"), ("proxy", "naswot"), ("seed", "1"),
  ]

  /// This test's folder, removed when the test ends.
  let temporary: TemporaryDirectory

  init() throws { temporary = try TemporaryDirectory() }

  func write(_ text: String) throws -> URL {
    try temporary.write(text, to: "scores-\(UUID().uuidString).csv")
  }

  @Test func textRoundTripsIncludingQuotesAndInfinity() throws {
    let table = ScoreTable(metadata: metadata, rows: rows)
    let url = try write(table.text)
    defer { try? FileManager.default.removeItem(at: url) }
    let read = try ScoreTable.read(url)
    #expect(read.rows == rows)
    #expect(read.metadata("proxy") == "naswot")
    #expect(read.row(for: rows[1].architecture)?.score == 3.25)
  }

  @Test func tornLastLineIsDroppedOnlyWhenAllowed() throws {
    let text = ScoreTable(metadata: metadata, rows: rows).text
    let torn = String(text.dropLast(9))
    let url = try write(torn)
    defer { try? FileManager.default.removeItem(at: url) }
    #expect(try ScoreTable.read(url, allowTornLastLine: true).rows == Array(rows.prefix(2)))
    #expect(throws: EvaluationError.self) { try ScoreTable.read(url) }
  }

  @Test(arguments: [
    ("not a table\n", ":1:"),
    ("# nas-search score table: space=nb201\narch,score\n", ":2:"),
    ("# nas-search score table: space=nb201\narch,score,seconds,failure\nx,abc,1,\n", ":3:"),
    ("# nas-search score table: space=nb201\narch,score,seconds,failure\nx,nan,1,\n", ":3:"),
    ("# nas-search score table: space=nb201\narch,score,seconds,failure\nx,1,-2,\n", ":3:"),
  ])
  func malformedTablesNameTheLine(_ text: String, _ location: String) throws {
    let url = try write(text)
    defer { try? FileManager.default.removeItem(at: url) }
    do {
      _ = try ScoreTable.read(url)
      Issue.record("read a malformed table")
    } catch {
      #expect(error.description.contains(url.path + location), "\(error)")
    }
  }

  @Test func shardsPartitionTheItems() {
    let items = Array(0..<103)
    var seen: [Int] = []
    for index in 0..<4 { seen += ScoreTable.shard(items, index: index, count: 4) }
    #expect(seen.sorted() == items)
  }

  @Test func mergeRejectsMismatchedMetadataAndDuplicates() throws {
    let a = ScoreTable(metadata: metadata + [("shard", "0/2")], rows: [rows[0]])
    let b = ScoreTable(metadata: metadata + [("shard", "1/2")], rows: [rows[1], rows[2]])
    let merged = try ScoreTable.merge([
      (URL(fileURLWithPath: "a"), a), (URL(fileURLWithPath: "b"), b),
    ])
    #expect(merged.rows == rows)
    #expect(merged.metadata("shard") == nil)
    let other = ScoreTable(
      metadata: [("space", "nb201"), ("proxy", "synflow"), ("seed", "1")], rows: [])
    #expect(throws: EvaluationError.self) {
      try ScoreTable.merge([(URL(fileURLWithPath: "a"), a), (URL(fileURLWithPath: "c"), other)])
    }
    #expect(throws: EvaluationError.self) {
      try ScoreTable.merge([(URL(fileURLWithPath: "a"), a), (URL(fileURLWithPath: "a2"), a)])
    }
  }
}
