import Foundation
import Proxies

/// A split of a language-modelling corpus, and the names its file goes by: AWD-LSTM's
/// `train.txt` (what NAS-Bench-NLP's `data.Corpus` reads from the corpus directory),
/// Mikolov's `ptb.train.txt`, WikiText's `wiki.train.tokens`.
public enum TextSplit: String, Sendable, Hashable, CaseIterable {
  /// The training text.
  case train
  /// The validation text.
  case valid
  /// The test text.
  case test

  /// The file names this split has in a corpus directory, in the order looked for.
  public var fileNames: [String] {
    ["\(rawValue).txt", "ptb.\(rawValue).txt", "wiki.\(rawValue).tokens"]
  }

  /// The split a file's name says it holds (`ptb.valid.txt` is `valid`), or nil when the
  /// name does not say.
  public init?(fileName: String) {
    let parts = fileName.split(separator: ".").map(String.init)
    guard let split = parts.compactMap(TextSplit.init(rawValue:)).first else { return nil }
    self = split
  }

  /// The file of this split in `directory`, or an error naming the names looked for.
  func file(in directory: URL) throws(DataError) -> URL {
    for name in fileNames {
      let candidate = directory.appendingPathComponent(name)
      if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
    }
    throw DataError(
      file: directory.path,
      message: "no \(rawValue) split in this directory (looked for "
        + fileNames.joined(separator: ", ") + ")")
  }
}
