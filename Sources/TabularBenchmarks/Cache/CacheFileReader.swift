import Foundation

/// Reads a ``CacheFile`` back, section by section, straight into arrays.
///
/// Opening checks the magic number, the version and that the payload's length
/// matches the file's size; each read checks that the section fits in what is left
/// of the payload before allocating anything; ``finish()`` checks that the whole
/// payload was read and that its checksum matches. Until ``finish()`` returns true
/// nothing read may be trusted.
final class CacheFileReader {
  private let descriptor: Int32
  private let expectedChecksum: UInt64
  private var remaining: Int
  private var checksum = CacheChecksum()

  /// Opens the file at `url`, or returns nil when there is none or it is not a cache
  /// file of this `magic` and `version`.
  init?(url: URL, magic: UInt64, version: UInt64) {
    let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    var status = stat()
    var preamble = [UInt64](repeating: 0, count: CacheFile.preambleSize / 8)
    let received = preamble.withUnsafeMutableBytes { bytes in
      readWhole(descriptor, into: bytes)
    }
    guard fstat(descriptor, &status) == 0, received,
      preamble[0] == magic, preamble[1] == version,
      preamble[2] &+ UInt64(CacheFile.preambleSize) == UInt64(status.st_size),
      preamble[2] <= UInt64(Int.max)
    else {
      close(descriptor)
      return nil
    }
    self.descriptor = descriptor
    self.remaining = Int(preamble[2])
    self.expectedChecksum = preamble[3]
  }

  deinit {
    close(descriptor)
  }

  /// Reads the next section as `count` values, or returns nil when the payload has
  /// fewer bytes left or reading fails.
  ///
  /// `Value` must be a type for which every bit pattern is a value: an integer or a
  /// floating-point number.
  func read<Value: BitwiseCopyable>(_: Value.Type, count: Int) -> [Value]? {
    let size = MemoryLayout<Value>.stride
    guard count >= 0, count <= remaining / size else { return nil }
    let paddingCount = CacheFile.padding(after: count * size)
    guard count * size + paddingCount <= remaining else { return nil }
    var succeeded = false
    let values = [Value](unsafeUninitializedCapacity: count) { buffer, initialized in
      let body = UnsafeMutableRawBufferPointer(buffer)
      var padding = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
      succeeded = withUnsafeMutableBytes(of: &padding) { padding in
        let padding = UnsafeMutableRawBufferPointer(rebasing: padding[0..<paddingCount])
        guard readWhole(descriptor, into: body), readWhole(descriptor, into: padding)
        else { return false }
        CacheFile.add(
          UnsafeRawBufferPointer(body), padding: UnsafeRawBufferPointer(padding), to: &checksum)
        return true
      }
      // Any bytes are a value of an integer or floating-point type; on failure the
      // array is discarded.
      initialized = count
    }
    remaining -= count * size + paddingCount
    return succeeded ? values : nil
  }

  /// Whether the whole payload was read and its checksum matches the preamble's.
  func finish() -> Bool {
    remaining == 0 && checksum.value == expectedChecksum
  }
}

/// Reads exactly `bytes.count` bytes; false at the end of the file or on an error.
private func readWhole(_ descriptor: Int32, into bytes: UnsafeMutableRawBufferPointer) -> Bool {
  let (count, failure) = readFully(descriptor, into: bytes)
  return failure == nil && count == bytes.count
}
