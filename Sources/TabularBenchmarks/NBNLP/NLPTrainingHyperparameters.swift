/// The training settings logged with a NAS-Bench-NLP run (AWD-LSTM style training).
///
/// Every run of the released WikiText-2 logs uses the same values: `emsize` 400,
/// `nhid` 600, `nlayers` 3, dropouts 0.1 / 0.25 / 0.4 / 0.0 and weight drop 0.1, batch
/// 20, BPTT 70, 50 epochs. The first group is required in the logs; the rest is kept
/// when present.
public struct NLPTrainingHyperparameters: Hashable, Codable, Sendable {
  /// Word-embedding size, also the last layer's hidden size (weights are tied).
  public var embeddingSize: Int
  /// Hidden size of the recurrent layers other than the last.
  public var hiddenSize: Int
  /// Number of recurrent layers.
  public var layerCount: Int
  /// Dropout on the last layer's output (`dropout`).
  public var outputDropout: Double
  /// Dropout between recurrent layers (`dropouth`).
  public var hiddenDropout: Double
  /// Dropout on the embedding output (`dropouti`).
  public var inputDropout: Double
  /// Dropout of whole words in the embedding (`dropoute`).
  public var embeddingDropout: Double
  /// DropConnect on the recurrent weights (`wdrop`).
  public var weightDropout: Double
  /// Training batch size (`batch_size`).
  public var batchSize: Int
  /// Truncated back-propagation length (`bptt`).
  public var bptt: Int

  /// Learning rate (`lr`).
  public var learningRate: Double?
  /// Weight decay (`wdecay`).
  public var weightDecay: Double?
  /// Number of training epochs planned (`epochs`).
  public var epochs: Int?
  /// Whether the decoder shares the embedding's weights (`tied`).
  public var tiedWeights: Bool?
  /// Gradient-norm clipping (`clip`).
  public var gradientClip: Double?
  /// Activation regularisation coefficient (`alpha`).
  public var activationRegularization: Double?
  /// Temporal activation regularisation coefficient (`beta`).
  public var temporalActivationRegularization: Double?
  /// Evaluation batch size (`eval_batch_size`).
  public var evaluationBatchSize: Int?
  /// Dataset path (`data`), such as `data/wikitext-2`.
  public var dataset: String?
  /// Model class name (`model`), `CustomRNN`.
  public var model: String?

  /// Creates settings; the optional ones default to absent.
  public init(
    embeddingSize: Int, hiddenSize: Int, layerCount: Int, outputDropout: Double,
    hiddenDropout: Double, inputDropout: Double, embeddingDropout: Double,
    weightDropout: Double, batchSize: Int, bptt: Int, learningRate: Double? = nil,
    weightDecay: Double? = nil, epochs: Int? = nil, tiedWeights: Bool? = nil,
    gradientClip: Double? = nil, activationRegularization: Double? = nil,
    temporalActivationRegularization: Double? = nil, evaluationBatchSize: Int? = nil,
    dataset: String? = nil, model: String? = nil
  ) {
    self.embeddingSize = embeddingSize
    self.hiddenSize = hiddenSize
    self.layerCount = layerCount
    self.outputDropout = outputDropout
    self.hiddenDropout = hiddenDropout
    self.inputDropout = inputDropout
    self.embeddingDropout = embeddingDropout
    self.weightDropout = weightDropout
    self.batchSize = batchSize
    self.bptt = bptt
    self.learningRate = learningRate
    self.weightDecay = weightDecay
    self.epochs = epochs
    self.tiedWeights = tiedWeights
    self.gradientClip = gradientClip
    self.activationRegularization = activationRegularization
    self.temporalActivationRegularization = temporalActivationRegularization
    self.evaluationBatchSize = evaluationBatchSize
    self.dataset = dataset
    self.model = model
  }
}
