import Foundation
import Search
import Testing

/// Where `nas-search` caches parsed tables, from the environment.
struct TableCacheDirectoryTests {
  @Test func theVariableWinsAndEmptyTurnsCachingOff() {
    let others = ["XDG_CACHE_HOME": "/xdg", "HOME": "/home/ada"]
    #expect(
      TableCacheDirectory.resolve(others.merging(["NAS_SEARCH_CACHE_DIR": "/scratch/c"]) { $1 })?
        .path == "/scratch/c")
    #expect(TableCacheDirectory.resolve(others.merging(["NAS_SEARCH_CACHE_DIR": ""]) { $1 }) == nil)
  }

  @Test func thenXDGCacheHomeWhenAbsoluteThenHome() {
    #expect(
      TableCacheDirectory.resolve(["XDG_CACHE_HOME": "/xdg", "HOME": "/home/ada"])?.path
        == "/xdg/nas-search")
    // The XDG specification ignores relative paths.
    #expect(
      TableCacheDirectory.resolve(["XDG_CACHE_HOME": "relative", "HOME": "/home/ada"])?.path
        == "/home/ada/.cache/nas-search")
    #expect(
      TableCacheDirectory.resolve(["XDG_CACHE_HOME": "", "HOME": "/home/ada"])?.path
        == "/home/ada/.cache/nas-search")
    #expect(TableCacheDirectory.resolve(["HOME": ""]) == nil)
    #expect(TableCacheDirectory.resolve([:]) == nil)
  }

  @Test func aRelativeVariableIsFromTheWorkingDirectory() {
    let resolved = TableCacheDirectory.resolve(["NAS_SEARCH_CACHE_DIR": "cache"])
    #expect(
      resolved?.path
        == URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        .appendingPathComponent("cache").path)
  }
}
