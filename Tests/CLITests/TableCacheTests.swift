import Foundation
import NASTestSupport
import Testing

/// `nas-search run` caches the parsed NB201 tables where the environment says, and
/// nowhere when told not to.
@Suite(.requiresData)
struct TableCacheTests {
  var rea: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("configs/nb201-rea-cifar10.json").path
  }

  /// The files under `url`, recursively, relative to it.
  private static func files(under url: URL) -> [String] {
    (FileManager.default.subpaths(atPath: url.path) ?? []).sorted()
  }

  /// runs.csv without its wall-clock column.
  private static func runsWithoutWallTime(_ path: String) throws -> [[String]] {
    let runs = try CSVFile(path: path)
    let wall = try #require(runs.header.firstIndex(of: "wall_seconds"))
    return ([runs.header] + runs.rows).map { row in
      row.enumerated().filter { $0.offset != wall }.map(\.element)
    }
  }

  @Test func aSecondRunReadsTheCacheAndGivesTheSameRuns() throws {
    let temporary = try TemporaryDirectory()
    let cache = temporary.url.appendingPathComponent("cache")
    let environment = [
      "NAS_DATA_DIR": try TestData.url("").path, "NAS_SEARCH_CACHE_DIR": cache.path,
    ]
    var runs: [[[String]]] = []
    var inodes: [Int] = []
    for name in ["first", "second"] {
      let output = temporary.url.appendingPathComponent(name).path
      let result = try CommandRunner.run(
        ["run", rea, "--runs", "2", "--output", output, "--quiet"], environment: environment)
      #expect(result.status == 0, "\(result.standardError)")
      #expect(result.standardError.isEmpty)
      runs.append(try Self.runsWithoutWallTime(output + "/runs.csv"))
      let cached = Self.files(under: cache)
      #expect(cached.count == 1 && cached[0].hasPrefix("nb201-") && cached[0].hasSuffix(".cache"))
      let attributes = try FileManager.default.attributesOfItem(
        atPath: cache.appendingPathComponent(cached[0]).path)
      inodes.append(try #require(attributes[.systemFileNumber] as? Int))
    }
    // A miss would have renamed a new file into place: the second run read the first's.
    #expect(inodes[0] == inodes[1])
    #expect(runs[0] == runs[1])
    #expect(runs[0].count == 3)
  }

  @Test func anEmptyVariableWritesNoCacheAnywhere() throws {
    let temporary = try TemporaryDirectory()
    let home = temporary.url.appendingPathComponent("home")
    let xdg = temporary.url.appendingPathComponent("xdg")
    let data = try TestData.url("").path
    let output = temporary.url.appendingPathComponent("off").path
    let off = try CommandRunner.run(
      ["run", rea, "--runs", "1", "--output", output, "--quiet"],
      environment: [
        "NAS_DATA_DIR": data, "NAS_SEARCH_CACHE_DIR": "", "HOME": home.path,
        "XDG_CACHE_HOME": xdg.path,
      ])
    #expect(off.status == 0, "\(off.standardError)")
    #expect(Self.files(under: home).isEmpty && Self.files(under: xdg).isEmpty)

    // Unset, the same run caches under $XDG_CACHE_HOME/nas-search.
    let on = try CommandRunner.run(
      ["run", rea, "--runs", "1", "--output", output + "-on", "--quiet"],
      environment: ["NAS_DATA_DIR": data, "HOME": home.path, "XDG_CACHE_HOME": xdg.path],
      unsetting: ["NAS_SEARCH_CACHE_DIR"])
    #expect(on.status == 0, "\(on.standardError)")
    #expect(Self.files(under: home).isEmpty)
    let cached = Self.files(under: xdg)
    #expect(cached.count == 2 && cached[0] == "nas-search", "\(cached)")
  }
}
