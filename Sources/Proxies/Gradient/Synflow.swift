import Networks

/// SynFlow (Tanaka et al., NeurIPS 2020), as a zero-cost NAS proxy (Abdelfattah et al.,
/// "Zero-Cost Proxies for Lightweight NAS", ICLR 2021; code mohsaied/zero-cost-nas,
/// `foresight/pruners/measures/synflow.py`).
///
/// Data-free: batch norm is replaced by the identity (the reference's `bn=False` copy),
/// every parameter is replaced by its absolute value (`linearize` over the state dict),
/// the network runs in `float64` on one all-ones image `x` of the batch's image shape,
/// and with `R = Σ f(x)`:
///
///     synflow = Σ_{conv, linear weights θ} |θ ⊙ ∂R/∂θ|
///
/// Double precision is needed: products of |θ| over ~20 layers make NB201 values reach
/// 1e20…1e50. NASLib reports `log(synflow)`; this scorer reports the sum itself (the
/// ranking is the same). A cell without an input-output path has `R` independent of
/// every weight that feeds the classifier, so its score is exactly 0, the lowest value
/// the score can take, as in the reference. Published Spearman ρ over all NB201 cells
/// (CIFAR-10): 0.737.
public struct Synflow: Proxy {
  /// Creates the scorer.
  public init() {}

  /// `synflow`.
  public var name: String { "synflow" }
  /// A backward pass; no data (only the image shape) and no labels.
  public var requirements: ProxyRequirements { [.gradients, .noData] }
  /// 64, the batch of the reference's NB201 run (only one image's shape is used).
  public var defaultBatchSize: Int { 64 }

  /// Σ |θ ⊙ ∂R/∂θ| over convolution and linear weights of the |θ| network.
  public func score(_ context: ProxyContext) -> ProxyScore {
    let (network, input, seed) = (context.network, context.input, context.seed)
    guard case .images(let batch) = input else {
      return .failed("synflow scores image networks (NB201, NB101), not token batches")
    }
    guard network.dependsOnInput else { return ProxyScore(0) }
    do {
      let model = try GradientScoring.network(network, seed: seed, as: Double.self)
      try GradientScoring.checkChannels(of: batch, for: model)
      return ProxyScore(
        Self.synflow(model, imageShape: [batch.channels, batch.height, batch.width]),
        ifNotFinite: "synflow overflowed double precision")
    } catch {
      return .failed(error.reason)
    }
  }

  /// The synflow of `model` (whose parameters become their absolute values) on one
  /// all-ones image of `imageShape` (`[C, H, W]`).
  static func synflow<Scalar: TensorScalar>(_ model: any Layer<Scalar>, imageShape: [Int])
    -> Double
  {
    for parameter in model.parameters {
      var magnitude = parameter.value
      magnitude.withUnsafeMutableBufferPointer { values in
        for index in values.indices { values[index] = abs(values[index]) }
      }
      parameter.value = magnitude
    }
    let pass = ForwardPass<Scalar>(recordsGradients: true, batchNorm: .identity)
    let output = model.forward(Tensor(repeating: 1, shape: [1] + imageShape), in: pass)
    pass.backward(from: pass.sum(output))
    return GradientScoring.sum(over: GradientScoring.scoredWeights(model), in: pass) {
      abs($0 * $1)
    }
  }
}
