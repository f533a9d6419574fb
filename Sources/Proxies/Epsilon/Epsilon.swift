import Networks

/// Epsilon, "Two constant shared weights initialisations" (Gracheva; code
/// egracheva/epsinas, `compute_epsinas`).
///
/// The network is evaluated twice on the same batch of B = 256 images, once with every
/// weight (convolutions, linear layers, batch-norm scales) set to a shared constant
/// `low` and once to `high`, every bias and batch-norm shift set to 0, batch norm
/// using batch statistics (PyTorch's training mode; its eps = 1e-5 is what makes the
/// two runs differ). With a 1-output head, each run gives one value per image:
///
///     p = minmax(y_low),  q = minmax(y_high),  entries equal to 0 dropped,
///     ε = mean|p − q| / mean(p ∪ q)
///
/// Higher is better (Spearman 0.87 with NB201 CIFAR-10 test accuracy in the paper,
/// NaN scores excluded). Constants: NB201 (1e-7, 1), NB101 (1e-4, 10), NB-NLP
/// (1e-5, 1e-3) (``EpsilonConstants``). The reference computes in float32 (the
/// default); ``Precision/float64`` is offered because in float32 the output of every
/// cell whose input→output paths all pass through a convolution underflows to zero
/// at 1e-7, and such cells are unscoreable (``EpsilonFailure/outputUnderflows(weight:precision:)``).
///
/// Any head works: with shared constant weights and zero biases every output unit of
/// the last linear layer computes the same value, so the scorer reads unit 0 of each
/// sample, which is exactly the reference's 1-output head. For image networks the seed
/// does not matter: no weight is random.
///
/// Token batches are scored with the authors' NAS-Bench-NLP protocol on an
/// ``NLPNetwork`` (``NetworkBuilder/nlp(_:vocabulary:configuration:)``): every weight
/// and bias of the recurrent cells and every initial hidden state set to the shared
/// constant, the embedding drawn from U(0, 1) (once, from the seed, the same for both
/// runs), no dropout, and the values are unit 0 of the last recurrent layer's output at
/// every time step of every sequence (the decoder is not run). See
/// `Epsilon+Tokens.swift`.
public struct Epsilon: Proxy {
  /// The precision of the two forward passes.
  public enum Precision: String, Hashable, Sendable, CaseIterable {
    /// Single precision, as the reference.
    case float32
    /// Double precision: cells that underflow in float32 get a finite score.
    case float64
  }

  /// The two shared weights.
  public var constants: EpsilonConstants
  /// The precision of the forward passes.
  public var precision: Precision

  /// Creates the scorer; the defaults are the reference's for NB201.
  public init(constants: EpsilonConstants = .nb201, precision: Precision = .float32) {
    self.constants = constants
    self.precision = precision
  }

  /// `epsilon`.
  public var name: String { "epsilon" }
  /// Two forward passes, no labels.
  public var requirements: ProxyRequirements { .forwardOnly }
  /// 256, the paper's batch.
  public var defaultBatchSize: Int { 256 }
  /// Image classifiers and NB-NLP language models (the authors' two protocols).
  public func supports(_ space: ProxySpace) -> Bool { true }

  /// ε, or the worst score with the ``EpsilonFailure`` as the reason.
  public func score(_ context: ProxyContext) -> ProxyScore {
    switch evaluate(context.network, on: context.input, seed: context.seed) {
    case .success(let value): ProxyScore(value)
    case .failure(let failure): .failed(failure.description)
    }
  }

  /// ε, or why the architecture is unscoreable.
  public func evaluate(_ network: NetworkBuilder, on input: ProxyInput, seed: UInt64)
    -> Result<Double, EpsilonFailure>
  {
    guard network.dependsOnInput else { return .failure(.noInputOutputPath) }
    let batch: ImageBatch
    switch input {
    case .images(let images): batch = images
    case .tokens(let tokens): return evaluateTokens(network, on: tokens, seed: seed)
    }
    let images = Tensor<Float>(shape: batch.shape, scalars: batch.pixels)
    do {
      switch precision {
      case .float32:
        return Self.epsilon(try network.float(seed: seed), images: images, constants: constants)
      case .float64:
        return Self.epsilon(
          try network.double(seed: seed), images: Tensor<Double>(converting: images),
          constants: constants)
      }
    } catch {
      return .failure(.buildFailed(error.reason))
    }
  }

  /// Both runs of `model` and their ε.
  private static func epsilon<Scalar: TensorScalar>(
    _ model: any Layer<Scalar>, images: Tensor<Scalar>, constants: EpsilonConstants
  ) -> Result<Double, EpsilonFailure> {
    epsilon(constants: constants) { weight -> [Scalar] in
      model.setSharedWeight(weight)
      return firstUnitOutputs(model, images: images)
    }
  }

  /// ε of the two runs that `outputs` makes at the shared weights `low` and `high` (each
  /// returns the network's unit-0 outputs in its precision), or why there is none.
  static func epsilon<Scalar: TensorScalar>(
    constants: EpsilonConstants, outputs run: (Double) -> [Scalar]
  ) -> Result<Double, EpsilonFailure> {
    var normalisedRuns: [[Double]] = []
    for weight in [constants.low, constants.high] {
      let outputs = run(weight)
      guard let normalised = EpsilonStatistic.normalised(outputs) else {
        if outputs.contains(where: { !$0.isFinite }) {
          return .failure(.outputNotFinite(weight: weight))
        }
        if outputs.allSatisfy({ $0 == 0 }) {
          let precision: Precision = Scalar.self == Float.self ? .float32 : .float64
          return .failure(.outputUnderflows(weight: weight, precision: precision))
        }
        return .failure(.constantOutput(weight: weight))
      }
      normalisedRuns.append(normalised)
    }
    guard let value = EpsilonStatistic.epsilon(normalisedRuns[0], normalisedRuns[1]) else {
      return .failure(.nothingLeftAfterDroppingMinima)
    }
    return .success(value)
  }

  /// Output unit 0 of every row of the network's output (`[N, k]`: one per image).
  private static func firstUnitOutputs<Scalar: TensorScalar>(
    _ model: any Layer<Scalar>, images: Tensor<Scalar>
  ) -> [Scalar] {
    firstUnits(of: model.forward(images, in: ForwardPass<Scalar>(batchNorm: .batchStatistics)))
  }
}
