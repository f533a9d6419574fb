import SearchSpace

/// The size and cost of a NAS-Bench-101 network, computed from the cell and the
/// configuration alone (no weights are allocated).
///
/// - ``parameters``: trainable scalars (convolution kernels, batch-norm γ and β, the dense
///   layer's weights and bias): the benchmark's `trainable_parameters`, exactly.
/// - ``multiplyAccumulates``: of the convolutions and the dense layer, per image.
/// - ``flops``: per image in the convention of NASLib's `flops` column for NB101 (the
///   reference data's `flops`, counted by tensorwatch on the PyTorch port): convolution
///   multiply-accumulates, 2 per batch-norm element, 1 per ReLU element, `window²` per
///   max-pooling output (the cells' 3×3 pools and the 2×2 pools between stacks) and
///   `in·out` for the dense layer; additions, concatenations, truncations and the global
///   average pool are not counted. With this convention all 150 cells of the reference
///   data match to the last printed digit.
public struct NB101NetworkCost: Hashable, Sendable {
  /// Trainable parameters.
  public var parameters = 0
  /// Multiply-accumulates of convolutions and the dense layer, per image.
  public var multiplyAccumulates = 0
  /// Operations per image in NASLib's FLOPs convention.
  public var flops = 0

  /// The cost of the network for `cell` on `height × width` inputs.
  ///
  /// - Throws: ``NB101NetworkError`` when the network cannot be built (see
  ///   ``NB101Network/init(cell:configuration:using:)``).
  public init(
    cell: NB101Cell, configuration: NB101NetworkConfiguration = .cifar10, height: Int = 32,
    width: Int = 32
  ) throws(NB101NetworkError) {
    let plans = try NB101Network<Float>.plans(cell: cell, configuration: configuration)
    var pixels = height * width
    var (h, w) = (height, width)
    convolutionBlock(3, configuration.stemChannels, kernel: 3, pixels: pixels)
    var planIndex = 0
    for stack in 0..<configuration.stackCount {
      if stack > 0 {
        (h, w) = (h / 2, w / 2)
        pixels = h * w
        flops += 4 * (configuration.stemChannels << (stack - 1)) * pixels
      }
      for _ in 0..<configuration.cellsPerStack {
        add(plans[planIndex], pixels: pixels)
        planIndex += 1
      }
    }
    let width = configuration.stackChannels.last ?? configuration.stemChannels
    parameters += width * configuration.classes + configuration.classes
    multiplyAccumulates += width * configuration.classes
    flops += width * configuration.classes
  }

  private mutating func add(_ plan: NB101CellPlan, pixels: Int) {
    for vertex in plan.vertices {
      if vertex.readsInput {
        convolutionBlock(plan.inputChannels, vertex.channels, kernel: 1, pixels: pixels)
      }
      switch vertex.operation {
      case .conv3x3BnRelu:
        convolutionBlock(vertex.channels, vertex.channels, kernel: 3, pixels: pixels)
      case .conv1x1BnRelu:
        convolutionBlock(vertex.channels, vertex.channels, kernel: 1, pixels: pixels)
      case .maxPool3x3, .input, .output:
        flops += 9 * vertex.channels * pixels
      }
    }
    if plan.outputReadsInput {
      convolutionBlock(plan.inputChannels, plan.outputChannels, kernel: 1, pixels: pixels)
    }
  }

  /// A stride-1 `same` convolution of `kernel × kernel` plus batch norm and ReLU.
  private mutating func convolutionBlock(
    _ inChannels: Int, _ outChannels: Int, kernel: Int, pixels: Int
  ) {
    let weights = outChannels * inChannels * kernel * kernel
    parameters += weights + 2 * outChannels
    multiplyAccumulates += weights * pixels
    flops += weights * pixels + 3 * outChannels * pixels
  }
}
