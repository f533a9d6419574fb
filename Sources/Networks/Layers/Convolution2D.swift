/// A 2-D convolution layer (PyTorch's `nn.Conv2d` with groups 1 and dilation 1):
/// `weight[outChannels, inChannels, k, k]` and an optional `bias[outChannels]`.
public final class Convolution2D<Scalar: TensorScalar>: Layer {
  /// The kernel, of kind ``ParameterKind/convolutionWeight``.
  public let weight: Parameter<Scalar>
  /// The bias, if the layer has one.
  public let bias: Parameter<Scalar>?
  /// The step between windows, in both directions.
  public let stride: Int
  /// Zero padding on every side.
  public let padding: Int

  /// Creates a convolution initialised with PyTorch's defaults from `rng`.
  ///
  /// - Parameters:
  ///   - name: The parameter-name prefix, such as `stem.conv`.
  ///   - inChannels: Channels of the input.
  ///   - outChannels: Channels of the output (filters).
  ///   - kernelSize: The square kernel's side.
  ///   - stride: The step between windows.
  ///   - padding: Zero padding on every side.
  ///   - hasBias: Whether to add a learnt bias (the benchmark networks use none).
  ///   - rng: The source of the initial weights.
  public init(
    name: String, inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1,
    padding: Int = 0, hasBias: Bool = false, using rng: inout some RandomNumberGenerator
  ) {
    let fanIn = inChannels * kernelSize * kernelSize
    weight = Parameter(
      name: name + ".weight", kind: .convolutionWeight,
      value: Tensor(zeros: [outChannels, inChannels, kernelSize, kernelSize]), fanIn: fanIn)
    bias =
      hasBias
      ? Parameter(
        name: name + ".bias", kind: .bias, value: Tensor(zeros: [outChannels]), fanIn: fanIn)
      : nil
    self.stride = stride
    self.padding = padding
    initializeParameters(using: &rng)
  }

  /// Convolves `input[N, inChannels, H, W]`.
  public func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar> {
    pass.convolution(
      input, weight: pass.parameter(weight), bias: bias.map { pass.parameter($0) },
      stride: stride, padding: padding)
  }

  /// ``forward(_:in:)`` with the options of
  /// ``ForwardPass/convolution(_:weight:bias:stride:padding:ofReLU:withStatistics:)``: the
  /// ReLU of the input taken inside the kernel, and the output's batch statistics.
  func forward(
    _ input: Tensor<Scalar>, ofReLU: Bool, withStatistics: Bool, in pass: ForwardPass<Scalar>
  ) -> (output: Tensor<Scalar>, statistics: ChannelStatistics<Scalar>?) {
    pass.convolution(
      input, weight: pass.parameter(weight), bias: bias.map { pass.parameter($0) },
      stride: stride, padding: padding, ofReLU: ofReLU, withStatistics: withStatistics)
  }

  /// The weight, then the bias.
  public var ownParameters: [Parameter<Scalar>] { [weight] + (bias.map { [$0] } ?? []) }
}
