/// The language model around NAS-Bench-NLP cells (the benchmark's `AWDRNNModel` with
/// `CustomRNN` layers and tied weights): an embedding of ``embeddingSize``, ``layerCount``
/// recurrent layers of the cell with ``hiddenSize`` units (the last with
/// ``embeddingSize``, so that the decoder can reuse the embedding matrix), and a decoder
/// over the ``vocabulary`` with its own bias.
///
/// The benchmark trained `emsize 400, nhid 600, nlayers 3, tied` on PTB (10,000 words)
/// and WikiText-2 (33,278 words). Dropouts only act in training mode and are not part of
/// the configuration: the network computes the evaluation-mode model.
public struct NLPNetworkConfiguration: Hashable, Sendable, Codable {
  /// Words of the vocabulary: rows of the embedding and outputs of the decoder.
  public var vocabulary: Int
  /// Width of the word vectors (`emsize`), also the last layer's hidden size.
  public var embeddingSize: Int
  /// Hidden units of every layer but the last (`nhid`).
  public var hiddenSize: Int
  /// Recurrent layers (`nlayers`).
  public var layerCount: Int

  /// Creates a configuration; call ``validate()`` before building from user input.
  public init(vocabulary: Int, embeddingSize: Int = 400, hiddenSize: Int = 600, layerCount: Int = 3)
  {
    self.vocabulary = vocabulary
    self.embeddingSize = embeddingSize
    self.hiddenSize = hiddenSize
    self.layerCount = layerCount
  }

  /// The benchmark's model for WikiText-2 (33,278 words).
  public static let wikiText2 = NLPNetworkConfiguration(vocabulary: 33_278)
  /// The benchmark's model for Penn Treebank (10,000 words).
  public static let pennTreebank = NLPNetworkConfiguration(vocabulary: 10_000)

  /// Throws when a field cannot describe a network.
  ///
  /// - Throws: ``NetworkConfigurationError`` naming the field and the expected range.
  public func validate() throws(NetworkConfigurationError) {
    for (field, value) in [
      ("vocabulary", vocabulary), ("embeddingSize", embeddingSize), ("hiddenSize", hiddenSize),
      ("layerCount", layerCount),
    ] where value < 1 {
      throw NetworkConfigurationError(field: field, value: value, expected: "≥ 1")
    }
  }

  /// The input and hidden size of every layer: the first reads the embedding, the last
  /// has the embedding's width (tied decoder).
  public var layerSizes: [(input: Int, hidden: Int)] {
    (0..<layerCount).map { layer in
      (
        input: layer == 0 ? embeddingSize : hiddenSize,
        hidden: layer == layerCount - 1 ? embeddingSize : hiddenSize
      )
    }
  }
}
