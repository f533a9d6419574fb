import Foundation
import NASTestSupport
import SearchSpace
import Testing

@testable import TabularBenchmarks

struct TFRecordTests {
  let directory: TemporaryDirectory

  init() throws {
    directory = try TemporaryDirectory()
  }

  // MARK: CRC-32C

  /// RFC 3720 (iSCSI) appendix B.4 test vectors, and the CRC catalogue's check value.
  @Test func crc32cMatchesPublishedVectors() {
    #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
    #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
    #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
    #expect(CRC32C.checksum((0..<32).reversed().map { UInt8($0) }) == 0x113F_DB5C)
    #expect(CRC32C.checksum([UInt8]()) == 0)
  }

  @Test func crc32cSlicedLoopAgreesWithBytewiseTailOnEveryLength() {
    // Bit-by-bit reference: reflected polynomial 0x82F63B78.
    func reference(_ bytes: [UInt8]) -> UInt32 {
      var crc: UInt32 = 0xFFFF_FFFF
      for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
      }
      return ~crc
    }
    var rng = SplitMix64(seed: 3)
    for length in 0..<80 {
      let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      #expect(CRC32C.checksum(bytes) == reference(bytes), "length \(length)")
    }
  }

  /// TensorFlow's `crc32c::Mask`: rotate right 15, add 0xa282ead8 (mod 2^32).
  @Test func maskRotatesAndAddsTheDelta() {
    #expect(CRC32C.masked(0) == 0xA282_EAD8)
    #expect(CRC32C.masked(0x0000_8000) == 0xA282_EAD9)
    #expect(CRC32C.masked(0xFFFF_FFFF) == 0xA282_EAD7)
  }

  // MARK: Round trips

  private func sampleRecords(count: Int, seed: UInt64) -> [[UInt8]] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { index in
      let length = index % 7 == 0 ? 0 : Int(rng.next() % 3000)
      return (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    }
  }

  @Test func writtenFilesReadBackRecordByRecord() throws {
    let records = sampleRecords(count: 300, seed: 1)
    var writer = TFRecordWriter()
    for record in records { writer.append(record) }
    #expect(writer.bytes.count == records.reduce(0) { $0 + $1.count + 16 })
    let url = directory.file("roundtrip.tfrecord")
    try writer.write(to: url)
    // A chunk smaller than most records exercises refilling across record boundaries.
    let reader = try TFRecordReader(contentsOf: url, chunkSize: 4096)
    #expect(try reader.readAll() == records)
    #expect(reader.recordIndex == records.count)
    #expect(reader.byteOffset == writer.bytes.count)
    #expect(try reader.next() == nil)
    #expect(try TFRecordReader(bytes: writer.bytes).readAll() == records)
  }

  @Test func anEmptyFileHasNoRecords() throws {
    #expect(try TFRecordReader(bytes: []).next() == nil)
  }

  @Test func aMissingFileIsReportedAsUnreadable() {
    do {
      _ = try TFRecordReader(contentsOf: directory.file("missing.tfrecord"))
      Issue.record("opened a missing file")
    } catch {
      guard case .unreadable = error.problem else {
        Issue.record("\(error)")
        return
      }
      #expect(error.description.contains("missing.tfrecord"))
    }
  }

  // MARK: Corruption

  /// A three-record file and the offsets of its records.
  private func threeRecordFile() -> (bytes: [UInt8], offsets: [Int]) {
    var writer = TFRecordWriter()
    var offsets: [Int] = []
    for text in ["first record", "second, longer record", "third"] {
      offsets.append(writer.bytes.count)
      writer.append(Array(text.utf8))
    }
    return (writer.bytes, offsets)
  }

  private func firstError(in bytes: [UInt8]) -> TFRecordError? {
    let reader = TFRecordReader(bytes: bytes, name: "test.tfrecord")
    do {
      _ = try reader.readAll()
      return nil
    } catch {
      return error
    }
  }

  @Test func aCorruptLengthIsCaughtByItsChecksum() throws {
    var (bytes, offsets) = threeRecordFile()
    bytes[offsets[1]] ^= 0x01
    let error = try #require(firstError(in: bytes))
    #expect(error.recordIndex == 1 && error.byteOffset == offsets[1])
    guard case .lengthChecksumMismatch = error.problem else {
      Issue.record("\(error)")
      return
    }
    #expect(error.description.hasPrefix("test.tfrecord: record 1 at byte \(offsets[1]):"))
  }

  @Test func corruptDataOrDataChecksumIsCaught() throws {
    let (original, offsets) = threeRecordFile()
    // A data byte of record 2, then the last byte of record 2's data checksum.
    for position in [offsets[2] + 12, original.count - 1] {
      var bytes = original
      bytes[position] ^= 0x40
      let error = try #require(firstError(in: bytes))
      #expect(error.recordIndex == 2 && error.byteOffset == offsets[2])
      guard case .dataChecksumMismatch = error.problem else {
        Issue.record("\(error)")
        return
      }
    }
  }

  @Test func truncationInsideTheHeaderOrTheDataIsReported() throws {
    let (bytes, offsets) = threeRecordFile()
    for cut in [offsets[2] + 5, offsets[2] + 12 + 2, bytes.count - 1] {
      let error = try #require(firstError(in: Array(bytes[0..<cut])))
      #expect(error.recordIndex == 2 && error.byteOffset == offsets[2])
      switch error.problem {
      case .truncatedHeader(let available): #expect(available == 5)
      case .truncatedRecord(let declared, let available):
        #expect(declared == 5)
        #expect(available == cut - offsets[2] - 12)
      default: Issue.record("\(error)")
      }
    }
  }

  @Test func aTruncatedFileOnDiskIsReportedBeforeReadingTheMissingBytes() throws {
    let (bytes, offsets) = threeRecordFile()
    let url = try directory.write(Array(bytes[0..<(bytes.count - 3)]), to: "truncated.tfrecord")
    let reader = try TFRecordReader(contentsOf: url)
    #expect(try reader.next() != nil)
    #expect(try reader.next() != nil)
    do {
      _ = try reader.next()
      Issue.record("read a truncated record")
    } catch {
      #expect(error.file.hasSuffix("truncated.tfrecord"))
      #expect(error.recordIndex == 2 && error.byteOffset == offsets[2])
      #expect(error.problem == .truncatedRecord(declared: 5, available: 6))
    }
  }

  // MARK: Fuzzing

  @Test func randomBytesGiveRecordsOrErrorsNeverACrash() {
    var rng = SplitMix64(seed: 42)
    let (valid, _) = threeRecordFile()
    var errors = 0
    for trial in 0..<3000 {
      var bytes: [UInt8]
      if trial % 2 == 0 {
        bytes = (0..<Int(rng.next() % 200)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      } else {
        // A valid file with a few random bytes changed, cut at a random length.
        bytes = valid
        for _ in 0..<(1 + Int(rng.next() % 3)) {
          bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
        }
        bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count + 1))))
      }
      let reader = TFRecordReader(bytes: bytes)
      do {
        let records = try reader.readAll()
        #expect(records.reduce(0) { $0 + $1.count + 16 } == bytes.count)
      } catch {
        errors += 1
        #expect(error.byteOffset <= bytes.count)
      }
    }
    #expect(errors > 2000)
  }
}
