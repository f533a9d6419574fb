import Networks
import SearchSpace

/// Untrained-accuracy stability, "Trainless model performance estimation based on
/// random weights initialisations for neural architecture search" (Gracheva, Array
/// 12, 2021).
///
/// The untrained network classifies one fixed labelled batch (B = 256) once per
/// random initialisation, for `initializations` = 100 independent initialisations
/// (PyTorch's default initialisation, batch norm on batch statistics as in the
/// author's NASWOT-derived code); with a_k the top-1 accuracy of initialisation k,
///
///     CV = std(a) / mean(a)   (population standard deviation),   score = −CV
///
/// so that higher is better. Published on NB201 (the lowest-CV architecture of 100
/// sampled): CIFAR-10 91.90 ± 2.27, CIFAR-100 64.08 ± 5.63, ImageNet16-120 38.76 ± 6.62.
///
/// It costs `initializations` forward passes: the image tensor is built once, each
/// pass is forward-only (nothing is recorded), and only the arg-max of each row is
/// kept. A cell without an input→output path predicts one class for every image and
/// is given the worst score without running; so is a network whose accuracy is 0
/// for every initialisation (CV undefined).
public struct AccuracyStability: Proxy {
  /// The number of random initialisations.
  public var initializations: Int

  /// Creates the scorer (the paper: 100 initialisations).
  public init(initializations: Int = 100) {
    precondition(initializations >= 2, "accuracy stability needs at least 2 initialisations")
    self.initializations = initializations
  }

  /// `accuracy-stability`.
  public var name: String { "accuracy-stability" }
  /// Forward passes with labels.
  public var requirements: ProxyRequirements { .labels }
  /// 256, the paper's batch.
  public var defaultBatchSize: Int { 256 }

  /// −std/mean of the untrained top-1 accuracy over ``initializations``.
  public func score(_ context: ProxyContext) -> ProxyScore {
    let (network, input, seed) = (context.network, context.input, context.seed)
    guard case .images(let batch) = input else {
      return .failed("accuracy-stability scores image classifiers")
    }
    guard network.dependsOnInput else {
      return .failed(
        "accuracy-stability: no input→output path, every image gets the same prediction")
    }
    let accuracies: [Double]
    do {
      accuracies = try self.accuracies(network, on: batch, seed: seed)
    } catch {
      return .failed("accuracy-stability: \(error.reason)")
    }
    guard let value = Self.negatedCoefficientOfVariation(accuracies) else {
      return .failed("accuracy-stability: the untrained accuracy is 0 for every initialisation")
    }
    return ProxyScore(value)
  }

  /// The top-1 accuracy (a fraction) of each of the ``initializations`` networks
  /// that `network` builds from seeds drawn from `seed`.
  public func accuracies(_ network: NetworkBuilder, on batch: ImageBatch, seed: UInt64)
    throws(ProxyFailure) -> [Double]
  {
    let images = Tensor<Float>(shape: batch.shape, scalars: batch.pixels)
    var seeds = SplitMix64(seed: seed)
    var result: [Double] = []
    result.reserveCapacity(initializations)
    for _ in 0..<initializations {
      let model = try network.float(seed: seeds.next())
      let logits = model.forward(images, in: ForwardPass<Float>(batchNorm: .batchStatistics))
      result.append(Self.top1Accuracy(logits, labels: batch.labels))
    }
    return result
  }

  /// The fraction of rows of `logits[N, classes]` whose first maximal entry is the label.
  static func top1Accuracy(_ logits: Tensor<Float>, labels: [Int]) -> Double {
    guard logits.rank == 2, logits.shape[0] == labels.count, logits.shape[1] > 0 else { return 0 }
    let classes = logits.shape[1]
    var correct = 0
    logits.withUnsafeBufferPointer { values in
      for (row, label) in labels.enumerated() {
        var best = 0
        for k in 1..<classes where values[row * classes + k] > values[row * classes + best] {
          best = k
        }
        if best == label { correct += 1 }
      }
    }
    return Double(correct) / Double(labels.count)
  }

  /// −std/mean (population std), or nil when the mean is 0 or a value is not finite.
  static func negatedCoefficientOfVariation(_ values: [Double]) -> Double? {
    guard !values.isEmpty, values.allSatisfy(\.isFinite) else { return nil }
    let mean = values.reduce(0, +) / Double(values.count)
    guard mean > 0 else { return nil }
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    return -(variance.squareRoot() / mean)
  }
}
