import SearchSpace

/// The NAS-Bench-201 CIFAR network for one cell (xautodl's `infer.tiny`, `TinyNetwork`).
///
/// Stem: Conv3×3(3→C, no bias) + BN. Three stages of `N` copies of the cell at `C`,
/// `2C` and `4C` channels, separated by ``ResidualReductionBlock``s. Head: BN + ReLU,
/// global average pool, linear classifier. Parameters are created, named and drawn in
/// PyTorch's module order (`stem`, `cells.0` … `cells.{3N+1}`, `lastact`,
/// `classifier`), so their ``Layer/parameters`` order matches `net.parameters()`.
///
/// ```swift
/// var rng = SplitMix64(seed: 1)
/// let net = try NB201Network<Float>(cell: cell, configuration: .cifar10, using: &rng)
/// let logits = net.forward(images, in: ForwardPass())   // [N, 10]
/// ```
///
/// Counting parameters or FLOPs needs no network: see ``NB201NetworkCost``.
public final class NB201Network<Scalar: TensorScalar>: Layer {
  /// The cell repeated in every stage.
  public let cell: NB201Cell
  /// The macro-architecture.
  public let configuration: NB201NetworkConfiguration
  /// The stem convolution.
  public let stem: Convolution2D<Scalar>
  /// The stem's batch norm.
  public let stemNorm: BatchNorm2D<Scalar>
  /// The cells and reduction blocks, in order (`cells.0` …).
  public let cells: [any Layer<Scalar>]
  /// The batch norm before the final ReLU (`lastact`).
  public let headNorm: BatchNorm2D<Scalar>
  /// The classifier.
  public let classifier: Linear<Scalar>

  /// Builds the network for `cell`, initialised with PyTorch's defaults from `rng`.
  ///
  /// - Throws: ``NetworkConfigurationError`` when `configuration` is invalid.
  public init(
    cell: NB201Cell, configuration: NB201NetworkConfiguration = .cifar10,
    using rng: inout some RandomNumberGenerator
  ) throws(NetworkConfigurationError) {
    try configuration.validate()
    self.cell = cell
    self.configuration = configuration
    let c = configuration.channels
    stem = Convolution2D(
      name: "stem.0", inChannels: 3, outChannels: c, kernelSize: 3, padding: 1, using: &rng)
    stemNorm = BatchNorm2D(name: "stem.1", channels: c)
    var cells: [any Layer<Scalar>] = []
    var previous = c
    for stage in 0..<3 {
      let channels = c << stage
      if stage > 0 {
        cells.append(
          ResidualReductionBlock(
            name: "cells.\(cells.count)", inChannels: previous, outChannels: channels,
            using: &rng))
        previous = channels
      }
      for _ in 0..<configuration.cellsPerStage {
        cells.append(
          NB201CellLayer(name: "cells.\(cells.count)", cell: cell, channels: channels, using: &rng))
      }
    }
    self.cells = cells
    headNorm = BatchNorm2D(name: "lastact.0", channels: previous)
    classifier = Linear(
      name: "classifier", inFeatures: previous, outFeatures: configuration.classes, using: &rng)
  }

  /// The logits `[N, classes]` for images `[N, 3, H, W]`.
  public func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar> {
    var x = stemNorm.forward(stem.forward(input, in: pass), in: pass)
    for block in cells { x = block.forward(x, in: pass) }
    x = pass.relu(headNorm.forward(x, in: pass))
    return classifier.forward(pass.globalAveragePool(x), in: pass)
  }

  /// Stem, cells, head, in PyTorch's module order.
  public var sublayers: [any Layer<Scalar>] {
    [stem, stemNorm] + cells + [headNorm, classifier]
  }
}
