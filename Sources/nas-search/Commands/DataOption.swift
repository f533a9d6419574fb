import Foundation
import Proxies
import Search

/// The `--data` option: which batch scorers see.
struct DataOption {
  /// The batch.
  var input: ProxyInput
  /// The classifier size of the scored networks.
  var classes: Int
  /// A short description for score-table metadata (the file's name, not its path, so
  /// shards scored on different machines compare equal).
  var label: String

  /// Loads `cifar10:PATH`, `cifar100:PATH` or `synthetic` into a batch of `batchSize`.
  static func load(_ text: String, batchSize: Int, seed: UInt64) throws(CLIError) -> DataOption {
    if text == "synthetic" {
      let batch = SyntheticBatch.images(count: batchSize, seed: seed)
      return DataOption(input: .images(batch), classes: 10, label: "synthetic")
    }
    let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
    guard parts.count == 2, let variant = CIFARDataset.Variant(rawValue: parts[0]) else {
      throw .usage(
        "'--data' expects cifar10:PATH, cifar100:PATH or synthetic, got '\(text)'",
        command: "score")
    }
    let url: URL
    do {
      url = try DataPath.resolve(parts[1], key: "--data")
    } catch {
      throw .badInput(error.description)
    }
    do {
      let dataset = try CIFARDataset(contentsOf: url, variant: variant)
      let batch = try dataset.batch(size: batchSize, seed: seed)
      return DataOption(
        input: .images(batch), classes: batch.classCount,
        label: "\(variant.rawValue):\(url.lastPathComponent)")
    } catch {
      throw .badInput(error.description)
    }
  }
}
