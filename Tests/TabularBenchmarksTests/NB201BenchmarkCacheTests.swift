import Foundation
import NASTestSupport
import SearchSpace
import Testing

@testable import TabularBenchmarks

/// The binary cache of parsed NB201 tables: a hit gives the parsed benchmark exactly,
/// a changed table or a damaged cache file is a miss that rewrites the file, and a
/// cache that cannot be written does not stop the load.
@Suite(.requiresData)
struct NB201BenchmarkCacheTests {
  let directory: TemporaryDirectory
  let cacheDirectory: URL

  init() throws {
    directory = try TemporaryDirectory()
    cacheDirectory = directory.url.appendingPathComponent("cache", isDirectory: true)
  }

  /// The first `rows` rows of both reference tables, copied to the temporary
  /// directory with an old modification time (so that they may be cached).
  private func smallTables(rows: Int = 200) throws -> (URL, URL) {
    var urls: [URL] = []
    for name in [NB201Benchmark.fileName, NB201Benchmark.twelveEpochFileName] {
      let text = try String(
        contentsOf: try TestData.url("nasbench201/" + name), encoding: .utf8)
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(rows + 1)
      let url = try directory.write(lines.joined(separator: "\n") + "\n", to: name)
      try Self.setModificationTime(of: url, seconds: 1_700_000_000, nanoseconds: 123_456_789)
      urls.append(url)
    }
    return (urls[0], urls[1])
  }

  /// Sets the file's modification (and access) time to the nanosecond.
  private static func setModificationTime(of url: URL, seconds: Int, nanoseconds: Int) throws {
    let time = timespec(tv_sec: seconds, tv_nsec: nanoseconds)
    let status = [time, time].withUnsafeBufferPointer {
      utimensat(AT_FDCWD, url.path, $0.baseAddress, 0)
    }
    try #require(status == 0, "utimensat \(url.path): errno \(errno)")
  }

  private func cache(_ url200: URL, _ url12: URL?, partial: Bool = true) throws
    -> NB201BenchmarkCache
  {
    try #require(
      NB201BenchmarkCache(
        directory: cacheDirectory, sources: [url200] + (url12.map { [$0] } ?? []),
        allowsPartialTable: partial))
  }

  /// Every stored property of `a` and `b` agrees bit for bit, and every text field
  /// and lookup reads the same.
  private static func expectIdentical(
    _ a: NB201Benchmark, _ b: NB201Benchmark, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    var mismatches = Mismatches()
    mismatches.check(a.file == b.file, "file \(a.file) vs \(b.file)")
    mismatches.check(a.columnNames == b.columnNames, "column names")
    mismatches.check(a.textColumnNames == b.textColumnNames, "text column names")
    mismatches.check(a.cells == b.cells, "cells")
    mismatches.check(a.archIndexByProduct == b.archIndexByProduct, "arch indices")
    mismatches.check(a.rowByProduct == b.rowByProduct, "rows")
    mismatches.check(a.values.count == b.values.count, "column count")
    for (name, (x, y)) in zip(a.columnNames, zip(a.values, b.values)) {
      mismatches.check(x.map(\.bitPattern) == y.map(\.bitPattern), "column \(name)")
    }
    for cell in NB201Cell.all where a.contains(cell) || b.contains(cell) {
      for column in a.textColumnNames {
        let x = Result { () throws(TableError) in try a.text(column, for: cell) }
        let y = Result { () throws(TableError) in try b.text(column, for: cell) }
        mismatches.check(x == y, "\(column) of \(cell): \(x) vs \(y)")
      }
    }
    mismatches.expectNone(sourceLocation: sourceLocation)
  }

  @Test func aHitEqualsTheParsedReferenceTablesInEveryColumnCellAndText() throws {
    let url200 = try TestData.url("nasbench201/" + NB201Benchmark.fileName)
    let url12 = try TestData.url("nasbench201/" + NB201Benchmark.twelveEpochFileName)
    let parsed = try NB201Benchmark(contentsOf: url200, twelveEpochContentsOf: url12)
    let cache = try cache(url200, url12, partial: false)
    #expect(cache.load(file: url200.path) == nil)

    let miss = try NB201Benchmark(
      contentsOf: url200, twelveEpochContentsOf: url12, cacheDirectory: cacheDirectory)
    Self.expectIdentical(miss, parsed)
    let hit = try #require(cache.load(file: url200.path))
    #expect(hit.table.columnNames == parsed.textColumnNames)  // read from the cache
    #expect(hit.count == 15_625 && hit.columnNames.count == 36 && hit.textColumnNames.count == 9)
    Self.expectIdentical(hit, parsed)
    let loaded = try NB201Benchmark(
      contentsOf: url200, twelveEpochContentsOf: url12, cacheDirectory: cacheDirectory)
    Self.expectIdentical(loaded, parsed)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: cacheDirectory.path) == [
        cache.url.lastPathComponent
      ])
  }

  @Test func aHitOfThe200EpochTableAloneEqualsItsParse() throws {
    let (url200, _) = try smallTables()
    let parsed = try NB201Benchmark(contentsOf: url200, allowsPartialTable: true)
    _ = try NB201Benchmark(
      contentsOf: url200, allowsPartialTable: true, cacheDirectory: cacheDirectory)
    let hit = try #require(try cache(url200, nil).load(file: url200.path))
    #expect(hit.count == 200)
    Self.expectIdentical(hit, parsed)
  }

  @Test func quotedAndInvalidTextFieldsReadTheSameFromTheCache() throws {
    // A quoted field with doubled quotes, and a field that is not UTF-8 (its error
    // names the file, the line and the column either way).
    let cells = [NB201Cell.all[10], NB201Cell.all[20]]
    let header = NB201Benchmark.requiredColumns.joined(separator: ",") + ",unique_str"
    let metrics = Array(repeating: "1.5", count: NB201Benchmark.requiredColumns.count - 2)
      .joined(separator: ",")
    var bytes = Array(
      "\(header)\n0,\(cells[0]),\(metrics),\"say \"\"hi\"\", ok\"\n\n1,\(cells[1]),\(metrics),".utf8
    )
    bytes += [0xC3, 0x28, 0x0A]
    let url = try directory.write(bytes, to: "quoted.csv")
    try Self.setModificationTime(of: url, seconds: 1_600_000_000, nanoseconds: 0)
    let parsed = try NB201Benchmark(contentsOf: url, allowsPartialTable: true)
    #expect(try parsed.text("unique_str", for: cells[0]) == "say \"hi\", ok")
    #expect(throws: TableError.invalidText(file: url.path, line: 4, column: "unique_str")) {
      try parsed.text("unique_str", for: cells[1])
    }
    _ = try NB201Benchmark(
      contentsOf: url, allowsPartialTable: true, cacheDirectory: cacheDirectory)
    let hit = try #require(try cache(url, nil).load(file: url.path))
    Self.expectIdentical(hit, parsed)
  }

  @Test func aValueChangedInPlaceWithTheSameSizeAndTimeIsAMiss() throws {
    let (url200, url12) = try smallTables()
    let cached = try NB201Benchmark(
      contentsOf: url200, twelveEpochContentsOf: url12, allowsPartialTable: true,
      cacheDirectory: cacheDirectory)
    #expect(try cache(url200, url12).load(file: url200.path) != nil)

    // Row 6 (arch_index 5): change the last digit of cifar10_test_acc, in place.
    var lines = try String(contentsOf: url200, encoding: .utf8).split(separator: "\n")
      .map(String.init)
    let column = try #require(lines[0].split(separator: ",").firstIndex(of: "cifar10_test_acc"))
    var fields = lines[6].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let old = fields[column]
    let digit = try #require(old.last?.wholeNumberValue)
    fields[column] = String(old.dropLast()) + String((digit + 1) % 10)
    let expected = try #require(Double(fields[column]))
    lines[6] = fields.joined(separator: ",")
    let cell = try NB201Cell(parsing: fields[1])
    #expect(try cached.value("cifar10_test_acc", for: cell) == Double(old))
    // The status-change time must move past the cache's: wait out a coarse clock tick.
    Thread.sleep(forTimeInterval: 0.05)
    let handle = try FileHandle(forWritingTo: url200)
    try handle.write(contentsOf: Data((lines.joined(separator: "\n") + "\n").utf8))
    try handle.close()
    try Self.setModificationTime(of: url200, seconds: 1_700_000_000, nanoseconds: 123_456_789)

    #expect(try cache(url200, url12).load(file: url200.path) == nil)
    let reloaded = try NB201Benchmark(
      contentsOf: url200, twelveEpochContentsOf: url12, allowsPartialTable: true,
      cacheDirectory: cacheDirectory)
    #expect(try reloaded.value("cifar10_test_acc", for: cell) == expected)
    let hit = try #require(try cache(url200, url12).load(file: url200.path))
    #expect(try hit.value("cifar10_test_acc", for: cell) == expected)
  }

  @Test func touchingEitherTableIsAMissAndRewritesTheCache() throws {
    let (url200, url12) = try smallTables()
    let parsed = try NB201Benchmark(
      contentsOf: url200, twelveEpochContentsOf: url12, allowsPartialTable: true)
    for (url, seconds) in [(url12, 1_700_000_100), (url200, 1_700_000_200)] {
      _ = try NB201Benchmark(
        contentsOf: url200, twelveEpochContentsOf: url12, allowsPartialTable: true,
        cacheDirectory: cacheDirectory)
      #expect(try cache(url200, url12).load(file: url200.path) != nil)
      try Self.setModificationTime(of: url, seconds: seconds, nanoseconds: 0)
      #expect(try cache(url200, url12).load(file: url200.path) == nil, "\(url.lastPathComponent)")
    }
    let loaded = try NB201Benchmark(
      contentsOf: url200, twelveEpochContentsOf: url12, allowsPartialTable: true,
      cacheDirectory: cacheDirectory)
    Self.expectIdentical(loaded, parsed)
    let hit = try #require(try cache(url200, url12).load(file: url200.path))
    Self.expectIdentical(hit, parsed)
  }

  @Test func anotherPartialOptionOrTableSetIsAnotherCache() throws {
    let (url200, url12) = try smallTables()
    _ = try NB201Benchmark(
      contentsOf: url200, twelveEpochContentsOf: url12, allowsPartialTable: true,
      cacheDirectory: cacheDirectory)
    #expect(try cache(url200, url12).load(file: url200.path) != nil)
    #expect(try cache(url200, url12, partial: false).load(file: url200.path) == nil)
    #expect(try cache(url200, nil).load(file: url200.path) == nil)
    // A partial table loaded without allowing it fails as without a cache.
    #expect(throws: TableError.self) {
      try NB201Benchmark(
        contentsOf: url200, twelveEpochContentsOf: url12, cacheDirectory: cacheDirectory)
    }
  }

  @Test func recentlyModifiedTablesAreNotCached() throws {
    let (url200, _) = try smallTables()
    let now = Int(Date().timeIntervalSince1970)
    try Self.setModificationTime(of: url200, seconds: now, nanoseconds: 0)
    _ = try NB201Benchmark(
      contentsOf: url200, allowsPartialTable: true, cacheDirectory: cacheDirectory)
    #expect(!FileManager.default.fileExists(atPath: try cache(url200, nil).url.path))
    try Self.setModificationTime(of: url200, seconds: now - 3, nanoseconds: 0)
    _ = try NB201Benchmark(
      contentsOf: url200, allowsPartialTable: true, cacheDirectory: cacheDirectory)
    #expect(FileManager.default.fileExists(atPath: try cache(url200, nil).url.path))
  }

  /// Ways a cache file can be damaged, each applied to a valid file's bytes.
  enum Damage: String, CaseIterable, CustomStringConvertible {
    case magic, version, length, checksum, key, counts, middle, lastByte
    case truncatedToHalf, truncatedInThePreamble, empty, extraByte, foreign

    var description: String { rawValue }

    func apply(to bytes: [UInt8]) -> [UInt8] {
      var bytes = bytes
      let flip: Int? =
        switch self {
        case .magic: 0
        case .version: 8
        case .length: 16
        case .checksum: 24
        case .counts: 32 + 8  // the number of numeric columns
        case .key: 32 + 64 + 3  // the partial flag's third byte
        case .middle: bytes.count / 2
        case .lastByte: bytes.count - 1
        default: nil
        }
      if let flip {
        bytes[flip] ^= 0x10
        return bytes
      }
      switch self {
      case .truncatedToHalf: return Array(bytes.prefix(bytes.count / 2))
      case .truncatedInThePreamble: return Array(bytes.prefix(20))
      case .empty: return []
      case .extraByte: return bytes + [0]
      default: return Array("arch_index,arch_str\n".utf8)
      }
    }
  }

  @Test(arguments: Damage.allCases)
  func aDamagedCacheFileIsAMissAndIsRewritten(_ damage: Damage) throws {
    let (url200, url12) = try smallTables(rows: 100)
    let parsed = try NB201Benchmark(
      contentsOf: url200, twelveEpochContentsOf: url12, allowsPartialTable: true)
    _ = try NB201Benchmark(
      contentsOf: url200, twelveEpochContentsOf: url12, allowsPartialTable: true,
      cacheDirectory: cacheDirectory)
    let cache = try cache(url200, url12)
    let original = try [UInt8](Data(contentsOf: cache.url))

    let damaged = damage.apply(to: original)
    #expect(damaged != original)
    try Data(damaged).write(to: cache.url)
    #expect(cache.load(file: url200.path) == nil)
    let loaded = try NB201Benchmark(
      contentsOf: url200, twelveEpochContentsOf: url12, allowsPartialTable: true,
      cacheDirectory: cacheDirectory)
    Self.expectIdentical(loaded, parsed)
    #expect(try [UInt8](Data(contentsOf: cache.url)) == original)
  }

  @Test func byteFlipsAllOverACacheFileAreDetected() throws {
    let (url200, _) = try smallTables(rows: 2)
    _ = try NB201Benchmark(
      contentsOf: url200, allowsPartialTable: true, cacheDirectory: cacheDirectory)
    let cache = try cache(url200, nil)
    let original = try [UInt8](Data(contentsOf: cache.url))
    #expect(cache.load(file: url200.path) != nil)
    var undetected: [Int] = []
    // Every byte of the preamble and the sections before the key's paths, then 32
    // bytes spread over the rest (the file is about 3.8 MB: 30 columns of 15,625
    // values); the checksum's own test flips every bit of a smaller payload.
    let spread = stride(from: 128, to: original.count, by: original.count / 32)
    for offset in Array(0..<128) + spread + [original.count - 1] {
      var damaged = original
      damaged[offset] ^= 0x01
      try Data(damaged).write(to: cache.url)
      if cache.load(file: url200.path) != nil { undetected.append(offset) }
    }
    #expect(undetected.isEmpty)
  }

  @Test func anUnwritableCacheDirectoryStillLoads() throws {
    let (url200, url12) = try smallTables(rows: 50)
    let parsed = try NB201Benchmark(
      contentsOf: url200, twelveEpochContentsOf: url12, allowsPartialTable: true)
    // A directory inside a regular file cannot be created, whoever runs the test.
    let blocker = try directory.write("not a directory", to: "blocker")
    for unwritable in [blocker, blocker.appendingPathComponent("cache")] {
      let loaded = try NB201Benchmark(
        contentsOf: url200, twelveEpochContentsOf: url12, allowsPartialTable: true,
        cacheDirectory: unwritable)
      Self.expectIdentical(loaded, parsed)
    }
    #expect(try String(contentsOf: blocker, encoding: .utf8) == "not a directory")
  }

  @Test func aFailedRenameLeavesNoTemporaryFile() throws {
    let (url200, _) = try smallTables(rows: 50)
    let parsed = try NB201Benchmark(contentsOf: url200, allowsPartialTable: true)
    // A non-empty directory where the cache file belongs: the rename over it fails.
    let cache = try cache(url200, nil)
    try FileManager.default.createDirectory(
      at: cache.url.appendingPathComponent("occupied"), withIntermediateDirectories: true)
    let loaded = try NB201Benchmark(
      contentsOf: url200, allowsPartialTable: true, cacheDirectory: cacheDirectory)
    Self.expectIdentical(loaded, parsed)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: cacheDirectory.path) == [
        cache.url.lastPathComponent
      ])
  }

  @Test func loadsOnTwoThreadsAtOnceAgree() throws {
    let (url200, url12) = try smallTables()
    let parsed = try NB201Benchmark(
      contentsOf: url200, twelveEpochContentsOf: url12, allowsPartialTable: true)
    let cacheDirectory = cacheDirectory
    for _ in 0..<3 {
      let results = try simultaneously(
        (0..<2).map { _ in
          {
            Result { () throws(TableError) in
              try NB201Benchmark(
                contentsOf: url200, twelveEpochContentsOf: url12, allowsPartialTable: true,
                cacheDirectory: cacheDirectory)
            }
          }
        })
      for result in results { Self.expectIdentical(result, parsed) }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: cacheDirectory.path).count == 1)
  }

  @Test func writingACacheRemovesTemporaryFilesAbandonedAnHourAgo() throws {
    let (url200, _) = try smallTables(rows: 50)
    let cache = try cache(url200, nil)
    try FileManager.default.createDirectory(at: cacheDirectory, withIntermediateDirectories: true)
    // A writer killed two hours ago, and one writing now.
    let abandoned = cacheDirectory.appendingPathComponent(
      ".\(cache.url.lastPathComponent).4242.17.tmp")
    let current = cacheDirectory.appendingPathComponent(
      ".\(cache.url.lastPathComponent).4243.18.tmp")
    let other = cacheDirectory.appendingPathComponent(".another-cache.cache.4244.19.tmp")
    for url in [abandoned, current, other] {
      try Data("partial".utf8).write(to: url)
    }
    for url in [abandoned, other] {
      try FileManager.default.setAttributes(
        [.modificationDate: Date(timeIntervalSinceNow: -7200)], ofItemAtPath: url.path)
    }
    _ = try NB201Benchmark(
      contentsOf: url200, allowsPartialTable: true, cacheDirectory: cacheDirectory)
    let names = try FileManager.default.contentsOfDirectory(atPath: cacheDirectory.path).sorted()
    // The abandoned file of this cache is gone; a live writer's file and another cache's
    // files are left alone.
    #expect(
      names
        == [other.lastPathComponent, current.lastPathComponent, cache.url.lastPathComponent]
        .sorted())
  }
}

/// The cache file's checksum.
struct CacheChecksumTests {
  private static func checksum(_ bytes: [UInt8], blocks: Int = 1) -> UInt64 {
    var checksum = CacheChecksum()
    let size = max(bytes.count / blocks, CacheChecksum.blockSize)
    bytes.withUnsafeBytes { all in
      for start in stride(from: 0, to: all.count, by: size) {
        checksum.add(UnsafeRawBufferPointer(rebasing: all[start..<min(start + size, all.count)]))
      }
    }
    return checksum.value
  }

  private static let bytes: [UInt8] = (0..<1024).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }

  @Test func doesNotDependOnHowThePayloadIsSplit() {
    let whole = Self.checksum(Self.bytes)
    #expect(Self.checksum(Self.bytes, blocks: 4) == whole)
    #expect(Self.checksum(Self.bytes, blocks: 32) == whole)
  }

  @Test func everySingleBitFlipAndTheLengthChangeIt() {
    let whole = Self.checksum(Self.bytes)
    var unchanged: [Int] = []
    for bit in 0..<(Self.bytes.count * 8) {
      var flipped = Self.bytes
      flipped[bit / 8] ^= 1 << (bit % 8)
      if Self.checksum(flipped) == whole { unchanged.append(bit) }
    }
    #expect(unchanged.isEmpty)
    #expect(Self.checksum(Self.bytes + [UInt8](repeating: 0, count: 32)) != whole)
    #expect(Self.checksum([]) != Self.checksum([UInt8](repeating: 0, count: 32)))
  }

}
