import Networks

/// NASWOT, "Neural Architecture Search without Training" (Mellor et al., ICML 2021).
///
/// One forward pass of the untrained network (training-mode batch norm, PyTorch's default
/// initialisation) over a batch of B = 128 images; at every ReLU the input is binarised
/// per unit (active or not), and the B×B kernel `K[i][j]` counts the units on which images
/// i and j agree. Score = log |det K|: networks that tell inputs apart have a
/// better-conditioned K. Published Kendall τ with NB201 CIFAR-10 validation accuracy:
/// 0.574. See ``ActivationCodeKernel`` for the bit-packed kernel.
public struct NASWOT: Proxy {
  /// Batch-norm mode of the pass; the authors use batch statistics (train mode).
  public var batchNorm: BatchNormMode

  /// Creates the scorer.
  public init(batchNorm: BatchNormMode = .batchStatistics) {
    self.batchNorm = batchNorm
  }

  /// `naswot`.
  public var name: String { "naswot" }
  /// One forward pass, no labels.
  public var requirements: ProxyRequirements { .forwardOnly }
  /// 128, the paper's batch.
  public var defaultBatchSize: Int { 128 }

  /// log |det K| over every ReLU input of one forward pass.
  public func score(_ context: ProxyContext) -> ProxyScore {
    let (network, input, seed) = (context.network, context.input, context.seed)
    guard case .images(let batch) = input else {
      return .failed("naswot scores image networks; use naswot-rnn for NB-NLP")
    }
    let model: any Layer<Float>
    do {
      model = try network.float(seed: seed)
    } catch {
      return .failed(error.reason)
    }
    let collector = KernelCollector(batch: batch.count)
    let pass = ForwardPass<Float>(batchNorm: batchNorm, observer: collector)
    _ = model.forward(Tensor(shape: batch.shape, scalars: batch.pixels), in: pass)
    guard collector.kernel.units > 0 else {
      return .failed("the network has no ReLU")
    }
    let value = collector.kernel.score
    return value == -.infinity
      ? .failed("the activation kernel is singular (inputs share identical codes)")
      : ProxyScore(value)
  }
}

/// Accumulates the activation-code kernel at every ReLU input.
final class KernelCollector: ActivationObserver {
  var kernel: ActivationCodeKernel
  /// The last ReLU input added, kept until the next one.
  private var previous: Tensor<Float>?

  init(batch: Int) {
    kernel = ActivationCodeKernel(batch: batch)
  }

  func observe(_ activation: Tensor<Float>, at point: ObservationPoint) {
    guard point.kind == .reluInput, let samples = activation.shape.first, samples > 0 else {
      return
    }
    let units = activation.scalarCount / samples
    guard units > 0 else { return }
    if let previous, previous.shape == activation.shape,
      previous.withUnsafeBufferPointer({ $0.baseAddress })
        == activation.withUnsafeBufferPointer({ $0.baseAddress })
    {
      // The same tensor again (a node that feeds several ReLUs): `previous` holds its
      // storage, so an equal address is the same data. Count it without re-packing.
      kernel.repeatLastAddition()
      return
    }
    activation.withUnsafeBufferPointer { kernel.add($0, unitsPerSample: units) }
    previous = activation
  }
}
