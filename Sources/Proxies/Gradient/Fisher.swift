import Networks

/// Fisher: the summed Fisher information of the channels of every layer's output.
///
/// From Turner et al. ("BlockSwap", ICLR 2020) and Theis et al. (2018), as a zero-cost
/// NAS proxy by Abdelfattah et al. (ICLR 2021; code mohsaied/zero-cost-nas,
/// `foresight/pruners/measures/fisher.py`).
///
/// The network in training mode (batch norm with batch statistics), PyTorch's default
/// initialisation, one batch of B = 64 labelled images and the mean cross-entropy `L`.
/// The reference hooks an identity after every convolution and linear layer, so `a` is
/// the layer's output (bias included) and `∂L/∂a` its gradient. Per output channel `k`:
///
///     s_nk = Σ_{spatial} a_nk ⊙ ∂L/∂a_nk        F_k = ½ · mean_n s_nk²
///
/// and the reference broadcasts `|F_k|` to every weight of channel `k`
/// (`weight.shape[1:]`, i.e. `inChannels·kh·kw` or `inFeatures` of them) before summing,
/// so:
///
///     fisher = Σ_layers Σ_k F_k · (weights per channel)
///
/// Computed in `float32` as the reference. A cell without an input-output path is
/// scored as in the reference: every layer output before the classifier is zero or has
/// a zero gradient, so only the classifier's term remains (its output is its bias), a
/// tiny positive value. Published Spearman ρ over all NB201 cells (CIFAR-10): 0.360.
public struct Fisher: Proxy {
  /// The network's precision (default `float32`, as the reference).
  public var precision: GradientPrecision

  /// Creates the scorer.
  public init(precision: GradientPrecision = .float32) {
    self.precision = precision
  }

  /// `fisher`.
  public var name: String { "fisher" }
  /// A backward pass of a labelled loss.
  public var requirements: ProxyRequirements { [.gradients, .labels] }
  /// 64, the reference's NB201 batch.
  public var defaultBatchSize: Int { 64 }

  /// Σ over convolution and linear output channels of ½·mean_n(Σ_hw a·∂L/∂a)², each
  /// counted once per weight of the channel.
  public func score(_ context: ProxyContext) -> ProxyScore {
    let (network, input, seed) = (context.network, context.input, context.seed)
    do {
      let batch = try GradientScoring.images(input, for: network, proxy: name)
      let value =
        switch precision {
        case .float32: try Self.fisher(network, batch: batch, seed: seed, as: Float.self)
        case .float64: try Self.fisher(network, batch: batch, seed: seed, as: Double.self)
        }
      return ProxyScore(value, ifNotFinite: "the loss gradient overflowed")
    } catch {
      return .failed(error.reason)
    }
  }

  static func fisher<Scalar: TensorScalar>(
    _ network: NetworkBuilder, batch: ImageBatch, seed: UInt64, as scalar: Scalar.Type
  ) throws(ProxyFailure) -> Double {
    let model = try GradientScoring.network(network, seed: seed, as: Scalar.self)
    try GradientScoring.checkChannels(of: batch, for: model)
    let collector = FisherCollector<Scalar>()
    _ = GradientScoring.crossEntropyPass(model, on: batch, observer: collector)
    return collector.total
  }
}

/// Accumulates the fisher score from every convolution and linear output and its
/// gradient.
final class FisherCollector<Scalar: TensorScalar>: ActivationObserver {
  /// Σ over the layers seen so far of Σ_k |F_k| · weights per channel.
  private(set) var total = 0.0
  /// Each layer's per-channel `F_k`, in the order the backward reported them.
  private(set) var layers: [(point: ObservationPoint, channels: [Double])] = []

  func observe(_ activation: Tensor<Scalar>, at point: ObservationPoint) {}

  func wantsGradient(at point: ObservationPoint) -> Bool {
    point.kind == .convolutionOutput || point.kind == .linearOutput
  }

  func observe(
    _ activation: Tensor<Scalar>, gradient: Tensor<Scalar>, at point: ObservationPoint
  ) {
    guard activation.rank >= 2, activation.shape[0] > 0 else { return }
    let samples = activation.shape[0]
    var fisher = ActivationKernels.squaredChannelDots(activation, gradient)
    for k in fisher.indices { fisher[k] = abs(0.5 * fisher[k] / Double(samples)) }
    layers.append((point, fisher))
    total += fisher.reduce(0, +) * Double(point.weightsPerChannel)
  }
}
