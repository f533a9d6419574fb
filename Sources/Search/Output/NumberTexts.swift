/// The texts of recently written numbers, so that a value written again is copied, not
/// formatted again.
///
/// An experiment writes each evaluation's fitness, wall and simulated seconds twice (in
/// the journal, then in `history.csv`) and meets the same fitness and cost values over and
/// over (REA revisits the cells it likes). Formatting a `Double` as its shortest
/// round-tripping text is the costly part of writing those files; this direct-mapped
/// cache, keyed by the value's bits, turns most of them into a copy of a few bytes.
///
/// Only finite values are kept, so the texts are those of `Double.description`, which
/// ``CSVText/number(_:)`` and the journal share for finite values. A slot that another
/// value takes over is simply formatted again: the cache changes speed, never text.
final class NumberTexts {
  /// Slots (a power of two): every value of a run and the fitness and cost of most cells.
  private static let slotCount = 1 << 14
  /// Bytes per slot; the longest `Double.description` has 24.
  private static let slotBytes = 32
  /// The value of each slot, by bit pattern; a NaN pattern marks an empty slot.
  private let keys: UnsafeMutablePointer<UInt64>
  /// The text's length in each slot.
  private let lengths: UnsafeMutablePointer<UInt8>
  /// The texts, `slotBytes` per slot.
  private let texts: UnsafeMutablePointer<UInt8>
  private static let empty = Double.nan.bitPattern

  /// An empty cache.
  init() {
    keys = .allocate(capacity: Self.slotCount)
    keys.initialize(repeating: Self.empty, count: Self.slotCount)
    lengths = .allocate(capacity: Self.slotCount)
    lengths.initialize(repeating: 0, count: Self.slotCount)
    texts = .allocate(capacity: Self.slotCount * Self.slotBytes)
    texts.initialize(repeating: 0, count: Self.slotCount * Self.slotBytes)
  }

  deinit {
    keys.deallocate()
    lengths.deallocate()
    texts.deallocate()
  }

  /// Appends `value` as `Double.description` writes it (for a finite value), to `text`.
  func append(_ value: Double, to text: inout ByteText) {
    guard value.isFinite else {
      text.append(value.description)
      return
    }
    let bits = value.bitPattern
    let slot = Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> 50)
    let start = texts + slot &* Self.slotBytes
    if keys[slot] != bits {
      var description = value.description
      let count = description.withUTF8 { utf8 in
        guard utf8.count <= Self.slotBytes, let base = utf8.baseAddress else { return 0 }
        start.update(from: base, count: utf8.count)
        return utf8.count
      }
      guard count > 0 else {
        text.append(description)
        return
      }
      keys[slot] = bits
      lengths[slot] = UInt8(count)
    }
    text.append(UnsafeBufferPointer(start: start, count: Int(lengths[slot])))
  }

  /// Appends `value` as ``CSVText/number(_:)`` writes it, to `text`.
  func appendCSV(_ value: Double, to text: inout ByteText) {
    if value.isFinite { append(value, to: &text) } else { text.append(CSVText.number(value)) }
  }
}
