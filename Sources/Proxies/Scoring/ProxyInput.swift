/// The data a scorer sees: a labelled image batch (NB201, NB101) or a token batch
/// (NB-NLP).
public enum ProxyInput: Sendable, Equatable {
  /// Images `[N, C, H, W]` with labels.
  case images(ImageBatch)
  /// Token ids, time-major `[sequenceLength, batchSize]`, with next-token targets.
  case tokens(TokenBatch)

  /// The number of samples (images, or sequences).
  public var batchSize: Int {
    switch self {
    case .images(let batch): batch.count
    case .tokens(let batch): batch.batchSize
    }
  }
}

/// A time-major block of token ids and their targets, for language-model scorers.
public struct TokenBatch: Sendable, Equatable {
  /// Token ids, `sequenceLength × batchSize`, time-major.
  public var inputs: [Int]
  /// The next token of each input.
  public var targets: [Int]
  /// Time steps.
  public var sequenceLength: Int
  /// Sequences.
  public var batchSize: Int
  /// The vocabulary size.
  public var vocabularySize: Int

  /// Creates a batch.
  public init(
    inputs: [Int], targets: [Int], sequenceLength: Int, batchSize: Int, vocabularySize: Int
  ) {
    precondition(inputs.count == sequenceLength * batchSize, "token count mismatch")
    precondition(targets.count == inputs.count, "target count mismatch")
    self.inputs = inputs
    self.targets = targets
    self.sequenceLength = sequenceLength
    self.batchSize = batchSize
    self.vocabularySize = vocabularySize
  }
}

extension ProxyInput {
  /// What a network takes: images or token ids.
  public enum Kind: String, Sendable, Hashable {
    /// Image batches (NB201, NB101).
    case images
    /// Token batches (NB-NLP).
    case tokens
  }

  /// The kind of this batch.
  public var kind: Kind {
    switch self {
    case .images: .images
    case .tokens: .tokens
    }
  }
}
