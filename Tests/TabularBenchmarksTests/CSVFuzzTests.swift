import Foundation
import SearchSpace
import Testing

@testable import TabularBenchmarks

/// Thousands of random and mutated inputs: the reader must return a table or throw
/// a ``TableError``, never trap, and every field of a table it returns must be
/// readable as text or number (or give an error) without trapping either.
struct CSVFuzzTests {
  /// A small table in the shape of the benchmark files, with quoted fields.
  static let seed: [UInt8] = Array(
    ("arch_index,arch_str,naslib_arch,acc\r\n"
      + "0,\(NB201Cell.all[99]),\"(4,0,4,1,2,0)\",81.98\r\n"
      + "1,\(NB201Cell.all[98]),\"say \"\"x\"\"\",-1e8\r\n"
      + "2,\(NB201Cell.all[97]),\"multi\nline\",7\r\n").utf8)

  /// Reads `bytes` and touches every field; returns whether a table came out.
  @discardableResult
  private func exercise(_ bytes: [UInt8]) -> Bool {
    let table: CSVTable
    do {
      table = try CSVTable(bytes: bytes, file: "fuzz.csv")
    } catch {
      #expect(!error.description.isEmpty)
      return false
    }
    for column in 0..<table.columnNames.count {
      _ = try? table.numbers(column: column)
      _ = try? table.texts(column: column)
      for row in 0..<table.rowCount {
        _ = try? table.numberIfPresent(row: row, column: column)
      }
    }
    _ = try? NB201Benchmark(table: table, allowsPartialTable: true)
    return true
  }

  @Test func randomBytesNeverTrap() {
    var rng = SplitMix64(seed: 1)
    // Bytes drawn mostly from the characters that matter to the tokenizer.
    let alphabet = Array(",\"\r\n\t abc019.e-|~+".utf8) + [0x00, 0x7F, 0xC3, 0xA9, 0xFF]
    var loaded = 0
    for round in 0..<3_000 {
      let length = Int(rng.next() % 200)
      let bytes: [UInt8] = (0..<length).map { _ in
        round % 2 == 0
          ? alphabet[Int(rng.next() % UInt64(alphabet.count))]
          : UInt8(truncatingIfNeeded: rng.next())
      }
      if exercise(bytes) { loaded += 1 }
    }
    // Some random inputs are (degenerate) tables: the reader is not rejecting everything.
    #expect(loaded >= 20)
  }

  @Test func mutatedTablesNeverTrap() {
    var rng = SplitMix64(seed: 2)
    #expect(exercise(Self.seed))
    let specials = Array(",\"\r\n\t".utf8) + [0x00, 0xFF]
    var loaded = 0
    for _ in 0..<4_000 {
      var bytes = Self.seed
      for _ in 0..<(1 + Int(rng.next() % 4)) {
        let index = Int(rng.next() % UInt64(bytes.count))
        switch rng.next() % 5 {
        case 0: bytes.remove(at: index)
        case 1: bytes.insert(specials[Int(rng.next() % UInt64(specials.count))], at: index)
        case 2: bytes[index] = UInt8(truncatingIfNeeded: rng.next())
        case 3: bytes.removeSubrange(index...)  // truncation
        default: bytes.insert(contentsOf: bytes[index...].prefix(20), at: index)
        }
        if bytes.isEmpty { break }
      }
      if exercise(bytes) { loaded += 1 }
    }
    #expect(loaded > 200)
  }
}
