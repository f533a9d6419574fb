import SearchSpace

/// The size and cost of an NAS-Bench-201 network, computed from the cell and the
/// configuration alone (no weights are allocated): fast enough for all 15,625 cells.
///
/// - ``parameters``: trainable scalars, as PyTorch counts `net.parameters()`. For
///   CIFAR-10 this is `73,306 + 243,040·n_conv3x3 + 28,000·n_conv1x1`.
/// - ``multiplyAccumulates``: of the convolutions and the classifier, per image.
/// - ``flops``: per image in the convention of the benchmark's tables (the `flops` that
///   NASLib tabulates for NB201 and the reference data's `flops_m_*_derived`):
///   convolution multiply-accumulates, 2 per batch-norm element, 1 per ReLU element,
///   `window²` per average-pooling output, `in·out` for the classifier, and
///   `C·(H+1)·(W+1)` for the global average pool over a `C×H×W` map. The last term is
///   an artefact of the counter the tables come from; with it, every one of the
///   15,625 cells matches the tables exactly for CIFAR-10, CIFAR-100 (32×32) and
///   ImageNet16-120 (16×16), e.g. 7.943872 M + 35.81952 M per 3×3 convolution edge +
///   4.36224 M per 1×1 + 1.29024 M per pooling edge on CIFAR-10.
public struct NB201NetworkCost: Hashable, Sendable {
  /// Trainable parameters.
  public var parameters = 0
  /// Multiply-accumulates of convolutions and the classifier, per image.
  public var multiplyAccumulates = 0
  /// Operations per image in the benchmark's FLOPs convention.
  public var flops = 0

  /// The cost of the network for `cell` on `height × width` inputs.
  ///
  /// - Throws: ``NetworkConfigurationError`` when `configuration` is invalid.
  public init(
    cell: NB201Cell, configuration: NB201NetworkConfiguration = .cifar10, height: Int = 32,
    width: Int = 32
  ) throws(NetworkConfigurationError) {
    try configuration.validate()
    var size = (height: height, width: width)
    let c = configuration.channels
    size = convolution(3, c, kernel: 3, stride: 1, padding: 1, size)
    batchNorm(c, size)
    var previous = c
    let operations = cell.operations
    for stage in 0..<3 {
      let channels = c << stage
      if stage > 0 {
        relu(previous, size)
        let reduced = convolution(previous, channels, kernel: 3, stride: 2, padding: 1, size)
        batchNorm(channels, reduced)
        relu(channels, reduced)
        _ = convolution(channels, channels, kernel: 3, stride: 1, padding: 1, reduced)
        batchNorm(channels, reduced)
        let pooled = averagePool(previous, window: 2, stride: 2, padding: 0, size)
        _ = convolution(previous, channels, kernel: 1, stride: 1, padding: 0, pooled)
        size = reduced
        previous = channels
      }
      for _ in 0..<configuration.cellsPerStage {
        for operation in operations {
          switch operation {
          case .none, .skipConnect:
            break
          case .avgPool3x3:
            _ = averagePool(channels, window: 3, stride: 1, padding: 1, size)
          case .conv1x1, .conv3x3:
            let kernel = operation == .conv3x3 ? 3 : 1
            relu(channels, size)
            _ = convolution(
              channels, channels, kernel: kernel, stride: 1, padding: (kernel - 1) / 2, size)
            batchNorm(channels, size)
          }
        }
      }
    }
    batchNorm(previous, size)
    relu(previous, size)
    flops += previous * (size.height + 1) * (size.width + 1)
    parameters += previous * configuration.classes + configuration.classes
    multiplyAccumulates += previous * configuration.classes
    flops += previous * configuration.classes
  }

  private mutating func convolution(
    _ inChannels: Int, _ outChannels: Int, kernel: Int, stride: Int, padding: Int,
    _ size: (height: Int, width: Int)
  ) -> (height: Int, width: Int) {
    let out = (
      height: (size.height + 2 * padding - kernel) / stride + 1,
      width: (size.width + 2 * padding - kernel) / stride + 1
    )
    let weights = outChannels * inChannels * kernel * kernel
    parameters += weights
    let macs = weights * out.height * out.width
    multiplyAccumulates += macs
    flops += macs
    return out
  }

  private mutating func batchNorm(_ channels: Int, _ size: (height: Int, width: Int)) {
    parameters += 2 * channels
    flops += 2 * channels * size.height * size.width
  }

  private mutating func relu(_ channels: Int, _ size: (height: Int, width: Int)) {
    flops += channels * size.height * size.width
  }

  private mutating func averagePool(
    _ channels: Int, window: Int, stride: Int, padding: Int, _ size: (height: Int, width: Int)
  ) -> (height: Int, width: Int) {
    let out = (
      height: (size.height + 2 * padding - window) / stride + 1,
      width: (size.width + 2 * padding - window) / stride + 1
    )
    flops += window * window * channels * out.height * out.width
    return out
  }
}
