import Foundation
import Networks

/// grad_norm: the summed norms of the loss gradients of the weights (Abdelfattah et al.,
/// "Zero-Cost Proxies for Lightweight NAS", ICLR 2021; code mohsaied/zero-cost-nas,
/// `foresight/pruners/measures/grad_norm.py`).
///
/// The network in training mode (batch norm with batch statistics), PyTorch's default
/// initialisation, one batch of B = 64 labelled images and the mean cross-entropy `L`:
///
///     grad_norm = Σ_{conv, linear layers l} ‖∂L/∂W_l‖₂
///
/// with the Frobenius norm of each layer's weight gradient (`weight.grad.norm()`).
/// Computed in `float32` as the reference. A cell without an input-output path has zero
/// weight gradients, so its score is 0, the lowest value, as in the reference.
/// Published Spearman ρ over all NB201 cells (CIFAR-10): 0.594.
public struct GradNorm: Proxy, WeightGradientSaliency {
  /// The network's precision (default `float32`, as the reference).
  public var precision: GradientPrecision

  /// Creates the scorer.
  public init(precision: GradientPrecision = .float32) {
    self.precision = precision
  }

  /// `grad_norm`.
  public var name: String { "grad_norm" }
  /// A backward pass of a labelled loss.
  public var requirements: ProxyRequirements { [.gradients, .labels] }
  /// 64, the reference's NB201 batch.
  public var defaultBatchSize: Int { 64 }

  /// Σ over convolution and linear layers of ‖∂L/∂W‖₂.
  public func score(_ context: ProxyContext) -> ProxyScore {
    GradientScoring.saliencyScore(
      Self.self, of: context.network, on: context.input, seed: context.seed,
      precision: precision, proxy: name)
  }

  /// Σ over the weights of the Frobenius norm of each one's gradient.
  static func saliency<Scalar: TensorScalar>(
    of weights: [Parameter<Scalar>], in pass: ForwardPass<Scalar>
  ) -> Double {
    var total = 0.0
    for weight in weights {
      total += GradientScoring.sum(over: [weight], in: pass) { _, g in g * g }.squareRoot()
    }
    return total
  }
}
