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
/// backward, so `Hg` is a central difference of `Double` gradients along `g`, with a
/// step that keeps every ReLU on one side of its kink (see
/// ``FiniteDifferenceHessian``): it agrees with the exact product to about 1e-6
/// relative on networks where it can be derived by hand. Three forward and backward
/// passes in `Double` (more when a ReLU input changes sign, rarely).
///
/// A cell without an input-output path has `g = 0` and the reference's score is 0,
/// which would rank a network that cannot learn above every live cell with a negative
/// score; here it gets the worst value with the reason. Published Spearman ρ over all
/// NB201 cells (CIFAR-10): 0.514.
public struct GraSP: Proxy {
  /// The relative step of the finite difference (`ε · ‖g‖ / max(1, ‖W‖)`).
  public var relativeStep: Double

  /// Creates the scorer.
  public init(relativeStep: Double = 1e-6) {
    self.relativeStep = relativeStep
  }

  /// `grasp`.
  public var name: String { "grasp" }
  /// Backward passes of a labelled loss.
  public var requirements: ProxyRequirements { [.gradients, .labels] }
  /// 64, the reference's NB201 batch.
  public var defaultBatchSize: Int { 64 }

  /// Σ −W ⊙ Hg over convolution and linear weights.
  public func score(_ network: NetworkBuilder, on input: ProxyInput, seed: UInt64) -> ProxyScore {
    do {
      let batch = try GradientScoring.images(input, for: network, proxy: name)
      guard network.dependsOnInput else {
        return .failed(
          GradientScoring.noPathReason(network)
            + ", so every weight gradient is zero (the reference scores 0)")
      }
      let model = try GradientScoring.network(network, seed: seed, as: Double.self)
      try GradientScoring.checkChannels(of: batch, for: model)
      let value = grasp(model, batch: batch).value
      return ProxyScore(value, ifNotFinite: "the Hessian-gradient product is not finite")
    } catch {
      return .failed(error.reason)
    }
  }

  /// The score of `model` on `batch`, with the product's diagnostics.
  func grasp<Scalar: TensorScalar>(_ model: any Layer<Scalar>, batch: ImageBatch) -> (
    value: Double, product: FiniteDifferenceHessian<Scalar>.Product
  ) {
    let weights = GradientScoring.scoredWeights(model)
    let first = GradientScoring.crossEntropyPass(model, on: batch)
    let g = weights.map { first.gradient(of: $0) ?? Tensor(zeros: $0.shape) }
    let images = GradientScoring.tensor(batch, as: Scalar.self)
    let hessian = FiniteDifferenceHessian<Scalar>(relativeStep: relativeStep)
    let product = hessian.product(weights: weights, direction: g, batchNorm: .batchStatistics) {
      pass in
      pass.crossEntropy(model.forward(images, in: pass), labels: batch.labels)
    }
    var total = 0.0
    for (weight, hg) in zip(weights, product.values) {
      weight.value.withUnsafeBufferPointer { theta in
        hg.withUnsafeBufferPointer { h in
          for index in theta.indices { total -= Double(theta[index]) * Double(h[index]) }
        }
      }
    }
    return (total, product)
  }
}
