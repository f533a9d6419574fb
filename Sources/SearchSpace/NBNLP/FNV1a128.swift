/// The 128-bit FNV-1a hash of `text`'s UTF-8 bytes, as 32 lowercase hex digits.
///
/// FNV-1a (Fowler, Noll, Vo) is simple, fast and well distributed; 128 bits make
/// accidental collisions among the few million architectures of a search negligible.
/// It is not cryptographic, which an identity of architectures does not need.
func fnv1a128Hex(_ text: String) -> String {
  let prime: UInt128 = (1 << 88) + 0x13B
  var hash: UInt128 = 0x6C62_272E_07BB_0142_62B8_2175_6295_C58D
  for byte in text.utf8 {
    hash ^= UInt128(byte)
    hash &*= prime
  }
  let hex = String(hash, radix: 16)
  return String(repeating: "0", count: 32 - hex.count) + hex
}
