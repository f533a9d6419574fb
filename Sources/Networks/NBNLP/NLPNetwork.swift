import SearchSpace

/// The NAS-Bench-NLP language model for one recurrent cell (the benchmark's
/// `AWDRNNModel` with `CustomRNN` layers, `tie_weights=True`), in evaluation mode.
///
/// Token ids `[T, B]` (time-major) are embedded (``NLPNetworkConfiguration/embeddingSize``
/// wide), run through ``NLPNetworkConfiguration/layerCount`` ``NLPRecurrentLayer``s from
/// zero hidden states, and decoded with the embedding matrix and a bias:
/// `logits = h · Eᵀ + b`, `[T·B, vocabulary]` (row `t·B + b` is step `t` of sequence `b`).
/// Initialisation follows the benchmark: embedding U(−0.1, 0.1), cell parameters
/// U(−1/√H, 1/√H), decoder bias 0. Parameters are named and ordered as PyTorch lists
/// them (`encoder.weight`, `rnns.<l>.cell.components.<node>.weights.<i>` / `.bias` with
/// nodes in evaluation order, `decoder.bias`; the tied decoder weight is the encoder's),
/// so ``Layer/parameterCount`` is the logs' `num_params`.
///
/// The training-time dropouts (embedding, locked and weight dropout) are not applied:
/// this is the network the benchmark evaluates, and what a deterministic scorer needs.
///
/// ```swift
/// var rng = SplitMix64(seed: 1)
/// let net = try NLPNetwork<Float>(cell: cell, configuration: .pennTreebank, using: &rng)
/// let logits = net.forward(tokens: ids, sequenceLength: 35, batchSize: 20, in: ForwardPass())
/// ```
public final class NLPNetwork<Scalar: TensorScalar>: Layer {
  /// The recurrent cell of every layer.
  public let cell: NLPCell
  /// The model's sizes.
  public let configuration: NLPNetworkConfiguration
  /// The word vectors `[vocabulary, embeddingSize]` (`encoder.weight`, of kind
  /// ``ParameterKind/embedding``), also the decoder's weight.
  public let embedding: Parameter<Scalar>
  /// The recurrent layers, first to last.
  public let recurrentLayers: [NLPRecurrentLayer<Scalar>]
  /// The tied decoder, which owns the decoder bias.
  let decoder: TiedDecoder<Scalar>

  /// The decoder's bias `[vocabulary]` (the decoder's weight is the embedding matrix).
  public var decoderBias: Parameter<Scalar> { decoder.bias }

  /// Builds the model for `cell`, drawing its parameters from `rng`.
  ///
  /// - Throws: ``NLPNetworkError`` when the cell is not well formed (see
  ///   ``NLPCell/program()``) or the configuration is invalid.
  public init(
    cell: NLPCell, configuration: NLPNetworkConfiguration,
    using rng: inout some RandomNumberGenerator
  ) throws(NLPNetworkError) {
    do {
      try configuration.validate()
    } catch {
      throw .configuration(error)
    }
    let program: NLPCellProgram
    do {
      program = try cell.program()
    } catch {
      throw .cell(error)
    }
    self.cell = cell
    self.configuration = configuration
    embedding = Parameter(
      name: "encoder.weight", kind: .embedding,
      value: Tensor(zeros: [configuration.vocabulary, configuration.embeddingSize]))
    embedding.initialize(.uniform(lowerBound: -0.1, upperBound: 0.1), using: &rng)
    var layers: [NLPRecurrentLayer<Scalar>] = []
    for (index, size) in configuration.layerSizes.enumerated() {
      layers.append(
        try NLPRecurrentLayer(
          name: "rnns.\(index)", program: program, inputSize: size.input, hiddenSize: size.hidden,
          using: &rng))
    }
    recurrentLayers = layers
    decoder = TiedDecoder(name: "decoder", embedding: embedding)
  }

  /// The logits `[T·B, vocabulary]` for token ids given as scalars, `[T, B]`.
  ///
  /// - Precondition: every id is a whole number in `0..<vocabulary`. Use
  ///   ``forward(tokens:sequenceLength:batchSize:in:)`` to pass integers directly.
  public func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar> {
    precondition(input.rank == 2, "token ids must be [T, B], got \(input.shape)")
    let ids = input.scalars.map { value -> Int in
      precondition(
        value.rounded() == value && value >= 0 && value < Scalar(configuration.vocabulary),
        "token id \(value) is not a word of the \(configuration.vocabulary)-word vocabulary")
      return Int(value)
    }
    return forward(tokens: ids, sequenceLength: input.shape[0], batchSize: input.shape[1], in: pass)
  }

  /// The logits `[T·B, vocabulary]` for time-major token ids (`tokens[t·B + b]` is step `t`
  /// of sequence `b`).
  ///
  /// - Precondition: `tokens.count == sequenceLength · batchSize`, every id in
  ///   `0..<vocabulary`.
  public func forward(
    tokens: [Int], sequenceLength: Int, batchSize: Int, in pass: ForwardPass<Scalar>
  ) -> Tensor<Scalar> {
    let output = recurrentOutput(
      tokens: tokens, sequenceLength: sequenceLength, batchSize: batchSize, in: pass)
    let rows = pass.reshape(output, to: [sequenceLength * batchSize, configuration.embeddingSize])
    return decoder.forward(rows, in: pass)
  }

  /// The last recurrent layer's outputs `[T, B, embeddingSize]`, without the decoder
  /// (what scorers of the recurrent cell need), from zero hidden states.
  public func recurrentOutput(
    tokens: [Int], sequenceLength: Int, batchSize: Int, in pass: ForwardPass<Scalar>
  ) -> Tensor<Scalar> {
    recurrentOutput(
      tokens: tokens, sequenceLength: sequenceLength, batchSize: batchSize, initialState: 0,
      in: pass)
  }

  /// The embedding matrix (also the decoder's weight).
  public var ownParameters: [Parameter<Scalar>] { [embedding] }

  /// The recurrent layers, then the decoder (which owns the decoder bias).
  public var sublayers: [any Layer<Scalar>] { recurrentLayers + [decoder] }
}
