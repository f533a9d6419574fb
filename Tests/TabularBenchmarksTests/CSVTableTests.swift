import Foundation
import NASTestSupport
import Testing

@testable import TabularBenchmarks

struct CSVTableTests {
  private func table(_ text: String) throws -> CSVTable {
    try CSVTable(bytes: Array(text.utf8), file: "test.csv")
  }

  @Test func readsHeaderRowsTextAndNumbers() throws {
    let table = try self.table("name,value,note\nalpha,1.5,x\nbeta,-2e3,\n")
    #expect(table.columnNames == ["name", "value", "note"])
    #expect(table.rowCount == 2)
    #expect(try table.texts(column: 0) == ["alpha", "beta"])
    #expect(try table.numbers(column: 1) == [1.5, -2000])
    #expect(try table.text(row: 1, column: 2) == "")
    #expect(try table.numberIfPresent(row: 1, column: 2) == nil)
    #expect(try table.columnIndex("value") == 1)
  }

  @Test func quotedFieldsKeepCommasQuotesAndLineBreaks() throws {
    let text =
      "key,tuple,quote\n" + "a,\"(4,0,4,1,2,0)\",\"say \"\"hi\"\"\"\n"
      + "b,\"multi\nline\",\"x\"\n" + "c,\"7.25\",\"\""
    let table = try self.table(text)
    #expect(table.rowCount == 3)
    #expect(try table.texts(column: 1) == ["(4,0,4,1,2,0)", "multi\nline", "7.25"])
    #expect(try table.texts(column: 2) == ["say \"hi\"", "x", ""])
    // A quoted number is a number; the rows start on lines 2, 3 and 5.
    #expect(try table.number(row: 2, column: 1) == 7.25)
    #expect((0..<3).map(table.line(ofRow:)) == [2, 3, 5])
  }

  @Test func acceptsCRLFBlankLinesAByteOrderMarkAndNoFinalLineBreak() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\r\n\r\n1,2\r\n\n3,4".utf8)
    let table = try CSVTable(bytes: bytes, file: "crlf.csv")
    #expect(table.columnNames == ["a", "b"])
    #expect(try table.numbers(column: 0) == [1, 3])
    #expect(try table.numbers(column: 1) == [2, 4])
    #expect(table.line(ofRow: 0) == 3)
    #expect(table.line(ofRow: 1) == 5)
  }

  @Test func lineBreaksInsideQuotesCountForLaterLines() throws {
    let table = try self.table("a,b\n\"x\r\ny\",1\n\"p\rq\",2\nz,oops\n")
    #expect(table.line(ofRow: 2) == 6)
    #expect(throws: TableError.invalidNumber(file: "test.csv", line: 6, column: "b", text: "oops"))
    {
      try table.numbers(column: 1)
    }
  }

  @Test func tabsAndUTF8AreOrdinaryText() throws {
    let table = try self.table("a,b\nx\ty,café ☕\n")
    #expect(try table.texts(column: 0) == ["x\ty"])
    #expect(try table.texts(column: 1) == ["café ☕"])
  }

  @Test func readsSeveralColumnsAtOnceLikeOneByOne() throws {
    let table = try self.table("a,b,c\n1,2,3\n4,5,6\n7,8,9\n")
    let together = try table.numbers(columns: [2, 0])
    #expect(together == [try table.numbers(column: 2), try table.numbers(column: 0)])
    #expect(together == [[3, 6, 9], [1, 4, 7]])
  }

  @Test func headerOnlyIsAnEmptyTable() throws {
    let table = try self.table("a,b\n")
    #expect(table.rowCount == 0)
    #expect(try table.numbers(column: 1) == [])
  }

  @Test func readsAFileFromDisk() throws {
    let directory = try TemporaryDirectory()
    let url = try directory.write("x,y\n1,2\n", to: "small.csv")
    let table = try CSVTable(contentsOf: url)
    #expect(table.file == url.path)
    #expect(try table.numbers(column: 1) == [2])
  }
}
