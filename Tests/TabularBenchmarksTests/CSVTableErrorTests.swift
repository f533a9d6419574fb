import Foundation
import NASTestSupport
import SearchSpace
import Testing

@testable import TabularBenchmarks

/// Every malformed file gives its own error, naming the file, line and column; the
/// files are written to a temporary directory and read back from disk.
struct CSVTableErrorTests {
  let directory: TemporaryDirectory

  init() throws {
    directory = try TemporaryDirectory()
  }

  /// The error of reading `bytes` written to `name`, or nil when it loads.
  private func error(reading bytes: [UInt8], as name: String = "bad.csv") throws -> TableError? {
    let url = try directory.write(bytes, to: name)
    do {
      _ = try CSVTable(contentsOf: url)
      return nil
    } catch {
      return error
    }
  }

  private func error(reading text: String, as name: String = "bad.csv") throws -> TableError? {
    try error(reading: Array(text.utf8), as: name)
  }

  private func path(_ name: String) -> String {
    directory.url.appendingPathComponent(name).path
  }

  @Test func missingFile() {
    let url = directory.url.appendingPathComponent("absent.csv")
    #expect(throws: TableError.fileNotFound(file: url.path)) { try CSVTable(contentsOf: url) }
  }

  @Test func directoryInsteadOfFile() {
    #expect(throws: TableError.unreadable(file: directory.url.path, reason: "it is a directory")) {
      try CSVTable(contentsOf: directory.url)
    }
  }

  @Test(arguments: ["", "\n", "\r\n\n\r"])
  func emptyFile(_ text: String) throws {
    #expect(try error(reading: text) == .emptyFile(file: path("bad.csv")))
  }

  @Test func fileTooLarge() throws {
    let url = try directory.write("a,b\n1,2\n", to: "big.csv")
    #expect(throws: TableError.fileTooLarge(file: url.path, bytes: 8, limit: 4)) {
      try CSVTable(contentsOf: url, maximumBytes: 4)
    }
  }

  @Test func missingRequiredColumn() throws {
    let url = try directory.write("a,b\n1,2\n", to: "columns.csv")
    let table = try CSVTable(contentsOf: url)
    let expected = TableError.missingColumn(file: url.path, column: "c", available: ["a", "b"])
    #expect(throws: expected) { try table.columnIndex("c") }
    #expect(
      expected.description == "\(url.path):1: missing required column 'c'; the header has 'a', 'b'")
  }

  @Test func wrongFieldCountNamesTheLine() throws {
    let text = "a,b,c\n1,2,3\n\n4,5\n6,7,8\n"
    #expect(
      try error(reading: text)
        == .wrongFieldCount(file: path("bad.csv"), line: 4, expected: 3, found: 2))
    let tooMany = "a,b\n1,2\n3,4,5,6\n"
    #expect(
      try error(reading: tooMany)
        == .wrongFieldCount(file: path("bad.csv"), line: 3, expected: 2, found: 4))
  }

  @Test func truncatedLastLine() throws {
    let expected = TableError.truncatedLastLine(
      file: path("bad.csv"), line: 3, expected: 3, found: 2)
    #expect(try error(reading: "a,b,c\n1,2,3\n4,5") == expected)
    #expect(expected.description.contains("looks truncated"))
    // A complete last row without a final line break is fine.
    #expect(try error(reading: "a,b,c\n1,2,3\n4,5,6") == nil)
  }

  @Test func unterminatedQuote() throws {
    #expect(
      try error(reading: "a,b\n1,2\n3,\"unclosed\n4,5\n")
        == .unterminatedQuote(file: path("bad.csv"), line: 3))
  }

  @Test func textAfterAClosingQuote() throws {
    #expect(
      try error(reading: "a,b\n1,\"x\"y\n")
        == .malformedQuote(file: path("bad.csv"), line: 2, column: "b"))
  }

  @Test(arguments: [
    ("a,b\n1,\u{0}2\n", 2, UInt8(0)),
    ("a,b\n1,2\n3,\u{1B}[0m\n", 3, UInt8(0x1B)),
    ("a,\u{7F}\n", 1, UInt8(0x7F)),
    ("a,b\n\"x\u{0}y\",2\n", 2, UInt8(0)),
    ("a,b\n1,2345678901234567\u{8}\n", 2, UInt8(8)),
  ])
  func controlBytesMeanBinaryData(_ text: String, _ line: Int, _ byte: UInt8) throws {
    #expect(try error(reading: text) == .binaryData(file: path("bad.csv"), line: line, byte: byte))
  }

  @Test func binaryFilesAreRejected() throws {
    // A PNG signature: the "header row" is not even UTF-8.
    var rng = SplitMix64(seed: 9)
    let png: [UInt8] =
      [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
      + (0..<100_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    #expect(
      try error(reading: png)
        == .invalidHeader(file: path("bad.csv"), reason: "column 1's name is not valid UTF-8"))

    // A text header followed by random bytes: the first control byte is reported.
    let garbage = (0..<100_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    let bytes = Array("a,b\n".utf8) + garbage
    let first = try #require(
      bytes.indices.first { bytes[$0] < 0x20 && ![0x09, 0x0A, 0x0D].contains(bytes[$0]) })
    // The expectation below holds only if no quote or CR/LF precedes that byte.
    try #require(!bytes[4..<first].contains { [0x22, 0x0A, 0x0D].contains($0) })
    #expect(
      try error(reading: bytes) == .binaryData(file: path("bad.csv"), line: 2, byte: bytes[first]))
  }

  @Test func invalidHeaders() throws {
    #expect(
      try error(reading: "a,b,a\n1,2,3\n")
        == .invalidHeader(file: path("bad.csv"), reason: "columns 1 and 3 are both named 'a'"))
    #expect(
      try error(reading: "a,,c\n1,2,3\n")
        == .invalidHeader(file: path("bad.csv"), reason: "column 2 has an empty name"))
    #expect(
      try error(reading: [0x61, 0x2C, 0xFF, 0xFE, 0x0A])
        == .invalidHeader(file: path("bad.csv"), reason: "column 2's name is not valid UTF-8"))
  }

  @Test func invalidUTF8InATextField() throws {
    let url = try directory.write(Array("a,b\n1,".utf8) + [0xC3, 0x28, 0x0A], to: "utf8.csv")
    let table = try CSVTable(contentsOf: url)
    #expect(throws: TableError.invalidText(file: url.path, line: 2, column: "b")) {
      try table.text(row: 0, column: 1)
    }
  }

  @Test(arguments: [
    "", "nan", "NaN", "inf", "-inf", "Infinity", "1e999", "12,5", "0x1p3", "1.2.3", "abc", "1e",
    "--1", ".",
  ])
  func nonNumericValuesAreErrors(_ value: String) throws {
    let quoted = value.contains(",") ? "\"\(value)\"" : value
    let url = try directory.write("arch,acc\nx,91.5\ny,\(quoted)\n", to: "numbers.csv")
    let table = try CSVTable(contentsOf: url)
    let expected = TableError.invalidNumber(file: url.path, line: 3, column: "acc", text: value)
    #expect(throws: expected) { try table.numbers(column: 1) }
    #expect(throws: expected) { try table.number(row: 1, column: 1) }
    if !value.isEmpty {
      #expect(throws: expected) { try table.numberIfPresent(row: 1, column: 1) }
    }
  }

  @Test func errorMessagesNameFileLineColumnAndExpectation() {
    let message = TableError.invalidNumber(
      file: "nb201_200epoch.csv", line: 17, column: "cifar10_test_acc", text: "nan"
    ).description
    #expect(
      message
        == "nb201_200epoch.csv:17: column 'cifar10_test_acc': expected a finite decimal "
        + "number, found 'nan'")
    let empty = TableError.invalidNumber(file: "t.csv", line: 2, column: "x", text: "").description
    #expect(empty.hasSuffix("found an empty field"))
  }
}
