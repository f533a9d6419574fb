import Testing

@testable import TabularBenchmarks

/// The scan for the end of an unquoted field, 16 then 8 bytes at a time, finds the
/// first comma, line break, tab or forbidden byte wherever it falls in a field.
struct CSVTokenizerScanTests {
  private func table(_ text: [UInt8]) throws(TableError) -> CSVTable {
    try CSVTable(bytes: Array("first,second\n".utf8) + text, file: "scan.csv")
  }

  @Test func fieldEndsAndTabsAtEveryOffset() throws {
    for before in 0..<40 {
      for after in [0, 1, 7, 8, 9, 15, 16, 17, 30] {
        let field =
          Array(repeating: UInt8(ascii: "x"), count: before) + [0x09]
          + Array(repeating: UInt8(ascii: "y"), count: after)
        for ending in ["\n", "\r\n", ""] {
          let loaded = try table(field + Array(",end\(ending)".utf8))
          #expect(loaded.rowCount == 1)
          #expect(try loaded.text(row: 0, column: 0) == String(decoding: field, as: UTF8.self))
          #expect(try loaded.text(row: 0, column: 1) == "end")
        }
      }
    }
  }

  @Test func forbiddenBytesAtEveryOffset() {
    for before in 0..<40 {
      for byte: UInt8 in [0x00, 0x01, 0x1F, 0x7F] {
        let field = Array(repeating: UInt8(ascii: "7"), count: before) + [byte] + Array("123".utf8)
        #expect(throws: TableError.binaryData(file: "scan.csv", line: 2, byte: byte)) {
          try table(field + Array(",end\n".utf8))
        }
      }
    }
  }

  @Test func commasAtEveryOffsetSplitFields() {
    for before in 0..<40 {
      let field = Array(repeating: UInt8(ascii: "5"), count: before)
      // One comma too many: three fields where the header has two.
      #expect(throws: TableError.wrongFieldCount(file: "scan.csv", line: 2, expected: 2, found: 3))
      {
        try table(field + Array(",a,b\n".utf8))
      }
    }
  }
}
