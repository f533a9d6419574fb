import Foundation
import Proxies
import SearchSpace

/// A scorer made for one space, with the batch it scores on: what a config's `proxy`
/// section and `nas-search score`'s options both turn into, by this one path.
///
/// The scorer's options are the space's defaults for it (``SpaceDefinition/proxyDefaults(for:)``)
/// overridden by the user's; `batch_size` and `seed` are not scorer options but choose
/// the batch and the initialisation for every scorer alike, and neither are the token
/// batch's `text_steps`, `text_start` and `text_split` (``TextBatchOptions``), which a
/// space may set per scorer (NB-NLP's epsilon: the authors' batch). Every check happens here,
/// before any network is built: an unknown or malformed option, a scorer that does
/// not support the space, a batch size beyond what fits in memory, unreadable data.
public struct ProxySetup: Sendable {
  /// The scorer.
  public let proxy: any Proxy
  /// The space as the scorer sees it.
  public let space: ProxySpace
  /// The options the scorer and its batch were made with, the space's defaults included.
  public let options: ProxyOptions
  /// The batch size.
  public let batchSize: Int
  /// The seed of the batch and of every network's initialisation.
  public let seed: UInt64
  /// The batch.
  public let data: ProxyData

  /// Batch sizes accepted: the scorers' papers use 64 to 256; a batch beyond 4,096
  /// images takes more memory than a NB201 network's activations leave on a 24 GB
  /// machine (NASWOT's kernel alone grows as its square).
  public static let batchSizes = 1...4_096

  /// Why `size` is not accepted.
  public static func batchSizeMessage(_ size: Int) -> String {
    "expected an integer in 1...\(batchSizes.upperBound), got \(size) (a NB201 network at "
      + "batch \(size) would need about \(max(1, size / 1_000 * 2)) GB of activations; "
      + "the scorers' papers use 64 to 256)"
  }

  /// A mistake in the proxy's settings: which one (`name`, `batch_size`, `data`, or a
  /// scorer option) and what was expected.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    /// The setting.
    public var setting: String
    /// What was wrong.
    public var message: String
    /// `setting: message`.
    public var description: String { "\(setting): \(message)" }
  }

  /// Makes the scorer `name` for `space` and loads its batch from `data` (`cifar10:PATH`,
  /// `ptb:PATH`, `synthetic`, ...).
  public init(
    name: String, options: ProxyOptions, batchSize: Int?, seed: UInt64, data: String,
    space: RegisteredSpace
  ) throws(Failure) {
    guard let proxySpace = space.proxySpace else {
      throw Failure(
        setting: "name",
        message: "space '\(space.name)' has no networks for a proxy to score (give a score "
          + "table instead)")
    }
    let merged = space.proxyDefaults(for: name).overridden(by: options)
    let (textOptions, scorerOptions) = merged.partitioned(by: TextBatchOptions.keys)
    if proxySpace.input != .tokens, let key = textOptions.values.keys.sorted().first {
      throw Failure(
        setting: key, message: "a token-batch option: only for spaces of language models (nlp)")
    }
    let textBatch: TextBatchOptions
    do {
      textBatch = try TextBatchOptions(textOptions)
      proxy = try ProxyRegistry.make(name, options: scorerOptions, for: proxySpace)
    } catch {
      throw Failure(setting: error.option, message: error.message)
    }
    let size = batchSize ?? proxy.defaultBatchSize
    guard Self.batchSizes.contains(size) else {
      throw Failure(setting: "batch_size", message: Self.batchSizeMessage(size))
    }
    do {
      self.data = try ProxyData.load(
        data, batchSize: size, seed: seed, kind: proxySpace.input, textBatch: textBatch)
    } catch {
      throw Failure(setting: "data", message: error.message)
    }
    self.space = proxySpace
    self.options = merged
    self.batchSize = size
    self.seed = seed
  }
}
