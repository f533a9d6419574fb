import Networks

/// `naswot-rnn`: the NASWOT idea (Mellor et al., ICML 2021) carried over to a
/// NAS-Bench-NLP recurrent cell.
///
/// One forward pass of the untrained language model (the benchmark's initialisation,
/// evaluation mode: no dropout, so the score depends only on the weights and the batch)
/// over B sequences of T tokens, from zero hidden states. At every time step of every
/// layer the chosen values are binarised per unit, `c = (v > 0)`, and accumulated into
/// the B×B kernel `K[i][j]` = units on which sequences i and j agree (see
/// ``ActivationCodeKernel``). Score = log |det K|, computed exactly from bit-packed
/// codes: cells whose states tell sequences apart have a better-conditioned K.
///
/// The codes (``Codes``): the inputs of the cell's activation nodes (tanh, sigmoid, leaky
/// ReLU; `v > 0` is where each activation is past its midpoint, the analogue of NASWOT's
/// ReLU inputs), the new hidden states, or both. Defaults: T = 35 and B = 20, the
/// benchmark's BPTT length and batch size; the input is a ``TokenBatch`` from a corpus
/// whose vocabulary is the model's (``NetworkBuilder/nlp(_:vocabulary:configuration:)``).
/// The decoder is not run: the kernel only needs the recurrent layers.
///
/// There is no published reference for this scorer; the package's measurement on the
/// 341 completed WikiText-2 runs is in the README.
public struct NASWOTRecurrent: Proxy {
  /// Which per-step values give the binary codes.
  public enum Codes: String, CaseIterable, Hashable, Sendable {
    /// The inputs of the activation nodes.
    case activations
    /// The new hidden states.
    case hiddenStates = "hidden"
    /// Both.
    case both

    /// The observation points this choice reads.
    var kinds: Set<ObservationPoint.Kind> {
      switch self {
      case .activations: [.activationInput]
      case .hiddenStates: [.hiddenState]
      case .both: [.activationInput, .hiddenState]
      }
    }
  }

  /// Which values give the codes.
  public var codes: Codes

  /// Creates the scorer.
  public init(codes: Codes = .activations) {
    self.codes = codes
  }

  /// `naswot-rnn`.
  public var name: String { "naswot-rnn" }
  /// One forward pass, no labels.
  public var requirements: ProxyRequirements { .forwardOnly }
  /// 20 sequences, the benchmark's training batch.
  public var defaultBatchSize: Int { 20 }
  /// Recurrent language models only.
  public func supports(_ space: ProxySpace) -> Bool { space.input == .tokens }

  /// log |det K| over the chosen values of every step of every layer.
  public func score(_ context: ProxyContext) -> ProxyScore {
    let (network, input, seed) = (context.network, context.input, context.seed)
    guard case .tokens(let batch) = input else {
      return .failed("naswot-rnn scores NB-NLP language models; use naswot for image networks")
    }
    let model: any Layer<Float>
    do {
      model = try network.float(seed: seed)
    } catch {
      return .failed(error.reason)
    }
    guard let languageModel = model as? NLPNetwork<Float> else {
      return .failed("naswot-rnn needs an NB-NLP language model (NetworkBuilder.nlp)")
    }
    let vocabulary = languageModel.configuration.vocabulary
    guard batch.batchSize >= 1, batch.sequenceLength >= 1 else {
      return .failed("naswot-rnn needs at least one sequence of at least one token")
    }
    if let stray = batch.inputs.first(where: { !(0..<vocabulary).contains($0) }) {
      return .failed(
        "token id \(stray) is outside the model's \(vocabulary)-word vocabulary; "
          + "build the model with the corpus's vocabulary size")
    }
    let collector = CodeCollector(batch: batch.batchSize, kinds: codes.kinds)
    let pass = ForwardPass<Float>(observer: collector)
    _ = languageModel.recurrentOutput(
      tokens: batch.inputs, sequenceLength: batch.sequenceLength, batchSize: batch.batchSize,
      in: pass)
    guard collector.kernel.units > 0 else {
      return .failed("the cell has no \(codes.rawValue) values to code")
    }
    let value = collector.kernel.score
    return value == -.infinity
      ? .failed("the code kernel is singular (sequences share identical codes)")
      : ProxyScore(value)
  }
}

/// Accumulates the code kernel over the observation points of the chosen kinds.
private final class CodeCollector: ActivationObserver {
  var kernel: ActivationCodeKernel
  let kinds: Set<ObservationPoint.Kind>

  init(batch: Int, kinds: Set<ObservationPoint.Kind>) {
    kernel = ActivationCodeKernel(batch: batch)
    self.kinds = kinds
  }

  func observe(_ activation: Tensor<Float>, at point: ObservationPoint) {
    guard kinds.contains(point.kind), let samples = activation.shape.first, samples > 0 else {
      return
    }
    let units = activation.scalarCount / samples
    activation.withUnsafeBufferPointer { kernel.add($0, unitsPerSample: units) }
  }
}
