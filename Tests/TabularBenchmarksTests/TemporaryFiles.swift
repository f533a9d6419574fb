import Foundation

/// A fresh directory under the system's temporary directory, for files that tests
/// write and read back; removed when the value is deinitialised.
final class TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("nas-search-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }

  /// Writes `bytes` to `name` inside the directory and returns its URL.
  func write(_ bytes: [UInt8], to name: String) throws -> URL {
    let file = url.appendingPathComponent(name)
    try Data(bytes).write(to: file)
    return file
  }

  /// Writes `text` as UTF-8 to `name` inside the directory and returns its URL.
  func write(_ text: String, to name: String) throws -> URL {
    try write(Array(text.utf8), to: name)
  }
}
