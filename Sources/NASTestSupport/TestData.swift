import Foundation
import Testing

/// Where the reference data lives for data-backed tests: `$NAS_DATA_DIR`, else
/// `../shared/data` beside the package root.
///
/// A fresh clone has no data, so such tests skip with a clear message; CI always has
/// the data (`CI=true`), and there a missing directory fails ``dataIsPresentInCI``
/// instead of silently skipping everything.
public enum TestData {
  /// The data directory, or nil when it does not exist.
  public static let directory: URL? = {
    let fm = FileManager.default
    if let env = ProcessInfo.processInfo.environment["NAS_DATA_DIR"], !env.isEmpty {
      let url = URL(fileURLWithPath: env, isDirectory: true)
      return fm.fileExists(atPath: url.path) ? url : nil
    }
    // #filePath is .../Sources/NASTestSupport/TestData.swift: the package root is 3 up.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let url = root.deletingLastPathComponent().appendingPathComponent("shared/data")
    return fm.fileExists(atPath: url.path) ? url : nil
  }()

  /// Whether the reference data is available.
  public static var isAvailable: Bool { directory != nil }

  /// Whether this process runs in CI, where data-backed tests must not skip.
  public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

  /// The URL of `relativePath` inside the data directory.
  public static func url(_ relativePath: String) throws -> URL {
    guard let directory else {
      throw MissingData(path: relativePath)
    }
    return directory.appendingPathComponent(relativePath)
  }

  /// The error thrown when a data-backed test runs without data.
  public struct MissingData: Error, CustomStringConvertible {
    /// The file that was asked for.
    public var path: String
    /// Says what is missing and how to provide it.
    public var description: String {
      "reference data '\(path)' not found: set NAS_DATA_DIR or place it at ../shared/data"
    }
  }
}

extension Trait where Self == ConditionTrait {
  /// Runs the test only when the reference data directory exists.
  public static var requiresData: Self {
    .enabled(
      if: TestData.isAvailable,
      "reference data not found (set NAS_DATA_DIR or put it at ../shared/data)")
  }
}
