import Foundation
import NASTestSupport
import Synchronization
import Testing

@testable import Search

/// Files replaced together: all or none are renamed, and no temporary file stays behind.
struct AtomicFileBatchTests {
  func contents(_ directory: TemporaryDirectory) throws -> [String: String] {
    var files: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory.url.path) {
      files[name] = try String(contentsOf: directory.file(name), encoding: .utf8)
    }
    return files
  }

  @Test func aCommittedBatchReplacesEveryFileAndLeavesNoTemporary() throws {
    let directory = try TemporaryDirectory()
    _ = try directory.write("old a", to: "a.csv")
    let batch = AtomicFileBatch()
    var pieces = [ByteText(), ByteText()]
    pieces[0].append("first half, ")
    pieces[1].append("second half")
    try batch.add(parts: pieces, to: directory.file("a.csv"))
    try batch.add("b", to: directory.file("b.json"))
    let ran = ResumeTests.Calls()
    try batch.commit(alongside: [
      {
        ran.count.add(1, ordering: .relaxed)
        return nil
      }
    ])
    #expect(ran.count.load(ordering: .relaxed) == 1)
    #expect(try contents(directory) == ["a.csv": "first half, second half", "b.json": "b"])
  }

  @Test func aFailedFlushBesideTheBatchRenamesNothing() throws {
    let directory = try TemporaryDirectory()
    _ = try directory.write("old a", to: "a.csv")
    let batch = AtomicFileBatch()
    try batch.add("new a", to: directory.file("a.csv"))
    try batch.add("b", to: directory.file("b.json"))
    #expect(throws: EvaluationError.self) {
      try batch.commit(alongside: [{ EvaluationError("the journal's disk is full") }])
    }
    #expect(try contents(directory) == ["a.csv": "old a"])
  }

  @Test func aDroppedBatchRemovesItsTemporaries() throws {
    let directory = try TemporaryDirectory()
    do {
      let batch = AtomicFileBatch()
      try batch.add("a", to: directory.file("a.csv"))
      #expect(try contents(directory).count == 1)  // its temporary file
    }
    #expect(try contents(directory).isEmpty)
  }
}
