/// The layout shared by ``CacheFileWriter`` and ``CacheFileReader``.
///
/// A cache file is a 32-byte preamble of four 64-bit words — a magic number naming
/// the kind of file, the format version, the payload's length in bytes and the
/// payload's ``CacheChecksum`` — followed by the payload: a sequence of sections,
/// each an array of fixed-size values zero-padded to a multiple of 32 bytes. The
/// words and values are in the machine's byte order, little-endian on every platform
/// this package is built for; a file of the other order fails the magic check.
///
/// What the sections are is up to the caller (see `NB201Benchmark+Cache.swift`); a
/// reader reads them back in the order they were written.
enum CacheFile {
  /// The preamble's size in bytes.
  static let preambleSize = 32

  /// The padding after a section of `count` bytes.
  static func padding(after count: Int) -> Int {
    (CacheChecksum.blockSize - count % CacheChecksum.blockSize) % CacheChecksum.blockSize
  }

  /// Adds a section of `body` bytes followed by `padding` (the section's padding
  /// bytes, as many as ``padding(after:)`` asks for) to `checksum`.
  static func add(
    _ body: UnsafeRawBufferPointer, padding: UnsafeRawBufferPointer,
    to checksum: inout CacheChecksum
  ) {
    let whole = body.count - body.count % CacheChecksum.blockSize
    checksum.add(UnsafeRawBufferPointer(rebasing: body[0..<whole]))
    guard whole < body.count else { return }
    var block = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
    withUnsafeMutableBytes(of: &block) { block in
      block.copyMemory(from: UnsafeRawBufferPointer(rebasing: body[whole...]))
      UnsafeMutableRawBufferPointer(rebasing: block[(body.count - whole)...])
        .copyMemory(from: padding)
      checksum.add(UnsafeRawBufferPointer(block))
    }
  }
}

/// Why a cache file could not be written or read; never shown to users, since a
/// cache that fails is simply not used.
struct CacheFileError: Error {}
