import Networks
import SearchSpace

/// `flops`: the cost of one forward pass of one image, in millions, a strong zero-cost
/// baseline (NASLib's `flops`; Spearman 0.68 with NB201 CIFAR-10 validation accuracy
/// on the reference subset).
///
/// For NB201 cells (an architecture text that parses as one, built as the benchmark's
/// C = 16, N = 5 network with the builder's head) it is the benchmark's own convention (``NB201NetworkCost/flops``:
/// convolution multiply-accumulates, 2 per batch-norm element, 1 per ReLU element,
/// the pooling windows and the classifier), e.g. 7.943872 + 35.81952·n_conv3x3 +
/// 4.36224·n_conv1x1 + 1.29024·n_pool on 32×32 CIFAR-10 images, which is the
/// tables' `flops_m_*`; the input's height and width are used (ImageNet16-120: 16×16).
/// For other image networks, for which no benchmark counter exists here, it is the
/// multiply-accumulates of the convolutions and linear layers, counted by the engine
/// on one forward pass of one image of the input's shape: consistent within a space,
/// not across spaces. Never fails for NB201, including cells without an
/// input→output path.
public struct FLOPCount: Proxy {
  /// Creates the scorer.
  public init() {}

  /// `flops`.
  public var name: String { "flops" }
  /// No data (only the input's shape).
  public var requirements: ProxyRequirements { .noData }
  /// Unused; 1 so that callers build the smallest batch.
  public var defaultBatchSize: Int { 1 }

  /// Millions of operations per image.
  public func score(_ context: ProxyContext) -> ProxyScore {
    let (network, input, seed) = (context.network, context.input, context.seed)
    var imageShape = [3, 32, 32]
    if case .images(let batch) = input {
      imageShape = [batch.channels, batch.height, batch.width]
    }
    if let cell = try? NB201Cell(parsing: network.architecture) {
      do {
        let cost = try NB201NetworkCost(
          cell: cell, configuration: NB201NetworkConfiguration(classes: network.outputCount),
          height: imageShape[1], width: imageShape[2])
        return ProxyScore(Double(cost.flops) / 1e6)
      } catch {
        return .failed("flops: \(error)")
      }
    }
    guard case .images = input else {
      return .failed("flops: no FLOPs counter for non-image networks")
    }
    do {
      let model = try network.float(seed: seed)
      let pass = ForwardPass<Float>(batchNorm: .batchStatistics)
      _ = model.forward(Tensor(zeros: [1] + imageShape), in: pass)
      return ProxyScore(Double(pass.multiplyAccumulates) / 1e6)
    } catch {
      return .failed(error.reason)
    }
  }
}
