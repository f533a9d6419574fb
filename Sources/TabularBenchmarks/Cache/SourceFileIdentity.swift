import Foundation

/// What a cache remembers of a source file to tell whether it changed since: its
/// resolved absolute path, size, modification and status-change times to the
/// nanosecond, inode and device, as ccache and git's index do.
///
/// Replacing the file (a new inode), editing it (a new size or time) or moving
/// another file to its path all change the identity. A file edited twice within one
/// tick of the file system's clock, keeping its size, would not; so caches are
/// written only for files whose modification time is at least
/// ``settledInterval`` old (git's "racily clean" rule, simplified).
struct SourceFileIdentity: Equatable, Sendable {
  /// The path with symbolic links, `.` and `..` resolved.
  var path: String
  var size: UInt64
  var modificationSeconds: Int64
  var modificationNanoseconds: Int64
  var changeSeconds: Int64
  var changeNanoseconds: Int64
  var inode: UInt64
  var device: UInt64

  /// How old a file's modification time must be for a cache of it to be written.
  static let settledInterval: Int64 = 2

  /// The identity of the regular file at `url`, or nil when it cannot be resolved or
  /// is not a regular file.
  init?(of url: URL) {
    guard let resolved = realpath(url.path, nil) else { return nil }
    path = String(cString: resolved)
    free(resolved)
    var status = stat()
    guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
    size = UInt64(status.st_size)
    #if canImport(Darwin)
    modificationSeconds = Int64(status.st_mtimespec.tv_sec)
    modificationNanoseconds = Int64(status.st_mtimespec.tv_nsec)
    changeSeconds = Int64(status.st_ctimespec.tv_sec)
    changeNanoseconds = Int64(status.st_ctimespec.tv_nsec)
    #else
    modificationSeconds = Int64(status.st_mtim.tv_sec)
    modificationNanoseconds = Int64(status.st_mtim.tv_nsec)
    changeSeconds = Int64(status.st_ctim.tv_sec)
    changeNanoseconds = Int64(status.st_ctim.tv_nsec)
    #endif
    inode = UInt64(status.st_ino)
    device = UInt64(status.st_dev)
  }

  /// Whether the file was last modified at least ``settledInterval`` before `now`
  /// (seconds since 1970), so that a further edit would show in its time.
  func isSettled(now: Int64 = Int64(Date().timeIntervalSince1970)) -> Bool {
    modificationSeconds <= now - Self.settledInterval
  }

  /// The identity as bytes: the path's length and bytes, then the numbers, as
  /// little-endian 64-bit words.
  var encoded: [UInt8] {
    var bytes: [UInt8] = []
    let words: [UInt64] = [
      size, UInt64(bitPattern: modificationSeconds), UInt64(bitPattern: modificationNanoseconds),
      UInt64(bitPattern: changeSeconds), UInt64(bitPattern: changeNanoseconds), inode, device,
    ]
    Self.append(UInt64(path.utf8.count), to: &bytes)
    bytes += path.utf8
    for word in words { Self.append(word, to: &bytes) }
    return bytes
  }

  /// Appends `word` to `bytes`, least significant byte first.
  static func append(_ word: UInt64, to bytes: inout [UInt8]) {
    for shift in stride(from: 0, to: 64, by: 8) {
      bytes.append(UInt8(truncatingIfNeeded: word >> shift))
    }
  }
}
