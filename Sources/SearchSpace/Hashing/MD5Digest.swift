/// A 128-bit MD5 digest: the key NAS-Bench-101 files and APIs use for a cell.
///
/// The digest is stored as two 64-bit words holding the 16 digest bytes in order
/// (big-endian), so that comparing digests compares their hexadecimal strings: the
/// order of Python's `sorted()` over `hexdigest()` strings, which the benchmark's
/// graph hash depends on.
public struct MD5Digest: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Digest bytes 0...7, byte 0 in the most significant position.
  public var high: UInt64
  /// Digest bytes 8...15, byte 8 in the most significant position.
  public var low: UInt64

  /// Creates a digest from its two big-endian halves.
  public init(high: UInt64, low: UInt64) {
    self.high = high
    self.low = low
  }

  /// Reads a 32-character hexadecimal digest (either case), as printed by Python's
  /// `hashlib.md5(...).hexdigest()`; nil when `hex` is not exactly that.
  public init?(hex: some StringProtocol) {
    var words: (UInt64, UInt64) = (0, 0)
    var count = 0
    for byte in ContiguousUTF8.bytes(of: hex) {
      guard count < 32, let nibble = Self.nibble(byte) else { return nil }
      if count < 16 {
        words.0 = words.0 << 4 | UInt64(nibble)
      } else {
        words.1 = words.1 << 4 | UInt64(nibble)
      }
      count += 1
    }
    guard count == 32 else { return nil }
    self.init(high: words.0, low: words.1)
  }

  /// The 16 digest bytes in order.
  public var bytes: [UInt8] {
    (0..<16).map { index in
      let word = index < 8 ? high : low
      return UInt8(truncatingIfNeeded: word >> (56 - 8 * UInt64(index % 8)))
    }
  }

  /// The 32 lowercase hexadecimal characters, as Python's `hexdigest()` prints them.
  public var hexString: String {
    String(decoding: hexBytes, as: UTF8.self)
  }

  /// The lowercase hexadecimal digits as ASCII bytes, for building hash input
  /// without going through `String`.
  public var hexBytes: [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(32)
    appendHex(to: &result)
    return result
  }

  /// Appends the 32 lowercase hexadecimal ASCII digits to `buffer`.
  public func appendHex(to buffer: inout [UInt8]) {
    var digits = hexDigits
    withUnsafeBytes(of: &digits) { buffer.append(contentsOf: $0) }
  }

  /// The 32 lowercase hexadecimal ASCII digits, 8 per word, each word laid out in
  /// memory order (little-endian words, first digit in the lowest byte).
  var hexDigits: (UInt64, UInt64, UInt64, UInt64) {
    (
      Self.hexASCII(UInt32(truncatingIfNeeded: high >> 32)),
      Self.hexASCII(UInt32(truncatingIfNeeded: high)),
      Self.hexASCII(UInt32(truncatingIfNeeded: low >> 32)),
      Self.hexASCII(UInt32(truncatingIfNeeded: low))
    )
  }

  /// The 8 hexadecimal digits of `word`, most significant first in memory.
  private static func hexASCII(_ word: UInt32) -> UInt64 {
    // Spread the 8 nibbles into 8 bytes (nibble k in byte k), then byte-swap so that
    // the most significant nibble comes first in memory (on any byte order).
    var spread = UInt64(word)
    spread = (spread | spread << 16) & 0x0000_FFFF_0000_FFFF
    spread = (spread | spread << 8) & 0x00FF_00FF_00FF_00FF
    spread = (spread | spread << 4) & 0x0F0F_0F0F_0F0F_0F0F
    // Bytes 10...15 become 'a'...'f' (add 0x27 more than for '0'...'9').
    let isLetter = ((spread &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
    let ascii = spread &+ 0x3030_3030_3030_3030 &+ isLetter &* 0x27
    return ascii.bigEndian
  }

  /// The hexadecimal form.
  public var description: String { hexString }

  /// Orders digests as their hexadecimal strings are ordered.
  public static func < (lhs: MD5Digest, rhs: MD5Digest) -> Bool {
    (lhs.high, lhs.low) < (rhs.high, rhs.low)
  }

  private static func nibble(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}

extension MD5Digest: Codable {
  /// Decodes the hexadecimal form.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let digest = MD5Digest(hex: text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "expected 32 hexadecimal digits, got '\(text)'")
    }
    self = digest
  }

  /// Encodes the hexadecimal form.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(hexString)
  }
}
