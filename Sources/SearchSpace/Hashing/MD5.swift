/// The MD5 message digest (RFC 1321), written out so that NAS-Bench-101's graph hash
/// needs nothing beyond the standard library.
///
/// MD5 is broken as a cryptographic hash; here it is only an identifier, because the
/// benchmark keys its cells by MD5 fingerprints and they must be reproduced exactly.
///
/// ```swift
/// MD5.digest(of: "abc").hexString  // "900150983cd24fb0d6963f7d28e17f72"
/// ```
///
/// Feed bytes with ``update(_:)-(UnsafeRawBufferPointer)`` any number of times, then
/// read ``finalize()``. The hasher keeps its state inline (no heap storage), so
/// hashing the short messages of the graph hash allocates nothing.
///
/// - Complexity: O(*n*) in the number of bytes hashed.
public struct MD5: Sendable {
  private typealias Block = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

  private var a: UInt32 = 0x6745_2301
  private var b: UInt32 = 0xEFCD_AB89
  private var c: UInt32 = 0x98BA_DCFE
  private var d: UInt32 = 0x1032_5476
  /// Bytes not yet compressed: the first `pendingCount` bytes of a 64-byte block.
  private var pending: Block = (0, 0, 0, 0, 0, 0, 0, 0)
  private var pendingCount = 0
  /// Total bytes fed so far.
  private var byteCount: UInt64 = 0

  /// Creates a hasher with the RFC 1321 initial state.
  public init() {}

  /// The digest of `bytes`.
  public static func digest(of bytes: some Sequence<UInt8>) -> MD5Digest {
    var hasher = MD5()
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// The digest of the UTF-8 bytes of `text`, as Python's
  /// `hashlib.md5(text.encode('utf-8'))` computes it.
  public static func digest(of text: String) -> MD5Digest {
    var copy = text
    return copy.withUTF8 { digest(of: UnsafeRawBufferPointer($0)) }
  }

  /// The digest of the bytes in `buffer`.
  public static func digest(of buffer: UnsafeRawBufferPointer) -> MD5Digest {
    var hasher = MD5()
    hasher.update(buffer)
    return hasher.finalize()
  }

  /// Feeds `bytes` to the hasher.
  public mutating func update(_ bytes: some Sequence<UInt8>) {
    let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
      update(UnsafeRawBufferPointer(buffer))
    }
    if handled == nil {
      Array(bytes).withUnsafeBytes { update($0) }
    }
  }

  /// Feeds the bytes of `buffer` to the hasher.
  public mutating func update(_ buffer: UnsafeRawBufferPointer) {
    byteCount &+= UInt64(buffer.count)
    var start = 0
    if pendingCount > 0 {
      let take = min(64 - pendingCount, buffer.count)
      let filled = pendingCount
      withUnsafeMutableBytes(of: &pending) { block in
        UnsafeMutableRawBufferPointer(rebasing: block[filled..<filled + take])
          .copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<take]))
      }
      pendingCount += take
      start = take
      guard pendingCount == 64 else { return }
      var block = pending
      withUnsafeBytes(of: &block) { compress($0) }
      pendingCount = 0
    }
    while buffer.count - start >= 64 {
      compress(UnsafeRawBufferPointer(rebasing: buffer[start..<start + 64]))
      start += 64
    }
    let rest = buffer.count - start
    if rest > 0 {
      withUnsafeMutableBytes(of: &pending) { block in
        UnsafeMutableRawBufferPointer(rebasing: block[0..<rest])
          .copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[start...]))
      }
      pendingCount = rest
    }
  }

  /// Pads the message as RFC 1321 §3.1–3.2 prescribe and returns the digest.
  ///
  /// The hasher itself is left unchanged, so more bytes can still be fed.
  public func finalize() -> MD5Digest {
    var copy = self
    let bitLength = byteCount &* 8
    // 0x80, then zeros up to 56 mod 64, then the bit length (little-endian).
    let zeroCount = (55 - pendingCount + 64) % 64
    var tail: (Block, Block) = ((0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0))
    withUnsafeMutableBytes(of: &tail) { bytes in
      bytes[0] = 0x80
      bytes.storeBytes(
        of: bitLength.littleEndian, toByteOffset: 1 + zeroCount, as: UInt64.self)
      copy.update(UnsafeRawBufferPointer(rebasing: bytes[0..<(1 + zeroCount + 8)]))
    }
    return MD5Digest(
      high: UInt64(copy.a.byteSwapped) << 32 | UInt64(copy.b.byteSwapped),
      low: UInt64(copy.c.byteSwapped) << 32 | UInt64(copy.d.byteSwapped))
  }

  /// Runs the four rounds of RFC 1321 §3.4 over one 64-byte block.
  private mutating func compress(_ block: UnsafeRawBufferPointer) {
    @inline(__always) func x(_ index: Int) -> UInt32 {
      UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 4 &* index, as: UInt32.self))
    }
    var a = self.a
    var b = self.b
    var c = self.c
    var d = self.d
    a = Self.f(a, b, c, d, x(0), 7, 0xD76A_A478)
    d = Self.f(d, a, b, c, x(1), 12, 0xE8C7_B756)
    c = Self.f(c, d, a, b, x(2), 17, 0x2420_70DB)
    b = Self.f(b, c, d, a, x(3), 22, 0xC1BD_CEEE)
    a = Self.f(a, b, c, d, x(4), 7, 0xF57C_0FAF)
    d = Self.f(d, a, b, c, x(5), 12, 0x4787_C62A)
    c = Self.f(c, d, a, b, x(6), 17, 0xA830_4613)
    b = Self.f(b, c, d, a, x(7), 22, 0xFD46_9501)
    a = Self.f(a, b, c, d, x(8), 7, 0x6980_98D8)
    d = Self.f(d, a, b, c, x(9), 12, 0x8B44_F7AF)
    c = Self.f(c, d, a, b, x(10), 17, 0xFFFF_5BB1)
    b = Self.f(b, c, d, a, x(11), 22, 0x895C_D7BE)
    a = Self.f(a, b, c, d, x(12), 7, 0x6B90_1122)
    d = Self.f(d, a, b, c, x(13), 12, 0xFD98_7193)
    c = Self.f(c, d, a, b, x(14), 17, 0xA679_438E)
    b = Self.f(b, c, d, a, x(15), 22, 0x49B4_0821)
    a = Self.g(a, b, c, d, x(1), 5, 0xF61E_2562)
    d = Self.g(d, a, b, c, x(6), 9, 0xC040_B340)
    c = Self.g(c, d, a, b, x(11), 14, 0x265E_5A51)
    b = Self.g(b, c, d, a, x(0), 20, 0xE9B6_C7AA)
    a = Self.g(a, b, c, d, x(5), 5, 0xD62F_105D)
    d = Self.g(d, a, b, c, x(10), 9, 0x0244_1453)
    c = Self.g(c, d, a, b, x(15), 14, 0xD8A1_E681)
    b = Self.g(b, c, d, a, x(4), 20, 0xE7D3_FBC8)
    a = Self.g(a, b, c, d, x(9), 5, 0x21E1_CDE6)
    d = Self.g(d, a, b, c, x(14), 9, 0xC337_07D6)
    c = Self.g(c, d, a, b, x(3), 14, 0xF4D5_0D87)
    b = Self.g(b, c, d, a, x(8), 20, 0x455A_14ED)
    a = Self.g(a, b, c, d, x(13), 5, 0xA9E3_E905)
    d = Self.g(d, a, b, c, x(2), 9, 0xFCEF_A3F8)
    c = Self.g(c, d, a, b, x(7), 14, 0x676F_02D9)
    b = Self.g(b, c, d, a, x(12), 20, 0x8D2A_4C8A)
    a = Self.h(a, b, c, d, x(5), 4, 0xFFFA_3942)
    d = Self.h(d, a, b, c, x(8), 11, 0x8771_F681)
    c = Self.h(c, d, a, b, x(11), 16, 0x6D9D_6122)
    b = Self.h(b, c, d, a, x(14), 23, 0xFDE5_380C)
    a = Self.h(a, b, c, d, x(1), 4, 0xA4BE_EA44)
    d = Self.h(d, a, b, c, x(4), 11, 0x4BDE_CFA9)
    c = Self.h(c, d, a, b, x(7), 16, 0xF6BB_4B60)
    b = Self.h(b, c, d, a, x(10), 23, 0xBEBF_BC70)
    a = Self.h(a, b, c, d, x(13), 4, 0x289B_7EC6)
    d = Self.h(d, a, b, c, x(0), 11, 0xEAA1_27FA)
    c = Self.h(c, d, a, b, x(3), 16, 0xD4EF_3085)
    b = Self.h(b, c, d, a, x(6), 23, 0x0488_1D05)
    a = Self.h(a, b, c, d, x(9), 4, 0xD9D4_D039)
    d = Self.h(d, a, b, c, x(12), 11, 0xE6DB_99E5)
    c = Self.h(c, d, a, b, x(15), 16, 0x1FA2_7CF8)
    b = Self.h(b, c, d, a, x(2), 23, 0xC4AC_5665)
    a = Self.i(a, b, c, d, x(0), 6, 0xF429_2244)
    d = Self.i(d, a, b, c, x(7), 10, 0x432A_FF97)
    c = Self.i(c, d, a, b, x(14), 15, 0xAB94_23A7)
    b = Self.i(b, c, d, a, x(5), 21, 0xFC93_A039)
    a = Self.i(a, b, c, d, x(12), 6, 0x655B_59C3)
    d = Self.i(d, a, b, c, x(3), 10, 0x8F0C_CC92)
    c = Self.i(c, d, a, b, x(10), 15, 0xFFEF_F47D)
    b = Self.i(b, c, d, a, x(1), 21, 0x8584_5DD1)
    a = Self.i(a, b, c, d, x(8), 6, 0x6FA8_7E4F)
    d = Self.i(d, a, b, c, x(15), 10, 0xFE2C_E6E0)
    c = Self.i(c, d, a, b, x(6), 15, 0xA301_4314)
    b = Self.i(b, c, d, a, x(13), 21, 0x4E08_11A1)
    a = Self.i(a, b, c, d, x(4), 6, 0xF753_7E82)
    d = Self.i(d, a, b, c, x(11), 10, 0xBD3A_F235)
    c = Self.i(c, d, a, b, x(2), 15, 0x2AD7_D2BB)
    b = Self.i(b, c, d, a, x(9), 21, 0xEB86_D391)
    self.a &+= a
    self.b &+= b
    self.c &+= c
    self.d &+= d
  }

  // The four rounds' steps: a = b + ((a + F(b, c, d) + X[k] + T[i]) <<< s).

  @inline(__always)
  private static func f(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32, _ x: UInt32, _ s: UInt32, _ t: UInt32
  ) -> UInt32 {
    b &+ rotate(a &+ ((b & c) | (~b & d)) &+ x &+ t, s)
  }

  @inline(__always)
  private static func g(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32, _ x: UInt32, _ s: UInt32, _ t: UInt32
  ) -> UInt32 {
    b &+ rotate(a &+ ((b & d) | (c & ~d)) &+ x &+ t, s)
  }

  @inline(__always)
  private static func h(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32, _ x: UInt32, _ s: UInt32, _ t: UInt32
  ) -> UInt32 {
    b &+ rotate(a &+ (b ^ c ^ d) &+ x &+ t, s)
  }

  @inline(__always)
  private static func i(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32, _ x: UInt32, _ s: UInt32, _ t: UInt32
  ) -> UInt32 {
    b &+ rotate(a &+ (c ^ (b | ~d)) &+ x &+ t, s)
  }

  @inline(__always)
  private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
    value << count | value >> (32 &- count)
  }
}
