import Networks
import SearchSpace

/// Epsilon on NAS-Bench-NLP language models, as the authors' NB-NLP code computes it
/// (egracheva/epsinas, `NAS-Bench-NLP/epsinas_utils.py` `compute_epsinas` and
/// `Epsilon Reproduce.ipynb`).
///
/// For each shared weight `w` (the authors': 1e-5 and 1e-3, ``EpsilonConstants/nlp``):
///
/// - every parameter of every recurrent cell, weights *and* biases, is `w` (their
///   `initialize_resnet` sets all parameters of `CustomRNNCell` with
///   `nn.init.constant_`);
/// - every initial hidden state of every layer is `w` (`init_hidden(batch_size, w)`);
/// - the embedding is U(0, 1) (`nn.init.uniform_(encoder.weight, 0, 1)` after
///   `prepare_seed(21)`, so the same draw in both runs); here it is drawn once from
///   `SplitMix64(seed)`;
/// - the model runs in evaluation mode (no dropout), and the values are unit 0 of the
///   last recurrent layer's output at every time step of every sequence
///   (`raw_output[-1][:, :, 0].flatten()`); the decoder does not enter.
///
/// The two value vectors are then min-max normalised and combined exactly as for images
/// (``EpsilonStatistic``). The reference's batch is the first 70 time steps (the logs'
/// BPTT) of the PTB training text batchified into 256 columns
/// (``TextBatchLayout/epsilonNLP``: `get_batch(batchify(corpus.train, 256), 0)` in
/// `NAS-Bench-NLP/Reproduce.ipynb`); the NB-NLP space gives epsilon that batch by default,
/// and this scorer takes whatever ``TokenBatch`` it is given.
extension Epsilon {
  /// ε of an NB-NLP language model on `batch`, or why there is none.
  func evaluateTokens(_ network: NetworkBuilder, on batch: TokenBatch, seed: UInt64)
    -> Result<Double, EpsilonFailure>
  {
    guard batch.batchSize >= 1, batch.sequenceLength >= 1 else {
      return .failure(.unsupportedInput("needs at least one sequence of at least one token"))
    }
    do {
      switch precision {
      case .float32:
        return Self.tokenEpsilon(
          try network.float(seed: seed), batch: batch, constants: constants, seed: seed)
      case .float64:
        return Self.tokenEpsilon(
          try network.double(seed: seed), batch: batch, constants: constants, seed: seed)
      }
    } catch {
      return .failure(.buildFailed(error.reason))
    }
  }

  /// Both runs of the language model `model` and their ε.
  private static func tokenEpsilon<Scalar: TensorScalar>(
    _ model: any Layer<Scalar>, batch: TokenBatch, constants: EpsilonConstants, seed: UInt64
  ) -> Result<Double, EpsilonFailure> {
    guard let languageModel = model as? NLPNetwork<Scalar> else {
      return .failure(
        .unsupportedInput("token batches need an NB-NLP language model (NetworkBuilder.nlp)"))
    }
    let vocabulary = languageModel.configuration.vocabulary
    if let stray = batch.inputs.first(where: { !(0..<vocabulary).contains($0) }) {
      return .failure(
        .unsupportedInput(
          "token id \(stray) is outside the model's \(vocabulary)-word vocabulary; "
            + "build the model with the corpus's vocabulary size"))
    }
    var rng = SplitMix64(seed: seed)
    languageModel.embedding.initialize(.uniform(lowerBound: 0, upperBound: 1), using: &rng)
    return epsilon(constants: constants) { weight -> [Scalar] in
      let shared = Scalar(weight)
      languageModel.setRecurrentParameters(to: shared)
      let output = languageModel.recurrentOutput(
        tokens: batch.inputs, sequenceLength: batch.sequenceLength, batchSize: batch.batchSize,
        initialState: shared, in: ForwardPass())
      return firstUnits(of: output)
    }
  }

  /// Unit 0 of every row of `output` (`[T, B, H]`: one value per step of each sequence,
  /// time-major as the reference flattens it).
  static func firstUnits<Scalar: TensorScalar>(of output: Tensor<Scalar>) -> [Scalar] {
    let units = max(1, output.shape.last ?? 1)
    return output.withUnsafeBufferPointer { buffer in
      stride(from: 0, to: buffer.count, by: units).map { buffer[$0] }
    }
  }
}
