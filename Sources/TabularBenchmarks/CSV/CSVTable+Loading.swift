import Foundation

extension CSVTable {
  /// Reads the CSV file at `url`.
  ///
  /// - Parameters:
  ///   - url: A file URL.
  ///   - maximumBytes: Larger files are refused before they are read.
  /// - Throws: ``TableError``: the file is missing, unreadable, too large or not a
  ///   well-formed table.
  public init(
    contentsOf url: URL, maximumBytes: Int = CSVTable.defaultMaximumBytes
  ) throws(TableError) {
    let path = url.path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .fileNotFound(file: path)
    }
    guard !isDirectory.boolValue else {
      throw .unreadable(file: path, reason: "it is a directory")
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    guard size <= maximumBytes else {
      throw .fileTooLarge(file: path, bytes: size, limit: maximumBytes)
    }
    try self.init(
      bytes: try Self.readBytes(atPath: path, expectedSize: size, limit: maximumBytes),
      file: path, maximumBytes: maximumBytes)
  }

  /// The file's bytes, read straight into an array (no intermediate `Data`).
  private static func readBytes(
    atPath path: String, expectedSize: Int, limit: Int
  ) throws(TableError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      throw .unreadable(file: path, reason: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    // One byte more than expected, so that a file that grew is noticed and read on.
    var chunkSize = expectedSize + 1
    while true {
      var failure: Int32?
      let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, initialized in
        (initialized, failure) = readFully(descriptor, into: UnsafeMutableRawBufferPointer(buffer))
      }
      if let failure {
        throw .unreadable(file: path, reason: String(cString: strerror(failure)))
      }
      let full = chunk.count == chunkSize
      if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
      guard bytes.count <= limit else {
        throw .fileTooLarge(file: path, bytes: bytes.count, limit: limit)
      }
      if !full { return bytes }
      chunkSize = max(chunkSize, 1 << 20)
    }
  }
}
