import Foundation
import Proxies

/// The batch scorers see, from the `--data` option or a config's `data` key:
/// `cifar10:PATH`, `cifar100:PATH` or `synthetic` (seeded Gaussian images, so that
/// everything runs without data files).
public struct ProxyData: Sendable {
  /// The batch.
  public var input: ProxyInput
  /// The classifier size of the scored networks.
  public var classes: Int
  /// A short description for score-table metadata (the file's name, not its path, so
  /// that shards scored on different machines compare equal).
  public var label: String

  /// Loads `text` into a batch of `batchSize` drawn with `seed`; relative paths are
  /// resolved like every data path (working directory, then `$NAS_DATA_DIR`).
  public static func load(_ text: String, batchSize: Int, seed: UInt64, key: String = "data")
    throws(ConfigError) -> ProxyData
  {
    if text == "synthetic" {
      let batch = SyntheticBatch.images(count: batchSize, seed: seed)
      return ProxyData(input: .images(batch), classes: 10, label: "synthetic")
    }
    let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
    guard parts.count == 2, let variant = CIFARDataset.Variant(rawValue: parts[0]) else {
      throw ConfigError(
        path: key, message: "expected cifar10:PATH, cifar100:PATH or synthetic, got '\(text)'")
    }
    let url = try DataPath.resolve(parts[1], key: key)
    do {
      let dataset = try CIFARDataset(contentsOf: url, variant: variant)
      let batch = try dataset.batch(size: batchSize, seed: seed)
      return ProxyData(
        input: .images(batch), classes: batch.classCount,
        label: "\(variant.rawValue):\(url.lastPathComponent)")
    } catch {
      throw ConfigError(path: key, message: error.description)
    }
  }
}
