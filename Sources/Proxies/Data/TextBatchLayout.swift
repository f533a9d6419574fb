/// How a token batch is cut from a corpus: how many time steps each sequence has and
/// where the sequences start.
///
/// The corpus is laid out as PyTorch's word-language-model `batchify` does: its tokens
/// (the remainder that does not fill a column dropped) are split into `batchSize`
/// contiguous columns of `tokens.count / batchSize` tokens, and sequence `b` of the
/// batch reads column `b` from the start position on. So with start 0 and batch 256,
/// sequence `b` begins at token `b · (tokens.count / 256)` of the text.
public struct TextBatchLayout: Sendable, Hashable {
  /// Where the sequences start, as an offset into every column.
  public enum Start: Sendable, Hashable {
    /// A position drawn from the batch seed (the same draw for every scorer).
    case seeded
    /// This position (the authors' epsilon batch: 0, `get_batch(data, 0)`).
    case position(Int)
  }

  /// Time steps of each sequence.
  public var sequenceLength: Int
  /// Where the sequences start.
  public var start: Start

  /// A layout; `sequenceLength` must be at least 1 and a fixed start at least 0.
  public init(sequenceLength: Int, start: Start) {
    precondition(sequenceLength >= 1, "a token batch needs at least one time step")
    if case .position(let position) = start {
      precondition(position >= 0, "a start position cannot be negative")
    }
    self.sequenceLength = sequenceLength
    self.start = start
  }

  /// 35 steps at a seeded position: what every scorer reads unless told otherwise.
  public static let standard = TextBatchLayout(sequenceLength: 35, start: .seeded)

  /// The authors' epsilon batch on NAS-Bench-NLP (egracheva/epsinas,
  /// `NAS-Bench-NLP/Reproduce.ipynb`): `get_batch(batchify(corpus.train, 256), 0)`, the
  /// first 70 steps (the logs' `bptt`) of every column of the training text.
  public static let epsilonNLP = TextBatchLayout(sequenceLength: 70, start: .position(0))
}
