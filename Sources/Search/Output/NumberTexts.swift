/// The texts of recently written numbers, so that a value written again is copied, not
/// formatted again.
///
/// An experiment writes each evaluation's fitness and simulated seconds twice (in the
/// journal, then in `history.csv`) and meets the same fitness and cost values over and
/// over (REA revisits the cells it likes). Formatting a `Double` as its shortest
/// round-tripping text is the costly part of writing those files; this direct-mapped
/// cache, keyed by the value's bits, turns most of them into a copy of a few bytes.
///
/// Only finite values are kept, so the texts are those of `Double.description`, which
/// ``CSVText/number(_:)`` and the journal share for finite values. A slot that another
/// value takes over is simply formatted again: the cache changes speed, never text.
final class NumberTexts {
  /// The number of slots, a power of two.
  private let slotCount: Int
  /// How far the hash is shifted to give a slot number.
  private let shift: UInt64
  /// Bytes per slot: the value's bits, then its text, zero-padded.
  ///
  /// The longest `Double.description` has 24 bytes; a slot is half a cache line.
  private static let slotBytes = 32
  /// The slots; an empty one holds the bits of NaN, which is never kept.
  private let slots: UnsafeMutableRawPointer

  /// An empty cache of `2^bits` slots.
  init(bits: Int) {
    slotCount = 1 << bits
    shift = UInt64(64 - bits)
    slots = .allocate(byteCount: slotCount * Self.slotBytes, alignment: 64)
    slots.initializeMemory(as: UInt8.self, repeating: 0, count: slotCount * Self.slotBytes)
    for slot in 0..<slotCount {
      slots.storeBytes(
        of: Double.nan.bitPattern, toByteOffset: slot * Self.slotBytes, as: UInt64.self)
    }
  }

  deinit {
    slots.deallocate()
  }

  /// Appends `value` as `Double.description` writes it (for a finite value), to `text`.
  func append(_ value: Double, to text: inout ByteText) {
    guard value.isFinite else {
      text.append(value.description)
      return
    }
    let bits = value.bitPattern
    let slot =
      slots + Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> shift) &* Self.slotBytes
    let characters = (slot + 8).assumingMemoryBound(to: UInt8.self)
    if slot.load(as: UInt64.self) != bits {
      var description = value.description
      let stored = description.withUTF8 { utf8 in
        guard utf8.count <= Self.slotBytes - 8, let base = utf8.baseAddress else { return false }
        characters.update(from: base, count: utf8.count)
        (characters + utf8.count).update(repeating: 0, count: Self.slotBytes - 8 - utf8.count)
        return true
      }
      guard stored else {
        text.append(description)
        return
      }
      slot.storeBytes(of: bits, as: UInt64.self)
    }
    var count = 0
    while count < Self.slotBytes - 8 && characters[count] != 0 { count += 1 }
    text.append(UnsafeBufferPointer(start: characters, count: count))
  }

  /// Appends `value` as ``CSVText/number(_:)`` writes it, to `text`.
  func appendCSV(_ value: Double, to text: inout ByteText) {
    if value.isFinite { append(value, to: &text) } else { text.append(CSVText.number(value)) }
  }
}
