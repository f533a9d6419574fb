/// A bias-free convolution with `same` padding, batch norm, then ReLU: NAS-Bench-101's
/// `conv_bn_relu` (`nasbench/lib/base_ops.py`), used by the stem, the `conv3x3-bn-relu`
/// and `conv1x1-bn-relu` vertices and the 1×1 input projections.
///
/// The batch norm uses the benchmark's epsilon and decay
/// (``NB101NetworkConfiguration/batchNormEpsilon``,
/// ``NB101NetworkConfiguration/batchNormMomentum``). Parameters are named as in the
/// PyTorch ports (`<name>.conv_bn_relu.0.weight` for the kernel, `.1.weight`/`.1.bias`
/// for γ/β).
public final class ConvBNReLU<Scalar: TensorScalar>: Layer {
  /// The convolution.
  public let convolution: Convolution2D<Scalar>
  /// The batch norm after it.
  public let norm: BatchNorm2D<Scalar>

  /// Creates the block with stride 1 and `(k − 1) / 2` padding, drawing the kernel from
  /// `rng` with PyTorch's default initialisation.
  public init(
    name: String, inChannels: Int, outChannels: Int, kernelSize: Int,
    using rng: inout some RandomNumberGenerator
  ) {
    convolution = Convolution2D(
      name: name + ".conv_bn_relu.0", inChannels: inChannels, outChannels: outChannels,
      kernelSize: kernelSize, padding: (kernelSize - 1) / 2, using: &rng)
    norm = BatchNorm2D(
      name: name + ".conv_bn_relu.1", channels: outChannels,
      epsilon: Scalar(NB101NetworkConfiguration.batchNormEpsilon),
      momentum: Scalar(NB101NetworkConfiguration.batchNormMomentum))
  }

  /// `relu(bn(conv(x)))`; the ReLU reports its input to observers.
  public func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar> {
    pass.relu(norm.forward(convolution.forward(input, in: pass), in: pass))
  }

  /// The convolution, then the batch norm.
  public var sublayers: [any Layer<Scalar>] { [convolution, norm] }
}
