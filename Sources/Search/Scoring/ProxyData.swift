import Foundation
import Proxies
import SearchSpace

/// The batch scorers see, from the `--data` option or a config's `data` key:
/// `cifar10:PATH`, `cifar100:PATH` or `synthetic` (seeded Gaussian images, so that
/// everything runs without data files) for image spaces; `ptb:PATH`, `wikitext2:PATH`,
/// `text:PATH` (any whitespace-tokenised corpus) or `synthetic` (seeded uniform token
/// ids over a 10,000-word vocabulary, PTB's size) for NB-NLP.
///
/// A text PATH is a file or a corpus directory; ``TextBatchOptions`` say which split,
/// how many steps and where.
public struct ProxyData: Sendable {
  /// The vocabulary of the synthetic token batch (PTB's).
  public static let syntheticVocabulary = 10_000

  /// The batch.
  public var input: ProxyInput
  /// The classifier size of the scored networks.
  public var classes: Int
  /// A short description for score-table metadata (the file's name, not its path, so
  /// that shards scored on different machines compare equal).
  public var label: String

  /// Loads `text` into a batch of `batchSize` drawn with `seed` (a token batch cut as
  /// `textBatch` says); relative paths are resolved like every data path (working
  /// directory, then `$NAS_DATA_DIR`).
  public static func load(
    _ text: String, batchSize: Int, seed: UInt64, key: String = "data",
    kind: ProxyInput.Kind = .images, textBatch: TextBatchOptions = TextBatchOptions()
  ) throws(ConfigError) -> ProxyData {
    if kind == .tokens {
      return try loadTokens(text, batchSize: batchSize, seed: seed, key: key, options: textBatch)
    }
    if text == "synthetic" {
      let batch = SyntheticBatch.images(count: batchSize, seed: seed)
      return ProxyData(input: .images(batch), classes: 10, label: "synthetic")
    }
    let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
    guard parts.count == 2, let variant = CIFARDataset.Variant(rawValue: parts[0]) else {
      let hint = text.hasPrefix("ptb:") || text.hasPrefix("wikitext2:") ? " (text is for nlp)" : ""
      throw ConfigError(
        path: key,
        message: "expected cifar10:PATH, cifar100:PATH or synthetic, got '\(text)'\(hint)")
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

extension ProxyData {
  /// The corpus prefixes a token batch can be read from.
  static let textPrefixes: Set<String> = ["ptb", "wikitext2", "text"]

  /// A token batch of `batchSize` sequences from a corpus (the model's vocabulary is the
  /// corpus file's), or synthetic ids, cut as `options` say.
  static func loadTokens(
    _ text: String, batchSize: Int, seed: UInt64, key: String, options: TextBatchOptions
  ) throws(ConfigError) -> ProxyData {
    let steps = options.layout.sequenceLength
    if text == "synthetic" {
      var rng = SplitMix64(seed: seed)
      let ids = (0..<((steps + 1) * batchSize)).map { _ in
        Int.random(in: 0..<syntheticVocabulary, using: &rng)
      }
      let batch = TokenBatch(
        inputs: Array(ids.prefix(steps * batchSize)), targets: Array(ids.dropFirst(batchSize)),
        sequenceLength: steps, batchSize: batchSize, vocabularySize: syntheticVocabulary)
      return ProxyData(input: .tokens(batch), classes: syntheticVocabulary, label: "synthetic")
    }
    let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
    guard parts.count == 2, textPrefixes.contains(parts[0]) else {
      throw ConfigError(
        path: key,
        message: "expected ptb:PATH, wikitext2:PATH, text:PATH or synthetic (a text corpus "
          + "for NB-NLP), got '\(text)'")
    }
    let url = try DataPath.resolve(parts[1], key: key)
    do {
      let file = try corpusFile(url, split: options.split)
      let corpus = try TextCorpus(contentsOf: file)
      let (inputs, targets) = try corpus.batch(options.layout, batchSize: batchSize, seed: seed)
      let vocabulary = corpus.vocabulary.count
      let batch = TokenBatch(
        inputs: inputs, targets: targets, sequenceLength: steps, batchSize: batchSize,
        vocabularySize: vocabulary)
      return ProxyData(
        input: .tokens(batch), classes: vocabulary,
        label: "\(parts[0]):\(file.lastPathComponent)")
    } catch {
      let message = error.file.isEmpty ? "\(url.path): \(error.message)" : error.description
      throw ConfigError(path: key, message: message)
    }
  }

  /// The file of `split` when `url` is a corpus directory (its training text without a
  /// split); `url` itself when it is a file whose name names no other split.
  static func corpusFile(_ url: URL, split: TextSplit?) throws(DataError) -> URL {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      return try (split ?? .train).file(in: url)
    }
    if let split, let named = TextSplit(fileName: url.lastPathComponent), named != split {
      throw DataError(
        file: url.path,
        message: "the batch is to come from the \(split.rawValue) split (text_split="
          + "\(split.rawValue); a space's default for some proxies), but this is the "
          + "\(named.rawValue) split: give the \(split.rawValue) file or the corpus "
          + "directory, or --option text_split=\(named.rawValue) (in a config: "
          + "proxy.text_split) to read this file")
    }
    return url
  }
}
