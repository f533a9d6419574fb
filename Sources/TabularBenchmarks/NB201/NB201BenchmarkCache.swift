import Foundation

/// A binary copy of a parsed ``NB201Benchmark``, kept in a cache directory so that
/// later loads of the same tables skip reading and parsing the CSV files.
///
/// The file is named after the tables' resolved paths (one file per pair of tables)
/// and holds, besides the benchmark, the ``SourceFileIdentity`` of each table and
/// whether partial tables were allowed: a load whose tables differ in any of these
/// is a miss, parses the CSV files as usual and replaces the file. A file that is
/// truncated, corrupted or not a cache of this format is also a miss. Failing to
/// write the cache (a read-only or full disk) is silent: the cache is only a speed-up.
struct NB201BenchmarkCache {
  /// The cache file.
  let url: URL
  /// What the cache must have been written for: the encoded identities and options.
  let key: [UInt8]
  /// The tables, as given.
  let sources: [URL]
  /// The tables' identities when the load started.
  let identities: [SourceFileIdentity]

  /// The format version; a change to what the file holds or how must bump it.
  static let formatVersion: UInt64 = 1

  /// The cache of `sources` (the 200-epoch table, then possibly the 12-epoch one) in
  /// `directory`, or nil when a table's identity cannot be read (it is missing, for
  /// instance: the load then fails as without a cache).
  init?(directory: URL, sources: [URL], allowsPartialTable: Bool) {
    var identities: [SourceFileIdentity] = []
    for source in sources {
      guard let identity = SourceFileIdentity(of: source) else { return nil }
      identities.append(identity)
    }
    var key: [UInt8] = []
    SourceFileIdentity.append(allowsPartialTable ? 1 : 0, to: &key)
    SourceFileIdentity.append(UInt64(identities.count), to: &key)
    var name: [UInt8] = Array(key)
    for identity in identities {
      key += identity.encoded
      name += identity.path.utf8
      name.append(0)
    }
    self.url = directory.appendingPathComponent(
      "nb201-v\(Self.formatVersion)-\(Self.hexDigest(name)).cache")
    self.key = key
    self.sources = sources
    self.identities = identities
  }

  /// Reads the benchmark stored in the cache file.
  ///
  /// - Parameter file: The 200-epoch table's name for messages, as ``NB201Benchmark/file``.
  /// - Returns: The benchmark, or nil when there is no valid file for these tables.
  func load(file: String) -> NB201Benchmark? {
    guard
      let reader = CacheFileReader(url: url, magic: Self.magic, version: Self.formatVersion)
    else { return nil }
    return NB201Benchmark(reading: reader, key: key, file: file)
  }

  /// Writes `benchmark`, just parsed from the tables, to the cache file.
  ///
  /// Nothing is written when a table changed while it was read or was modified too
  /// recently to tell a further change (see ``SourceFileIdentity/isSettled(now:)``).
  /// Failures are ignored.
  func store(_ benchmark: NB201Benchmark) {
    for (source, identity) in zip(sources, identities) {
      guard SourceFileIdentity(of: source) == identity, identity.isSettled() else { return }
    }
    do throws(CacheFileError) {
      let writer = try CacheFileWriter(
        destination: url, magic: Self.magic, version: Self.formatVersion)
      try benchmark.write(to: writer, key: key)
      try writer.commit()
    } catch {
      // The cache is only a speed-up: the benchmark was loaded all the same.
    }
  }

  /// The first word of every NB201 cache file: the bytes `NB201BIN`.
  static let magic = "NB201BIN".utf8.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }

  /// Sixteen hexadecimal digits of the checksum of `bytes`.
  private static func hexDigest(_ bytes: [UInt8]) -> String {
    var checksum = CacheChecksum()
    let padded = bytes + [UInt8](repeating: 0, count: CacheFile.padding(after: bytes.count))
    padded.withUnsafeBytes { checksum.add($0) }
    let digits = String(checksum.value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
