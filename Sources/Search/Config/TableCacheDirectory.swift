import Foundation

/// Where parsed benchmark tables are cached between runs (see
/// `NB201Benchmark.init(contentsOf:twelveEpochContentsOf:allowsPartialTable:cacheDirectory:)`).
///
/// In order: `$NAS_SEARCH_CACHE_DIR` when it is set (set but empty turns caching
/// off), else `$XDG_CACHE_HOME/nas-search` when that is an absolute path (as the XDG
/// base directory specification asks), else `$HOME/.cache/nas-search`; without a
/// `HOME` there is no cache.
///
/// ```swift
/// TableCacheDirectory.resolve(["NAS_SEARCH_CACHE_DIR": ""])      // nil: off
/// TableCacheDirectory.resolve(["HOME": "/home/ada"])              // /home/ada/.cache/nas-search
/// ```
public enum TableCacheDirectory {
  /// The environment variable that sets the directory, or turns caching off when empty.
  public static let variable = "NAS_SEARCH_CACHE_DIR"

  /// The cache directory for `environment`, or nil when caching is off.
  public static func resolve(
    _ environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> URL? {
    if let directory = environment[variable] {
      return directory.isEmpty ? nil : URL(fileURLWithPath: directory, isDirectory: true)
    }
    if let cacheHome = environment["XDG_CACHE_HOME"], cacheHome.hasPrefix("/") {
      return URL(fileURLWithPath: cacheHome, isDirectory: true)
        .appendingPathComponent("nas-search", isDirectory: true)
    }
    if let home = environment["HOME"], !home.isEmpty {
      return URL(fileURLWithPath: home, isDirectory: true)
        .appendingPathComponent(".cache/nas-search", isDirectory: true)
    }
    return nil
  }
}
