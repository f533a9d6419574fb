import Foundation
import SearchSpace

/// A word-level language-modelling corpus (PTB, WikiText-2) as the AWD-LSTM code that
/// NAS-Bench-NLP trained with reads it: each line split on whitespace, `<eos>` appended
/// per line, words numbered in order of first appearance.
public struct TextCorpus: Sendable {
  /// Word of each token id.
  public private(set) var vocabulary: [String] = []
  /// Token ids of the whole text.
  public private(set) var tokens: [Int] = []
  private var ids: [String: Int] = [:]

  /// Reads and tokenises `url`.
  public init(contentsOf url: URL) throws(DataError) {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw DataError(
        file: url.path, message: "cannot read (\(plainReason(of: error)))")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw DataError(file: url.path, message: "not UTF-8 text: expected a tokenised corpus")
    }
    self.init(text: text)
    guard !tokens.isEmpty else {
      throw DataError(file: url.path, message: "no words: expected a tokenised text corpus")
    }
  }

  /// Tokenises `text`.
  public init(text: String) {
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
      // The AWD-LSTM reader appends <eos> to every line, and a file's final newline does
      // not start another line.
      if words.isEmpty && line.endIndex == text.endIndex { continue }
      for word in words { append(String(word)) }
      append("<eos>")
    }
  }

  private mutating func append(_ word: String) {
    if let id = ids[word] {
      tokens.append(id)
    } else {
      ids[word] = vocabulary.count
      tokens.append(vocabulary.count)
      vocabulary.append(word)
    }
  }

  /// The id of `word`, if in the vocabulary.
  public func id(of word: String) -> Int? { ids[word] }

  /// A `[sequenceLength, batchSize]` block of token ids (time-major, like the AWD-LSTM
  /// `batchify` + `get_batch`), starting at a position chosen by `seed`, with the targets
  /// (the next token of each).
  public func batch(sequenceLength: Int, batchSize: Int, seed: UInt64) throws(DataError)
    -> (inputs: [Int], targets: [Int])
  {
    try batch(
      TextBatchLayout(sequenceLength: sequenceLength, start: .seeded), batchSize: batchSize,
      seed: seed)
  }

  /// A `[layout.sequenceLength, batchSize]` block of token ids cut as `layout` says
  /// (time-major: entry `t · batchSize + b` is step `t` of sequence `b`), with the
  /// targets (the next token of each); `seed` draws a ``TextBatchLayout/Start/seeded``
  /// start.
  public func batch(_ layout: TextBatchLayout, batchSize: Int, seed: UInt64) throws(DataError)
    -> (inputs: [Int], targets: [Int])
  {
    precondition(batchSize >= 1, "a token batch needs at least one sequence")
    let sequenceLength = layout.sequenceLength
    let columnLength = tokens.count / batchSize
    let start: Int
    switch layout.start {
    case .seeded:
      guard columnLength > sequenceLength + 1 else {
        throw DataError(
          file: "",
          message: "corpus of \(tokens.count) tokens too short for \(batchSize)×\(sequenceLength)")
      }
      var rng = SplitMix64(seed: seed)
      start = Int.random(in: 0..<(columnLength - sequenceLength - 1), using: &rng)
    case .position(let position):
      // The targets read one step further than the inputs.
      guard position + sequenceLength < columnLength else {
        throw DataError(
          file: "",
          message: "corpus of \(tokens.count) tokens has \(columnLength) per sequence at batch "
            + "\(batchSize): too few for \(sequenceLength) steps from position \(position)")
      }
      start = position
    }
    var inputs = [Int](repeating: 0, count: sequenceLength * batchSize)
    var targets = inputs
    for t in 0..<sequenceLength {
      for b in 0..<batchSize {
        inputs[t * batchSize + b] = tokens[b * columnLength + start + t]
        targets[t * batchSize + b] = tokens[b * columnLength + start + t + 1]
      }
    }
    return (inputs, targets)
  }
}
