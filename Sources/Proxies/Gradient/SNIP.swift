import Networks

/// SNIP (Lee et al., "Single-shot Network Pruning based on Connection Sensitivity",
/// ICLR 2019), as a zero-cost NAS proxy (Abdelfattah et al., ICLR 2021; code
/// mohsaied/zero-cost-nas, `foresight/pruners/measures/snip.py`).
///
/// The network in training mode (batch norm with batch statistics), PyTorch's default
/// initialisation, one batch of B = 64 labelled images (NB201; the paper used 256 on
/// NB101) and the mean cross-entropy `L`:
///
///     snip = Σ_{conv, linear weights θ} |θ ⊙ ∂L/∂θ|
///
/// (the reference differentiates with respect to a mask `c` of ones multiplying the
/// weights; `∂L/∂c = θ ⊙ ∂L/∂θ`). Computed in `float32` as the reference. A cell
/// without an input-output path has constant logits, so every weight gradient is zero
/// and the score is 0, the lowest value, as in the reference. Published Spearman ρ over
/// all NB201 cells (CIFAR-10): 0.596.
public struct SNIP: Proxy, WeightGradientSaliency {
  /// The network's precision (default `float32`, as the reference).
  public var precision: GradientPrecision

  /// Creates the scorer.
  public init(precision: GradientPrecision = .float32) {
    self.precision = precision
  }

  /// `snip`.
  public var name: String { "snip" }
  /// A backward pass of a labelled loss.
  public var requirements: ProxyRequirements { [.gradients, .labels] }
  /// 64, the reference's NB201 batch.
  public var defaultBatchSize: Int { 64 }

  /// Σ |θ ⊙ ∂L/∂θ| over convolution and linear weights.
  public func score(_ context: ProxyContext) -> ProxyScore {
    GradientScoring.saliencyScore(
      Self.self, of: context.network, on: context.input, seed: context.seed,
      precision: precision, proxy: name)
  }

  /// Σ |θ ⊙ ∂L/∂θ| over every element of `weights`.
  static func saliency<Scalar: TensorScalar>(
    of weights: [Parameter<Scalar>], in pass: ForwardPass<Scalar>
  ) -> Double {
    GradientScoring.sum(over: weights, in: pass) { abs($0 * $1) }
  }
}
