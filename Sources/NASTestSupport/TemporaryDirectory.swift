import Foundation

/// A fresh directory under the system's temporary directory, for files that tests
/// write and read back; removed when the value is deinitialised.
public final class TemporaryDirectory: Sendable {
  /// The directory.
  public let url: URL

  /// Creates the directory.
  public init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("nas-search-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }

  /// The URL of `name` inside the directory, whether or not the file exists.
  public func file(_ name: String) -> URL {
    url.appendingPathComponent(name)
  }

  /// Writes `bytes` to `name` inside the directory and returns its URL.
  public func write(_ bytes: [UInt8], to name: String) throws -> URL {
    let target = file(name)
    try Data(bytes).write(to: target)
    return target
  }

  /// Writes `text` as UTF-8 to `name` inside the directory and returns its URL.
  public func write(_ text: String, to name: String) throws -> URL {
    try write(Array(text.utf8), to: name)
  }
}
