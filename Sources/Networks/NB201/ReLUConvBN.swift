/// ReLU, then a bias-free convolution, then batch norm: NAS-Bench-201's `nor_conv_k×k`
/// operation and the halves of its residual reduction block (xautodl's `ReLUConvBN`).
public final class ReLUConvBN<Scalar: TensorScalar>: Layer {
  /// The convolution.
  public let convolution: Convolution2D<Scalar>
  /// The batch norm after it.
  public let norm: BatchNorm2D<Scalar>

  /// Creates the block with `same` padding (`(k − 1) / 2`).
  public init(
    name: String, inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1,
    using rng: inout some RandomNumberGenerator
  ) {
    convolution = Convolution2D(
      name: name + ".conv", inChannels: inChannels, outChannels: outChannels,
      kernelSize: kernelSize, stride: stride, padding: (kernelSize - 1) / 2, using: &rng)
    norm = BatchNorm2D(name: name + ".bn", channels: outChannels)
  }

  /// `bn(conv(relu(x)))`.
  ///
  /// A forward-only pass reports the ReLU's input and lets the convolution take the
  /// ReLU, instead of writing it out. In either pass the convolution forms the batch
  /// statistics where its kernel can (see
  /// ``ForwardPass/convolution(_:weight:bias:stride:padding:ofReLU:withStatistics:)``), so
  /// both passes normalise with the same statistics.
  public func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar> {
    if pass.recordsGradients { return afterReLU(pass.relu(input), in: pass) }
    _ = pass.observe(input, as: .reluInput)
    let (output, statistics) = convolve(input, ofReLU: true, in: pass)
    return norm.forward(output, batchStatistics: statistics, in: pass)
  }

  /// `bn(conv(x))` for an input that is already the ReLU's output, so that edges that
  /// leave the same node can share one ReLU evaluation.
  public func afterReLU(_ activated: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<
    Scalar
  > {
    let (output, statistics) = convolve(activated, ofReLU: false, in: pass)
    return norm.forward(output, batchStatistics: statistics, in: pass)
  }

  /// `bn(conv(relu(x)))` for forward-only passes, with the batch normalisation left to
  /// the consumer.
  ///
  /// The ReLU is taken inside the convolution, and the normalisation is applied by
  /// whoever reads the term (see ``BatchNorm2D/deferredForward(_:batchStatistics:in:)``). The caller
  /// reports the ReLU's input.
  func deferredForward(preActivation input: Tensor<Scalar>, in pass: ForwardPass<Scalar>)
    -> NormalizedTerm<Scalar>
  {
    let (output, statistics) = convolve(input, ofReLU: true, in: pass)
    return norm.deferredForward(output, batchStatistics: statistics, in: pass)
  }

  /// The convolution, with the batch statistics formed by its kernel when the batch norm
  /// will use batch statistics (the one place that decides it for all three paths).
  private func convolve(_ input: Tensor<Scalar>, ofReLU: Bool, in pass: ForwardPass<Scalar>)
    -> (output: Tensor<Scalar>, statistics: ChannelStatistics<Scalar>?)
  {
    convolution.forward(
      input, ofReLU: ofReLU, withStatistics: pass.batchNorm == .batchStatistics, in: pass)
  }

  /// The convolution, then the batch norm.
  public var sublayers: [any Layer<Scalar>] { [convolution, norm] }
}
