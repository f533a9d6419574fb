import Foundation

/// Writes a ``CacheFile`` atomically: into a temporary file in the destination's
/// directory, renamed over the destination by ``commit()``.
///
/// Readers therefore see either the old file or the new one whole, however many
/// processes write the same cache at once. There is no `fsync`: a file left torn by
/// a crash fails its checksum and is rewritten.
final class CacheFileWriter {
  private let destination: URL
  private let temporaryPath: String
  private let descriptor: Int32
  private let magic: UInt64
  private let version: UInt64
  private var checksum = CacheChecksum()
  private var length = 0
  private var isCommitted = false

  /// Creates the destination's directory if needed and opens a temporary file next
  /// to the destination.
  ///
  /// - Throws: ``CacheFileError`` when the directory cannot be created or written.
  init(destination: URL, magic: UInt64, version: UInt64) throws(CacheFileError) {
    let directory = destination.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw CacheFileError()
    }
    let path = directory.appendingPathComponent(
      ".\(destination.lastPathComponent).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).tmp"
    ).path
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw CacheFileError() }
    self.destination = destination
    self.temporaryPath = path
    self.descriptor = descriptor
    self.magic = magic
    self.version = version
    // The preamble is written last, once the checksum is known.
    let preamble = [UInt8](repeating: 0, count: CacheFile.preambleSize)
    guard preamble.withUnsafeBytes({ writeFully(descriptor, $0) }) == nil else {
      throw CacheFileError()
    }
  }

  deinit {
    close(descriptor)
    if !isCommitted { unlink(temporaryPath) }
  }

  /// Appends a section holding `values`.
  func append<Value: BitwiseCopyable>(_ values: [Value]) throws(CacheFileError) {
    let padding = [UInt8](
      repeating: 0, count: CacheFile.padding(after: values.count * MemoryLayout<Value>.stride))
    let written = values.withUnsafeBytes { bytes in
      padding.withUnsafeBytes { padding in
        guard writeFully(descriptor, bytes) == nil, writeFully(descriptor, padding) == nil else {
          return false
        }
        CacheFile.add(bytes, padding: padding, to: &checksum)
        return true
      }
    }
    guard written else { throw CacheFileError() }
    length += values.count * MemoryLayout<Value>.stride + padding.count
  }

  /// Writes the preamble and renames the file over the destination.
  ///
  /// - Throws: ``CacheFileError`` when a write or the rename fails; the temporary
  ///   file is then removed.
  func commit() throws(CacheFileError) {
    let words = [magic, version, UInt64(length), checksum.value]
    let written = words.withUnsafeBytes { bytes in
      pwrite(descriptor, bytes.baseAddress, bytes.count, 0)
    }
    guard written == CacheFile.preambleSize,
      rename(temporaryPath, destination.path) == 0
    else { throw CacheFileError() }
    isCommitted = true
    removeAbandonedTemporaryFiles()
  }

  /// How old another writer's temporary file must be to count as abandoned (its process
  /// was killed while writing): writing a cache takes milliseconds.
  static let abandonedAge: TimeInterval = 3600

  /// Removes the temporary files of this destination that writers killed mid-write left
  /// behind, judged by age alone: the directory may be shared by other machines, whose
  /// process ids mean nothing here.
  private func removeAbandonedTemporaryFiles() {
    let directory = destination.deletingLastPathComponent()
    let prefix = ".\(destination.lastPathComponent)."
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
    else { return }
    let now = Date()
    for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
      let path = directory.appendingPathComponent(name).path
      guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
        let modified = attributes[.modificationDate] as? Date,
        now.timeIntervalSince(modified) > Self.abandonedAge
      else { continue }
      unlink(path)
    }
  }
}
