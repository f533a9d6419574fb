import SearchSpace

/// The NAS-Bench-101 CIFAR network for one cell (`nasbench/lib/model_builder.py`).
///
/// Stem: conv3×3 (128 filters, no bias) + BN + ReLU. Then 3 stacks of 3 copies of the
/// cell; each stack after the first starts with a 2×2 max pool of stride 2 and doubles
/// the channels (128, 256, 512). Head: global average pool and a dense layer (with bias)
/// to the classes. The cell is pruned first, as the benchmark's `ModelSpec` does, and
/// wired by ``NB101CellPlan``; the trainable parameters number exactly the benchmark's
/// `trainable_parameters`.
///
/// Modules and parameter names follow the PyTorch ports (NASLib, zero-cost-nas):
/// `layers.0` is the stem, then one `layers.<i>` per cell or pooling layer, then
/// `classifier`; weights are drawn from the generator in that order with PyTorch's
/// default initialisation. ``initializeLikeReferencePort(using:)`` re-draws them as the
/// ports' own `_initialize_weights` does.
///
/// ```swift
/// var rng = SplitMix64(seed: 1)
/// let net = try NB101Network<Float>(cell: cell, using: &rng)
/// let logits = net.forward(images, in: ForwardPass())   // [N, 10]
/// ```
///
/// Counting parameters or FLOPs needs no network: see ``NB101NetworkCost``.
public final class NB101Network<Scalar: TensorScalar>: Layer {
  /// The cell as given (the network uses its pruned form, ``plans``).
  public let cell: NB101Cell
  /// The macro-architecture.
  public let configuration: NB101NetworkConfiguration
  /// The stem's conv-BN-ReLU.
  public let stem: ConvBNReLU<Scalar>
  /// The cells and the max pools between stacks, in order.
  public let layers: [any Layer<Scalar>]
  /// The dense layer.
  public let classifier: Linear<Scalar>

  /// Builds the network for `cell`, initialised with PyTorch's defaults from `rng`.
  ///
  /// - Throws: ``NB101NetworkError`` when the cell cannot be pruned to a valid graph or
  ///   the configuration is invalid or too narrow for the cell.
  public init(
    cell: NB101Cell, configuration: NB101NetworkConfiguration = .cifar10,
    using rng: inout some RandomNumberGenerator
  ) throws(NB101NetworkError) {
    let plans = try Self.plans(cell: cell, configuration: configuration)
    self.cell = cell
    self.configuration = configuration
    stem = ConvBNReLU(
      name: "layers.0", inChannels: 3, outChannels: configuration.stemChannels, kernelSize: 3,
      using: &rng)
    var layers: [any Layer<Scalar>] = []
    var planIndex = 0
    for stack in 0..<configuration.stackCount {
      if stack > 0 {
        layers.append(MaxPool2D<Scalar>(window: 2, stride: 2))
      }
      for _ in 0..<configuration.cellsPerStack {
        layers.append(
          NB101CellLayer(name: "layers.\(layers.count + 1)", plan: plans[planIndex], using: &rng))
        planIndex += 1
      }
    }
    self.layers = layers
    let width = configuration.stackChannels.last ?? configuration.stemChannels
    classifier = Linear(
      name: "classifier", inFeatures: width, outFeatures: configuration.classes, using: &rng)
  }

  /// The logits `[N, classes]` for images `[N, 3, H, W]`.
  public func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar> {
    var x = stem.forward(input, in: pass)
    for layer in layers { x = layer.forward(x, in: pass) }
    return classifier.forward(pass.globalAveragePool(x), in: pass)
  }

  /// Stem, cells and pools, classifier, in the ports' module order.
  public var sublayers: [any Layer<Scalar>] { [stem] + layers + [classifier] }

  /// The plan of every cell, in order: each stack's cells go from the previous width to
  /// the stack's width.
  static func plans(cell: NB101Cell, configuration: NB101NetworkConfiguration)
    throws(NB101NetworkError) -> [NB101CellPlan]
  {
    do {
      try configuration.validate()
    } catch {
      throw .configuration(error)
    }
    var plans: [NB101CellPlan] = []
    var previous = configuration.stemChannels
    for channels in configuration.stackChannels {
      for _ in 0..<configuration.cellsPerStack {
        plans.append(
          try NB101CellPlan(cell: cell, inputChannels: previous, outputChannels: channels))
        previous = channels
      }
    }
    if plans.isEmpty {
      // No cells: still check the cell itself, so that an invalid cell never builds.
      _ = try NB101CellPlan(cell: cell, inputChannels: previous, outputChannels: previous)
    }
    return plans
  }
}
