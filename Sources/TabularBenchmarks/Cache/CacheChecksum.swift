/// A 64-bit checksum of a cache file's payload, to tell a file written whole by
/// this program from a truncated, corrupted or foreign one.
///
/// The payload is read as little-endian 64-bit words in four interleaved lanes
/// (word *i* goes to lane *i* mod 4); each lane absorbs a word as
/// `lane = rotl((lane ^ word) &* prime, 31)`, which is a bijection of the lane for a
/// fixed word, so changing any single word always changes the result. The lanes and
/// the length are mixed at the end with MurmurHash3's 64-bit finaliser. It is not a
/// cryptographic hash: it guards against accidents, not against an adversary.
///
/// Data is added in blocks of whole 32-byte groups, so the checksum of a payload does
/// not depend on how it was split into blocks.
///
/// - Complexity: O(*n*), a few GB/s: four independent multiply chains.
struct CacheChecksum {
  /// The block granularity: the payload is added in multiples of this many bytes.
  static let blockSize = 32

  private var lanes: (UInt64, UInt64, UInt64, UInt64) = (
    0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89
  )
  private var length: UInt64 = 0

  private static let prime: UInt64 = 0x9E37_79B9_7F4A_7C15

  /// Adds `bytes`, whose count must be a multiple of ``blockSize``.
  mutating func add(_ bytes: UnsafeRawBufferPointer) {
    precondition(bytes.count % Self.blockSize == 0, "checksum block of \(bytes.count) bytes")
    guard let base = bytes.baseAddress else { return }
    var (a, b, c, d) = lanes
    var offset = 0
    while offset < bytes.count {
      a = Self.absorb(a, base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
      b = Self.absorb(b, base.loadUnaligned(fromByteOffset: offset &+ 8, as: UInt64.self))
      c = Self.absorb(c, base.loadUnaligned(fromByteOffset: offset &+ 16, as: UInt64.self))
      d = Self.absorb(d, base.loadUnaligned(fromByteOffset: offset &+ 24, as: UInt64.self))
      offset &+= Self.blockSize
    }
    lanes = (a, b, c, d)
    length &+= UInt64(bytes.count)
  }

  /// The checksum of everything added so far.
  var value: UInt64 {
    let (a, b, c, d) = lanes
    var h = length
    for lane in [a, b, c, d] {
      h = Self.finalize(h ^ lane) &* Self.prime
    }
    return Self.finalize(h)
  }

  @inline(__always)
  private static func absorb(_ lane: UInt64, _ word: UInt64) -> UInt64 {
    let mixed = (lane ^ UInt64(littleEndian: word)) &* prime
    return (mixed << 31) | (mixed >> 33)
  }

  /// MurmurHash3's `fmix64`: every input bit affects every output bit.
  private static func finalize(_ value: UInt64) -> UInt64 {
    var h = value
    h ^= h >> 33
    h &*= 0xFF51_AFD7_ED55_8CCD
    h ^= h >> 33
    h &*= 0xC4CE_B9FE_1A85_EC53
    h ^= h >> 33
    return h
  }
}
