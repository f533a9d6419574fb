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
  /// Bytes per slot: the value's bits, its text, and the text's length in the last byte.
  ///
  /// Texts of up to 23 bytes are kept (the longest `Double.description` has 24, which is
  /// formatted each time); a slot is half a cache line.
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

  /// Writes `value` as `Double.description` writes it.
  @inline(__always)
  func write(_ value: Double, to writer: inout ByteWriter) {
    if let characters = cachedText(value) {
      writer.write(characters)
    } else if value.isFinite {
      ShortestText(value).withBytes { writer.write($0) }
    } else {
      writer.write(value.description)
    }
  }

  /// Writes `value` as ``CSVText/number(_:)`` writes it.
  @inline(__always)
  func writeCSV(_ value: Double, to writer: inout ByteWriter) {
    if let characters = cachedText(value) {
      writer.write(characters)
    } else if value.isFinite {
      ShortestText(value).withBytes { writer.write($0) }
    } else {
      writer.write(CSVText.number(value))
    }
  }

  /// The text of `value` in its slot, made now if the slot held another value; nil for a
  /// value that is not finite or whose text is too long to keep.
  @inline(__always)
  private func cachedText(_ value: Double) -> UnsafeBufferPointer<UInt8>? {
    guard value.isFinite else { return nil }
    let bits = value.bitPattern
    let slot =
      slots + Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> shift) &* Self.slotBytes
    let characters = (slot + 8).assumingMemoryBound(to: UInt8.self)
    let length = slot + Self.slotBytes - 1
    if slot.load(as: UInt64.self) != bits {
      let stored = ShortestText(value).withBytes { utf8 in
        guard utf8.count <= Self.slotBytes - 9, let base = utf8.baseAddress else { return false }
        characters.update(from: base, count: utf8.count)
        length.storeBytes(of: UInt8(utf8.count), as: UInt8.self)
        return true
      }
      guard stored else { return nil }
      slot.storeBytes(of: bits, as: UInt64.self)
    }
    return UnsafeBufferPointer(start: characters, count: Int(length.load(as: UInt8.self)))
  }

  /// Appends `value` as ``CSVText/number(_:)`` writes it, to `text`.
  func appendCSV(_ value: Double, to text: inout ByteText) {
    // A Double's text is at most 24 bytes.
    text.appendRow(maximumCount: 32) { writeCSV(value, to: &$0) }
  }
}
