import Foundation
import Networks

/// jacob_cov: how differently the untrained network responds to each input.
///
/// From the first version of "Neural Architecture Search without Training" (Mellor et
/// al., 2020), in the form of Abdelfattah et al. (ICLR 2021; code mohsaied/zero-cost-nas,
/// `foresight/pruners/measures/jacob_cov.py`; NASLib's `jacov`).
///
/// The network in training mode (batch norm with batch statistics), PyTorch's default
/// initialisation, one batch of B = 64 images (labels unused). One backward pass of
/// `Σ f(X)` with respect to the input batch `X` gives each image's Jacobian row
/// `J_n = ∂(Σ f(X))/∂x_n` (batch norm couples the images, exactly as in the reference's
/// `y.backward(torch.ones_like(y))`). With `C = corrcoef(J)` (B×B) and its eigenvalues
/// `λ`:
///
///     jacob_cov = −Σ_i [ log(λ_i + k) + 1/(λ_i + k) ],   k = 1e-5
///
/// The Jacobian is computed in `float32` as the reference, the correlation and its
/// eigenvalues in `Double` (``CorrelationMatrix``, ``SymmetricEigenvalues``). Where the
/// reference gets NaN (a constant Jacobian row, e.g. every cell without an input-output
/// path, whose Jacobian is zero), the score is the worst value with the reason.
/// Published Spearman ρ over all NB201 cells (CIFAR-10): 0.731.
public struct JacobianCovariance: Proxy {
  /// `k`, added to every eigenvalue.
  public static let regularizer = 1e-5

  /// The network's precision (default `float32`, as the reference).
  public var precision: GradientPrecision

  /// Creates the scorer.
  public init(precision: GradientPrecision = .float32) {
    self.precision = precision
  }

  /// `jacob_cov`.
  public var name: String { "jacob_cov" }
  /// A backward pass to the input; no labels.
  public var requirements: ProxyRequirements { .gradients }
  /// 64, the reference's NB201 batch.
  public var defaultBatchSize: Int { 64 }

  /// −Σ [log(λ + k) + 1/(λ + k)] over the eigenvalues of the input Jacobians'
  /// correlation matrix.
  public func score(_ context: ProxyContext) -> ProxyScore {
    let (network, input, seed) = (context.network, context.input, context.seed)
    guard case .images(let batch) = input else {
      return .failed("jacob_cov scores image networks (NB201, NB101), not token batches")
    }
    guard network.dependsOnInput else {
      return .failed(
        GradientScoring.noPathReason(network)
          + ", so every input Jacobian is zero and their correlation is undefined")
    }
    guard batch.count >= 2 else { return .failed("jacob_cov needs at least two images") }
    do {
      let jacobians =
        switch precision {
        case .float32: try Self.jacobians(network, batch: batch, seed: seed, as: Float.self)
        case .float64: try Self.jacobians(network, batch: batch, seed: seed, as: Double.self)
        }
      return Self.score(jacobians: jacobians, rows: batch.count)
    } catch {
      return .failed(error.reason)
    }
  }

  /// The input Jacobians of `Σ f(X)`, one row per image, as `Double`.
  static func jacobians<Scalar: TensorScalar>(
    _ network: NetworkBuilder, batch: ImageBatch, seed: UInt64, as scalar: Scalar.Type
  ) throws(ProxyFailure) -> [Double] {
    let model = try GradientScoring.network(network, seed: seed, as: Scalar.self)
    try GradientScoring.checkChannels(of: batch, for: model)
    return jacobians(model, images: GradientScoring.tensor(batch, as: Scalar.self))
  }

  /// The input Jacobians of `Σ model(images)` (batch-norm batch statistics), flattened.
  static func jacobians<Scalar: TensorScalar>(
    _ model: any Layer<Scalar>, images: Tensor<Scalar>
  ) -> [Double] {
    let pass = ForwardPass<Scalar>(recordsGradients: true, batchNorm: .batchStatistics)
    let x = pass.requiringGradient(images)
    pass.backward(from: model.forward(x, in: pass))
    guard let gradient = pass.gradient(of: x) else {
      return [Double](repeating: 0, count: images.scalarCount)
    }
    return gradient.withUnsafeBufferPointer { $0.map(Double.init) }
  }

  /// The score of `rows` Jacobian rows: the worst value with the reason when the
  /// correlation or the eigenvalues are undefined.
  static func score(jacobians: [Double], rows: Int) -> ProxyScore {
    guard !jacobians.contains(where: { !$0.isFinite }) else {
      return .failed("the input Jacobian is not finite")
    }
    let columns = jacobians.count / rows
    guard
      let correlation = CorrelationMatrix.ofRows(jacobians, rows: rows, columns: columns)
    else {
      return .failed(
        "an image's input Jacobian is constant, so its correlation is undefined (NaN in the "
          + "reference)")
    }
    guard let eigenvalues = SymmetricEigenvalues.of(correlation, order: rows) else {
      return .failed("the eigenvalue iteration did not converge")
    }
    let k = regularizer
    guard let smallest = eigenvalues.first, smallest + k > 0 else {
      return .failed("the correlation matrix has an eigenvalue below −k")
    }
    let value = -eigenvalues.reduce(0.0) { $0 + log($1 + k) + 1 / ($1 + k) }
    return ProxyScore(value, ifNotFinite: "the eigenvalue sum is not finite")
  }
}
