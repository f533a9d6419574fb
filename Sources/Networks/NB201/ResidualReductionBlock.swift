/// The residual block between NAS-Bench-201's stages (xautodl's `ResNetBasicblock`
/// with stride 2): it halves the resolution and changes the channel count.
///
/// `out = b(a(x)) + shortcut(x)` with `a` = ReLU→Conv3×3(stride 2)→BN,
/// `b` = ReLU→Conv3×3→BN and `shortcut` = AvgPool(2, stride 2)→Conv1×1 (no BN).
public final class ResidualReductionBlock<Scalar: TensorScalar>: Layer {
  /// The strided first half.
  public let first: ReLUConvBN<Scalar>
  /// The second half.
  public let second: ReLUConvBN<Scalar>
  /// The shortcut's 1×1 projection (after a 2×2 average pool).
  public let projection: Convolution2D<Scalar>

  /// Creates the block, drawing weights in xautodl's order: `conv_a`, `conv_b`,
  /// `downsample`.
  public init(
    name: String, inChannels: Int, outChannels: Int, using rng: inout some RandomNumberGenerator
  ) {
    first = ReLUConvBN(
      name: name + ".conv_a", inChannels: inChannels, outChannels: outChannels, kernelSize: 3,
      stride: 2, using: &rng)
    second = ReLUConvBN(
      name: name + ".conv_b", inChannels: outChannels, outChannels: outChannels, kernelSize: 3,
      using: &rng)
    projection = Convolution2D(
      name: name + ".downsample", inChannels: inChannels, outChannels: outChannels,
      kernelSize: 1, using: &rng)
  }

  /// `shortcut(x) + b(a(x))`.
  public func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar> {
    let residual = second.forward(first.forward(input, in: pass), in: pass)
    let shortcut = projection.forward(
      pass.averagePool(input, window: 2, stride: 2), in: pass)
    return pass.add(shortcut, residual)
  }

  /// `conv_a`, `conv_b`, then the shortcut's projection.
  public var sublayers: [any Layer<Scalar>] { [first, second, projection] }
}
