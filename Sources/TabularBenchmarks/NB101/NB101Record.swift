import Foundation
import SearchSpace

/// One record of the benchmark's official TFRecord files (`nasbench_only108.tfrecord`,
/// `nasbench_full.tfrecord`): one training run of one cell for one epoch budget.
///
/// As `nasbench/api.py` reads it, each record's data is the UTF-8 JSON array
/// `[module_hash, epochs, raw_adjacency, raw_operations, raw_metrics]`: the cell's
/// hash as 32 hex digits, the epoch budget, the pruned matrix as row-major `0`/`1`
/// digits, the operations joined by `,`, and the base64 of the serialised
/// `ModelMetrics` protobuf. (Not a `tf.train.Example`.)
public struct NB101Record: Hashable, Sendable {
  /// The cell's key, `ModelSpec.hash_spec` of the pruned cell.
  public var moduleHash: MD5Digest
  /// The epoch budget of this run: 4, 12, 36 or 108.
  public var epochs: Int
  /// The pruned cell as stored (`module_adjacency`, `module_operations`).
  public var cell: NB101Cell
  /// The run's metrics.
  public var metrics: NB101ModelMetrics

  /// Creates a record.
  public init(moduleHash: MD5Digest, epochs: Int, cell: NB101Cell, metrics: NB101ModelMetrics) {
    self.moduleHash = moduleHash
    self.epochs = epochs
    self.cell = cell
    self.metrics = metrics
  }

  /// Decodes a record's data.
  ///
  /// - Throws: ``NB101DataError`` naming the JSON field that is malformed and what
  ///   was expected.
  public init(json bytes: [UInt8]) throws(NB101DataError) {
    var scanner = JSONArrayScanner(bytes: bytes)
    let hashText = try scanner.string(field: "field 1 (module_hash)", first: true)
    guard let hash = MD5Digest(hex: String(decoding: hashText, as: UTF8.self)) else {
      throw NB101DataError(
        field: "field 1 (module_hash)",
        reason: "'\(String(decoding: hashText, as: UTF8.self))' is not 32 hexadecimal digits")
    }
    let epochs = try scanner.integer(field: "field 2 (epochs)")
    let adjacency = try scanner.string(field: "field 3 (raw_adjacency)")
    let operations = try scanner.string(field: "field 4 (raw_operations)")
    let cell: NB101Cell
    do {
      cell = try NB101Cell(
        adjacencyRowMajor: String(decoding: adjacency, as: UTF8.self),
        operations: String(decoding: operations, as: UTF8.self), separator: ",")
    } catch {
      throw NB101DataError(
        field: "fields 3-4 (raw_adjacency, raw_operations)", reason: error.reason)
    }
    let encodedMetrics = try scanner.string(field: "field 5 (raw_metrics)")
    try scanner.end(field: "after field 5")
    guard let metricBytes = Base64.decode(encodedMetrics) else {
      throw NB101DataError(
        field: "field 5 (raw_metrics)", reason: "not valid base64 (standard alphabet, '=' padding)")
    }
    let metrics: NB101ModelMetrics
    do {
      metrics = try NB101ModelMetrics(protobuf: metricBytes[...])
    } catch {
      throw NB101DataError(field: "field 5 (raw_metrics) " + error.field, reason: error.reason)
    }
    self.init(moduleHash: hash, epochs: epochs, cell: cell, metrics: metrics)
  }

  /// The record's data as the official files hold it (Python's `json.dumps` layout).
  public func jsonEncoded() -> [UInt8] {
    let base64 = Data(metrics.protobufEncoded()).base64EncodedString()
    let text =
      "[\"\(moduleHash.hexString)\", \(epochs), \"\(cell.adjacencyRowMajor)\", "
      + "\"\(cell.operationNames(separator: ","))\", \"\(base64)\"]"
    return Array(text.utf8)
  }
}

/// Reads a flat JSON array of strings and integers, element by element.
private struct JSONArrayScanner {
  let bytes: [UInt8]
  var offset = 0

  init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// The next string's UTF-8 bytes: a slice of the record when it has no escapes.
  mutating func string(
    field: String, first: Bool = false
  ) throws(NB101DataError) -> ArraySlice<UInt8> {
    try separator(field: field, first: first)
    guard peek == UInt8(ascii: "\"") else { throw expected("a JSON string", field: field) }
    offset += 1
    let begin = offset
    while offset < bytes.count {
      switch bytes[offset] {
      case UInt8(ascii: "\""):
        offset += 1
        return bytes[begin..<(offset - 1)]
      case UInt8(ascii: "\\"):
        offset = begin
        return try escapedString(field: field)[...]
      default:
        offset += 1
      }
    }
    throw expected("the closing quote of a string before the end of the record", field: field)
  }

  /// Decodes a string with escapes, starting after its opening quote.
  private mutating func escapedString(field: String) throws(NB101DataError) -> [UInt8] {
    var result: [UInt8] = []
    while offset < bytes.count {
      let byte = bytes[offset]
      offset += 1
      switch byte {
      case UInt8(ascii: "\""):
        return result
      case UInt8(ascii: "\\"):
        guard offset < bytes.count else { break }
        let escaped = bytes[offset]
        offset += 1
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): result.append(escaped)
        case UInt8(ascii: "b"): result.append(0x08)
        case UInt8(ascii: "f"): result.append(0x0C)
        case UInt8(ascii: "n"): result.append(0x0A)
        case UInt8(ascii: "r"): result.append(0x0D)
        case UInt8(ascii: "t"): result.append(0x09)
        case UInt8(ascii: "u"):
          guard offset + 4 <= bytes.count,
            let code = UInt32(
              String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16)
          else { throw expected("four hex digits after \\u", field: field) }
          offset += 4
          let scalar = UnicodeScalar(code) ?? "\u{FFFD}"
          result.append(contentsOf: String(Character(scalar)).utf8)
        default:
          offset -= 1
          throw expected("a JSON escape character after '\\'", field: field)
        }
      default:
        result.append(byte)
      }
    }
    throw expected("the closing quote of a string before the end of the record", field: field)
  }

  /// The next number, which must be integral (`108`, also written `108.0`).
  mutating func integer(field: String) throws(NB101DataError) -> Int {
    try separator(field: field, first: false)
    let begin = offset
    while let byte = peek, Self.numberBytes.contains(byte) { offset += 1 }
    let text = String(decoding: bytes[begin..<offset], as: UTF8.self)
    if let value = Int(text) { return value }
    guard let value = Double(text), value.rounded() == value, abs(value) < 1e15 else {
      offset = begin
      throw expected("an integer", field: field)
    }
    return Int(value)
  }

  /// The bytes a JSON number can contain.
  private static let numberBytes = Set("+-.0123456789eE".utf8)

  mutating func end(field: String) throws(NB101DataError) {
    skipWhitespace()
    guard peek == UInt8(ascii: "]") else {
      throw expected("']' closing the 5 fields", field: field)
    }
    offset += 1
    skipWhitespace()
    guard offset == bytes.count else { throw expected("nothing after ']'", field: field) }
  }

  private mutating func separator(field: String, first: Bool) throws(NB101DataError) {
    skipWhitespace()
    let wanted = first ? UInt8(ascii: "[") : UInt8(ascii: ",")
    guard peek == wanted else {
      throw expected(
        first ? "a JSON array '[' of 5 fields" : "',' before the next field", field: field)
    }
    offset += 1
    skipWhitespace()
  }

  private var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

  private mutating func skipWhitespace() {
    while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
      offset += 1
    }
  }

  private func expected(_ what: String, field: String) -> NB101DataError {
    let found: String
    if let byte = peek {
      found = (0x20..<0x7F).contains(byte) ? "'\(Character(UnicodeScalar(byte)))'" : "byte \(byte)"
    } else {
      found = "the end of the record"
    }
    return NB101DataError(
      field: field, reason: "expected \(what) at JSON byte \(offset), found \(found)")
  }
}

/// Standard base64 (RFC 4648 §4, `+` `/`, `=` padding), as Python's `b64encode` writes.
private enum Base64 {
  static func decode(_ text: ArraySlice<UInt8>) -> [UInt8]? {
    guard text.count % 4 == 0 else { return nil }
    let padding =
      text.last == UInt8(ascii: "=") ? (text.dropLast().last == UInt8(ascii: "=") ? 2 : 1) : 0
    let outputCount = text.count / 4 * 3 - padding
    return text.withUnsafeBufferPointer { input -> [UInt8]? in
      sextets.withUnsafeBufferPointer { table -> [UInt8]? in
        var valid = true
        let output = [UInt8](unsafeUninitializedCapacity: outputCount) { buffer, count in
          var written = 0
          var index = 0
          while index < input.count {
            var quantum: UInt32 = 0
            for offset in 0..<4 {
              let byte = input[index &+ offset]
              let isPadding =
                byte == UInt8(ascii: "=") && index &+ 4 == input.count
                && offset >= 4 - padding
              let value = isPadding ? 0 : table[Int(byte)]
              if value > 63 { valid = false }
              quantum = quantum << 6 | UInt32(value & 63)
            }
            for shift in [16, 8, 0] where written < outputCount {
              buffer[written] = UInt8(truncatingIfNeeded: quantum >> UInt32(shift))
              written &+= 1
            }
            index &+= 4
          }
          count = written
        }
        return valid ? output : nil
      }
    }
  }

  /// The value of each base64 character; 255 for bytes outside the alphabet.
  private static let sextets: [UInt8] = {
    var table = [UInt8](repeating: 255, count: 256)
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    for (value, character) in alphabet.enumerated() {
      table[Int(character)] = UInt8(value)
    }
    return table
  }()
}
