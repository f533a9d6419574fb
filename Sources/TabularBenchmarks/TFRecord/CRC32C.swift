/// CRC-32C (Castagnoli polynomial, reflected 0x82F63B78), the checksum of TFRecord
/// framing, with TensorFlow's masking.
///
/// Slice-by-8 over a table computed once, so that verifying a 500 MB file costs well
/// under a second in an optimised build.
enum CRC32C {
  /// The CRC-32C of `bytes` (initial value and final XOR 0xFFFFFFFF).
  static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    let count = bytes.count
    var offset = 0
    table.withUnsafeBufferPointer { table in
      while count - offset >= 8 {
        let word =
          UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
          ^ UInt64(crc)
        @inline(__always) func entry(_ slice: Int, _ shift: UInt64) -> UInt32 {
          table[slice &* 256 &+ Int(truncatingIfNeeded: (word >> shift) & 0xFF)]
        }
        crc =
          entry(7, 0) ^ entry(6, 8) ^ entry(5, 16) ^ entry(4, 24) ^ entry(3, 32) ^ entry(2, 40)
          ^ entry(1, 48) ^ entry(0, 56)
        offset &+= 8
      }
      while offset < count {
        crc = table[Int(truncatingIfNeeded: (crc ^ UInt32(bytes[offset])) & 0xFF)] ^ (crc >> 8)
        offset &+= 1
      }
    }
    return ~crc
  }

  /// The CRC-32C of `bytes`.
  static func checksum(_ bytes: some Collection<UInt8>) -> UInt32 {
    if let result = bytes.withContiguousStorageIfAvailable({ checksum(UnsafeRawBufferPointer($0)) })
    {
      return result
    }
    return Array(bytes).withUnsafeBytes { checksum($0) }
  }

  /// TensorFlow's `crc32c::Mask`: rotate right by 15 bits and add a constant, so that
  /// the CRC of data that itself contains CRCs is not degenerate.
  static func masked(_ crc: UInt32) -> UInt32 {
    ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
  }

  /// Eight 256-entry tables: table k advances the CRC over a byte followed by k zeros.
  private static let table: [UInt32] = {
    var table = [UInt32](repeating: 0, count: 8 * 256)
    for byte in 0..<256 {
      var crc = UInt32(byte)
      for _ in 0..<8 {
        crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1
      }
      table[byte] = crc
    }
    for slice in 1..<8 {
      for byte in 0..<256 {
        let previous = table[(slice - 1) * 256 + byte]
        table[slice * 256 + byte] = (previous >> 8) ^ table[Int(previous & 0xFF)]
      }
    }
    return table
  }()
}
