import NASTestSupport
import Testing

@testable import SearchSpace

/// The fast path for the benchmark's own spelling of a cell changes nothing: on
/// every cell's string and on random corruptions of them, `init(parsingUTF8:)` gives
/// what the general parser gives, the same cell or the same error.
struct NB201CanonicalParsingTests {
  /// The cell, or the error's description.
  private func general(_ bytes: [UInt8]) -> String {
    bytes.withUnsafeBufferPointer { buffer in
      do throws(ArchitectureError) {
        return "cell \(try NB201Cell.parsingGenerally(buffer).productIndex)"
      } catch {
        return "error \(error)"
      }
    }
  }

  private func combined(_ bytes: [UInt8]) -> String {
    bytes.withUnsafeBufferPointer { buffer in
      do throws(ArchitectureError) {
        return "cell \(try NB201Cell(parsingUTF8: buffer).productIndex)"
      } catch {
        return "error \(error)"
      }
    }
  }

  @Test func everyCellTakesTheFastPathToItself() {
    var mismatches = Mismatches()
    for cell in NB201Cell.all {
      let bytes = Array(cell.description.utf8)
      let fast = bytes.withUnsafeBufferPointer { NB201Cell.parsingCanonical($0) }
      mismatches.check(fast == cell, "\(cell): fast path gave \(String(describing: fast))")
      mismatches.check(
        general(bytes) == "cell \(cell.productIndex)", "\(cell): general parser disagrees")
    }
    mismatches.expectNone()
  }

  @Test func corruptedStringsGiveTheGeneralParsersResult() {
    var rng = SplitMix64(seed: 201)
    // Bytes that matter to the grammar, and some that do not.
    let alphabet = Array("|+~0123_noecvskiplagx3 \u{7F}".utf8) + [0x00, 0xC3, 0xA9]
    var mismatches = Mismatches()
    for round in 0..<60_000 {
      let cell = NB201Cell.all[Int(rng.next() % UInt64(NB201Cell.cellCount))]
      var bytes = Array(cell.description.utf8)
      for _ in 0..<(1 + Int(rng.next() % 3)) {
        let position = Int(rng.next() % UInt64(bytes.count))
        switch (round + Int(rng.next() % 4)) % 4 {
        case 0: bytes[position] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
        case 1: bytes.remove(at: position)
        case 2: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: position)
        default: bytes = Array(bytes[..<position])
        }
        if bytes.isEmpty { break }
      }
      let fast = bytes.withUnsafeBufferPointer { NB201Cell.parsingCanonical($0) }
      let expected = general(bytes)
      if let fast {
        mismatches.check(
          expected == "cell \(fast.productIndex)",
          "\(String(decoding: bytes, as: UTF8.self)): fast \(fast), general \(expected)")
      }
      mismatches.check(
        combined(bytes) == expected,
        "\(String(decoding: bytes, as: UTF8.self)): \(combined(bytes)) vs \(expected)")
    }
    mismatches.expectNone()
  }
}
