import Networks
import SearchSpace

/// Untrained-accuracy stability, "Trainless model performance estimation based on
/// random weights initialisations for neural architecture search" (Gracheva, Array 12,
/// 2021), as the author's code computes it (egracheva/TrainlessNAS_NAS201Bench,
/// `Reproduce_results.ipynb`).
///
/// The untrained network classifies one fixed labelled batch (B = 256) once per random
/// initialisation, for `initializations` = 100 initialisations. Before each pass every
/// weight is re-drawn as the reference's `initialize_resnet` does (see
/// ``ResNetInitialization``: convolutions Kaiming-normal with fan-out and ReLU gain,
/// linear weights N(0, 0.01²), biases 0, batch-norm γ = 1, β = 0), and batch norm uses
/// the batch's statistics (the reference never calls `eval()`, so its network stays in
/// training mode). With a_k the top-1 accuracy of initialisation k (the first maximal
/// logit, as `torch.argmax`; correct predictions / B),
///
///     CV = std(a) / mean(a)   (population standard deviation, as `np.std`),
///     score = −CV,
///
/// so that higher is better. When the accuracies do not vary (std = 0, which includes a
/// network that predicts one class for every image under every initialisation) the
/// reference gives 999, the worst score it can give; here that is a failure, the worst
/// ``ProxyScore``, with the reason. The reference's batch is the first batch of a
/// shuffled CIFAR training loader (with its random crop and flip); here it is the batch
/// the caller passes. Published on NB201 (the lowest-CV architecture of 100
/// sampled): CIFAR-10 91.90 ± 2.27, CIFAR-100 64.08 ± 5.63, ImageNet16-120 38.76 ± 6.62.
///
/// Cost: `initializations` forward passes. The network is built once; each pass re-draws
/// its weights in place (in parallel, the same values for any thread count) and records
/// nothing, and only the arg-max of each row is kept. An NB201 network is built without
/// the cell edges that cannot affect its output (``liveCell(_:)``: the same logits,
/// fewer FLOPs). A cell without an input→output path predicts one class for every image,
/// so it is given the worst score without running.
public struct AccuracyStability: Proxy {
  /// The number of random initialisations.
  public var initializations: Int
  /// How many initialisations run at once, each on one thread with its own copy of the
  /// network; nil for ``ComputeThreads/count``.
  ///
  /// Passes side by side, one per core, share nothing, so no thread waits for the other
  /// at every layer as the threads of one split pass do. With 1 the passes run one after
  /// the other, each on ``ComputeThreads/count`` threads. Memory grows with it (one
  /// network and one pass's activations each). The accuracies are the same either way.
  public var passesAtOnce: Int?

  /// Creates the scorer (the paper: 100 initialisations).
  public init(initializations: Int = 100, passesAtOnce: Int? = nil) {
    precondition(initializations >= 2, "accuracy stability needs at least 2 initialisations")
    self.initializations = initializations
    self.passesAtOnce = passesAtOnce
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
    guard let cv = Self.coefficientOfVariation(accuracies) else {
      let value = accuracies.first.map { "\($0)" } ?? "none"
      return .failed(
        "accuracy-stability: the untrained accuracy is \(value) for every initialisation "
          + "(std 0; the reference scores it 999, the worst)")
    }
    return ProxyScore(-cv)
  }

  /// The top-1 accuracy (a fraction) on `batch` after each of the ``initializations``
  /// re-initialisations of `network`, whose seeds are drawn from `seed`.
  ///
  /// Initialisation k's accuracy depends on `seed` and k alone, so the result is the same
  /// whichever pass ran on which thread.
  public func accuracies(_ network: NetworkBuilder, on batch: ImageBatch, seed: UInt64)
    throws(ProxyFailure) -> [Double]
  {
    let images = Tensor<Float>(shape: batch.shape, scalars: batch.pixels)
    let labels = batch.labels
    var seeds = SplitMix64(seed: seed)
    let buildSeed = seeds.next()
    let passSeeds = (0..<initializations).map { _ in seeds.next() }
    let workers = max(1, min(passesAtOnce ?? ComputeThreads.count, initializations))
    // Each worker builds its own network once; the builder's initialisation is overwritten
    // before the first pass.
    var models: [any Layer<Float>] = []
    for _ in 0..<workers { models.append(try Self.build(network, seed: buildSeed)) }
    let plans = models.map(ResNetInitialization.init)
    func accuracy(_ index: Int, worker: Int) -> Double {
      plans[worker].apply(seed: passSeeds[index])
      let logits = models[worker].forward(
        images, in: ForwardPass<Float>(batchNorm: .batchStatistics))
      return Self.top1Accuracy(logits, labels: labels)
    }
    guard workers > 1 else { return (0..<initializations).map { accuracy($0, worker: 0) } }
    return [Double](unsafeUninitializedCapacity: initializations) { buffer, count in
      // Worker w alone uses models[w] and plans[w]; each index is taken by one worker and
      // written once.
      nonisolated(unsafe) let buffer = buffer
      nonisolated(unsafe) let accuracy = accuracy
      let queue = WorkQueue(count: initializations, chunk: 1)
      forEachPart(workers) { worker in
        ComputeThreads.withCount(1) {
          while let indices = queue.take() {
            for index in indices { buffer[index] = accuracy(index, worker) }
          }
        }
      }
      count = initializations
    }
  }

  /// `network`'s `Float` network from `seed`; for NB201, without its dead cell edges.
  private static func build(_ network: NetworkBuilder, seed: UInt64) throws(ProxyFailure)
    -> any Layer<Float>
  {
    let model = try network.float(seed: seed)
    guard let nb201 = model as? NB201Network<Float>, liveCell(nb201.cell) != nb201.cell else {
      return model
    }
    // The same logits from fewer layers (see `liveCell(_:)`).
    var rng = SplitMix64(seed: seed)
    do {
      return try NB201Network<Float>(
        cell: liveCell(nb201.cell), configuration: nb201.configuration, using: &rng)
    } catch {
      throw ProxyFailure("\(error)")
    }
  }

  /// The fraction of rows of `logits[N, classes]` whose predicted class is the label.
  ///
  /// The prediction is `torch.argmax`'s: the first maximal entry, where NaN counts as
  /// the maximum.
  static func top1Accuracy(_ logits: Tensor<Float>, labels: [Int]) -> Double {
    guard logits.rank == 2, logits.shape[0] == labels.count, logits.shape[1] > 0,
      !labels.isEmpty
    else { return 0 }
    let classes = logits.shape[1]
    var correct = 0
    logits.withUnsafeBufferPointer { values in
      for (row, label) in labels.enumerated() {
        let base = row * classes
        var best = 0
        if !values[base].isNaN {
          for k in 1..<classes {
            let value = values[base + k]
            if value.isNaN {
              best = k
              break
            }
            if value > values[base + best] { best = k }
          }
        }
        if best == label { correct += 1 }
      }
    }
    return Double(correct) / Double(labels.count)
  }

  /// std/mean with the population standard deviation (`np.std(a) / np.mean(a)`), or nil
  /// when it is not a positive number: the values are all equal (std 0), empty, or not
  /// all finite.
  static func coefficientOfVariation(_ values: [Double]) -> Double? {
    guard let first = values.first, values.allSatisfy(\.isFinite),
      values.contains(where: { $0 != first })
    else { return nil }
    let n = Double(values.count)
    let mean = values.reduce(0, +) / n
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
    let cv = variance.squareRoot() / mean
    return cv.isFinite && cv > 0 ? cv : nil
  }
}
