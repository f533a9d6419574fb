import Foundation

extension NB101Benchmark {
  /// Loads the table from an official NAS-Bench-101 TFRecord file
  /// (`nasbench_only108.tfrecord` or `nasbench_full.tfrecord`), streaming it.
  ///
  /// - Parameters:
  ///   - url: The file.
  ///   - verifyHashes: Recompute the module hash of every stored cell (once per hash
  ///     and cell) and reject the file on a mismatch (slower; the benchmark's API
  ///     trusts the file).
  /// - Throws: ``NB101BenchmarkError`` naming the file, the record index and byte
  ///   offset, and the malformed field.
  public init(contentsOf url: URL, verifyHashes: Bool = false) throws(NB101BenchmarkError) {
    let reader: TFRecordReader
    do {
      reader = try TFRecordReader(contentsOf: url)
    } catch {
      throw .file(error)
    }
    var builder = Builder(name: reader.name, verifyHashes: verifyHashes)
    while true {
      let byteOffset = reader.byteOffset
      let data: [UInt8]
      do {
        guard let next = try reader.next() else { break }
        data = next
      } catch {
        throw .file(error)
      }
      let record: NB101Record
      do {
        record = try NB101Record(json: data)
      } catch {
        throw .record(
          file: reader.name, recordIndex: builder.recordIndex, byteOffset: byteOffset, error)
      }
      try builder.add(record, byteOffset: byteOffset)
    }
    self.init(builder)
  }
}
