import Networks

/// GraSP (Wang et al., "Picking Winning Tickets Before Training by Preserving Gradient
/// Flow", ICLR 2020), as a zero-cost NAS proxy (Abdelfattah et al., ICLR 2021; code
/// mohsaied/zero-cost-nas, `foresight/pruners/measures/grasp.py`).
///
/// The network in training mode (batch norm with batch statistics), PyTorch's default
/// initialisation, one batch of B = 64 labelled images, the mean cross-entropy `L` at
/// temperature T = 1, and `W` the convolution and linear weights. As in the reference
/// (which, unlike the GraSP authors' code, does not split the batch in two), both
/// gradients use the whole batch:
///
///     g = ∂L/∂W (detached)      Hg = ∂(g · ∂L/∂W)/∂W      grasp = Σ −W ⊙ Hg
///
/// The reference gets `Hg` by double backward in `float32`. The engine has no double
/// backward, so `Hg` is a one-sided difference of `Double` gradients along `g` whose
/// step keeps every ReLU on its side of the kink (see ``FiniteDifferenceHessian``): it
/// agrees with the exact product to a few 1e-6 (relative) where it can be derived by
/// hand. Two forward and backward passes in `Double` (one more per rejected step, when
/// a ReLU input changes sign; when every step tried changes one, the score fails with
/// that reason).
///
/// A cell without an input-output path has `g = 0` and the reference's score is 0,
/// which would rank a network that cannot learn above every live cell with a negative
/// score; here it gets the worst value with the reason. Published Spearman ρ over all
/// NB201 cells (CIFAR-10): 0.514.
public struct GraSP: Proxy {
  /// The relative step of the finite difference (`ε · ‖g‖ / max(1, ‖W‖)`) tried first.
  public var relativeStep: Double

  /// Creates the scorer.
  public init(relativeStep: Double = 1e-10) {
    self.relativeStep = relativeStep
  }

  /// `grasp`.
  public var name: String { "grasp" }
  /// Backward passes of a labelled loss.
  public var requirements: ProxyRequirements { [.gradients, .labels] }
  /// 64, the reference's NB201 batch.
  public var defaultBatchSize: Int { 64 }

  /// Σ −W ⊙ Hg over convolution and linear weights.
  public func score(_ context: ProxyContext) -> ProxyScore {
    let (network, input, seed) = (context.network, context.input, context.seed)
    do {
      let batch = try GradientScoring.images(input, for: network, proxy: name)
      guard network.dependsOnInput else {
        return .failed(
          GradientScoring.noPathReason(network)
            + ", so every weight gradient is zero (the reference scores 0)")
      }
      let model = try GradientScoring.network(network, seed: seed, as: Double.self)
      try GradientScoring.checkChannels(of: batch, for: model)
      let result = grasp(model, batch: batch)
      guard let value = result.value else {
        return .failed(
          "a ReLU input changed sign under every finite-difference step tried "
            + "(\(result.product.passes) passes): Hg is not defined there")
      }
      return ProxyScore(value, ifNotFinite: "the Hessian-gradient product is not finite")
    } catch {
      return .failed(error.reason)
    }
  }

  /// The score of `model` on `batch` (nil when the product failed), with the product's
  /// diagnostics.
  func grasp<Scalar: TensorScalar>(_ model: any Layer<Scalar>, batch: ImageBatch) -> (
    value: Double?, product: FiniteDifferenceHessian<Scalar>.Product
  ) {
    let weights = GradientScoring.scoredWeights(model)
    let pattern = ReLUPattern<Scalar>()
    let first = GradientScoring.crossEntropyPass(model, on: batch, observer: pattern)
    let g = weights.map { first.gradient(of: $0) ?? Tensor(zeros: $0.shape) }
    let images = GradientScoring.tensor(batch, as: Scalar.self)
    let hessian = FiniteDifferenceHessian<Scalar>(relativeStep: relativeStep)
    let product = hessian.product(
      weights: weights, gradient: g, pattern: pattern, direction: g,
      batchNorm: .batchStatistics
    ) { pass in
      pass.crossEntropy(model.forward(images, in: pass), labels: batch.labels)
    }
    guard let hg = product.values else { return (nil, product) }
    var total = 0.0
    for (weight, h) in zip(weights, hg) {
      weight.value.withUnsafeBufferPointer { theta in
        h.withUnsafeBufferPointer { h in
          for index in theta.indices { total -= Double(theta[index]) * Double(h[index]) }
        }
      }
    }
    return (total, product)
  }
}
