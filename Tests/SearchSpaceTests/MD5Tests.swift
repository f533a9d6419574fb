import SearchSpace
import Testing

struct MD5Tests {
  /// The test suite of RFC 1321, appendix A.5.
  @Test(arguments: [
    ("", "d41d8cd98f00b204e9800998ecf8427e"),
    ("a", "0cc175b9c0f1b6a831c399e269772661"),
    ("abc", "900150983cd24fb0d6963f7d28e17f72"),
    ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
    ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
    (
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
      "d174ab98d277d9f5a5611c2c9f419d9f"
    ),
    (
      "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
      "57edf4a22be3c955ac49da2e2107b67a"
    ),
  ])
  func rfc1321TestSuite(message: String, expected: String) {
    #expect(MD5.digest(of: message).hexString == expected)
    #expect(MD5.digest(of: Array(message.utf8)).hexString == expected)
  }

  /// Messages of n × "a" around the padding boundaries (55/56 bytes leave no room for
  /// the length; 64 is one block); expected values from Python's `hashlib.md5`.
  @Test(arguments: [
    (55, "ef1772b6dff9a122358552954ad0df65"),
    (56, "3b0c8ac703f828b04c6c197006d17218"),
    (57, "652b906d60af96844ebd21b674f35e93"),
    (63, "b06521f39153d618550606be297466d5"),
    (64, "014842d480b571495a4a0363793f7367"),
    (65, "c743a45e0d2e6a95cb859adae0248435"),
    (119, "8a7bd0732ed6a28ce75f6dabc90e1613"),
    (120, "5f61c0ccad4cac44c75ff505e1f1e537"),
    (127, "020406e1d05cdc2aa287641f7ae2cc39"),
    (128, "e510683b3f5ffe4093d021808bc6ff70"),
    (1000, "cabe45dcc9ae5b66ba86600cca6b8ba8"),
  ])
  func paddingBoundaries(length: Int, expected: String) {
    #expect(MD5.digest(of: String(repeating: "a", count: length)).hexString == expected)
  }

  @Test func feedingInPiecesEqualsFeedingAtOnce() {
    let message = Array(
      "12345678901234567890123456789012345678901234567890123456789012345678901234567890".utf8)
    let whole = MD5.digest(of: message)
    for first in 0...message.count {
      for second in first...min(message.count, first + 70) {
        var hasher = MD5()
        hasher.update(message[0..<first])
        hasher.update(message[first..<second])
        hasher.update(message[second...])
        #expect(hasher.finalize() == whole, "split at \(first), \(second)")
      }
    }
  }

  @Test func finalizeLeavesTheHasherUsable() {
    var hasher = MD5()
    hasher.update("message ".utf8)
    _ = hasher.finalize()
    hasher.update("digest".utf8)
    #expect(hasher.finalize().hexString == "f96b697d7cb7938d525a2f31aaf161d0")
  }

  @Test func digestsOrderLikeTheirHexStrings() {
    var rng = SplitMix64(seed: 7)
    let digests = (0..<500).map { _ in MD5Digest(high: rng.next(), low: rng.next() >> 60) }
    #expect(digests.sorted().map(\.hexString) == digests.map(\.hexString).sorted())
  }

  @Test func hexTextRoundTrips() throws {
    var rng = SplitMix64(seed: 11)
    for _ in 0..<200 {
      let digest = MD5Digest(high: rng.next(), low: rng.next())
      #expect(MD5Digest(hex: digest.hexString) == digest)
      #expect(MD5Digest(hex: digest.hexString.uppercased()) == digest)
      #expect(digest.bytes.count == 16)
    }
    #expect(MD5Digest(hex: "900150983cd24fb0d6963f7d28e17f7") == nil)
    #expect(MD5Digest(hex: "900150983cd24fb0d6963f7d28e17f72a") == nil)
    #expect(MD5Digest(hex: "900150983cd24fb0d6963f7d28e17f7g") == nil)
    let abc = try #require(MD5Digest(hex: "900150983cd24fb0d6963f7d28e17f72"))
    #expect(abc.bytes.prefix(3) == [0x90, 0x01, 0x50])
  }
}
