import Networks

/// The precision a gradient scorer computes its network in.
///
/// The reference code (mohsaied/zero-cost-nas, NASLib) runs snip, grad_norm, fisher and
/// jacob_cov in `float32` and synflow in `float64`; ``float64`` is offered for checks and
/// for networks whose gradients leave single precision's range.
public enum GradientPrecision: String, Sendable, Hashable, CaseIterable {
  /// `Float`, as the reference code.
  case float32
  /// `Double`.
  case float64

  /// The option values, as configs spell them.
  static var optionValues: [String] { allCases.map(\.rawValue) }
}

/// The steps the gradient scorers share: the image batch, the network in the scorer's
/// precision, the weights they score (convolution and linear weights only, as
/// `get_layer_metric_array` in the reference code) and one cross-entropy gradient pass.
enum GradientScoring {
  /// The image batch of `input`, checked against the network: a failure for token
  /// batches, labels outside the network's classes, or images with another channel
  /// count than the network's first convolution takes.
  static func images(
    _ input: ProxyInput, for network: NetworkBuilder, proxy: String
  ) throws(ProxyFailure) -> ImageBatch {
    guard case .images(let batch) = input else {
      throw ProxyFailure("\(proxy) scores image networks (NB201, NB101), not token batches")
    }
    guard batch.count > 0 else { throw ProxyFailure("\(proxy) needs at least one image") }
    if let label = batch.labels.first(where: { $0 < 0 || $0 >= network.outputCount }) {
      throw ProxyFailure(
        "label \(label) is not a class of the network (expected 0...\(network.outputCount - 1))")
    }
    return batch
  }

  /// A fresh network of `builder` in `Scalar`, initialised from `seed`.
  static func network<Scalar: TensorScalar>(
    _ builder: NetworkBuilder, seed: UInt64, as scalar: Scalar.Type
  ) throws(ProxyFailure) -> any Layer<Scalar> {
    let built: Any
    if Scalar.self == Double.self {
      built = try builder.double(seed: seed)
    } else {
      built = try builder.float(seed: seed)
    }
    guard let model = built as? any Layer<Scalar> else {
      throw ProxyFailure("no \(Scalar.self) network for \(builder.architecture)")
    }
    return model
  }

  /// Throws when `batch` does not fit the network's first convolution (which would stop
  /// the engine on a shape precondition).
  static func checkChannels<Scalar: TensorScalar>(
    of batch: ImageBatch, for model: any Layer<Scalar>
  ) throws(ProxyFailure) {
    guard let first = model.parameters.first(where: { $0.kind == .convolutionWeight }) else {
      return
    }
    let inChannels = first.shape[1]
    guard inChannels == batch.channels else {
      throw ProxyFailure(
        "the network's first convolution takes \(inChannels) channels, the images have "
          + "\(batch.channels)")
    }
  }

  /// The convolution and linear weights of `model`, in parameter order.
  ///
  /// These are the tensors every scorer of Abdelfattah et al. sums over.
  static func scoredWeights<Scalar: TensorScalar>(_ model: any Layer<Scalar>) -> [Parameter<Scalar>]
  {
    model.parameters.filter { $0.kind.isConvolutionOrLinearWeight }
  }

  /// The images of `batch` as a tensor in `Scalar`.
  static func tensor<Scalar: TensorScalar>(_ batch: ImageBatch, as scalar: Scalar.Type)
    -> Tensor<Scalar>
  {
    let images = Tensor<Float>(shape: batch.shape, scalars: batch.pixels)
    return Scalar.self == Float.self
      ? (images as? Tensor<Scalar> ?? Tensor(converting: images)) : Tensor(converting: images)
  }

  /// One recording pass: forward `batch`, the mean cross-entropy with its labels
  /// (`F.cross_entropy`), and backward; the returned pass holds every gradient.
  static func crossEntropyPass<Scalar: TensorScalar>(
    _ model: any Layer<Scalar>, on batch: ImageBatch,
    batchNorm: BatchNormMode = .batchStatistics,
    observer: (any ActivationObserver<Scalar>)? = nil
  ) -> ForwardPass<Scalar> {
    let pass = ForwardPass<Scalar>(recordsGradients: true, batchNorm: batchNorm, observer: observer)
    let logits = model.forward(tensor(batch, as: Scalar.self), in: pass)
    pass.backward(from: pass.crossEntropy(logits, labels: batch.labels))
    return pass
  }

  /// `Σ f(θᵢ, gᵢ)` over every element of every parameter, with `g` its gradient in
  /// `pass` (zeros for a parameter the pass never used), accumulated in `Double`.
  static func sum<Scalar: TensorScalar>(
    over weights: [Parameter<Scalar>], in pass: ForwardPass<Scalar>,
    _ f: (Double, Double) -> Double
  ) -> Double {
    var total = 0.0
    for weight in weights {
      guard let gradient = pass.gradient(of: weight) else { continue }
      weight.value.withUnsafeBufferPointer { theta in
        gradient.withUnsafeBufferPointer { g in
          for index in theta.indices { total += f(Double(theta[index]), Double(g[index])) }
        }
      }
    }
    return total
  }

  /// The reason shared by every scorer for a cell without an input-output path.
  static func noPathReason(_ network: NetworkBuilder) -> String {
    "\(network.architecture) has no path from input to output: the logits are constant"
  }
}
