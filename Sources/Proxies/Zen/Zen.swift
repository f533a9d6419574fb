import Foundation
import Networks
import SearchSpace

/// Zen-score, "Zen-NAS: A Zero-Shot NAS for High-Performance Image Recognition"
/// (Lin et al., ICCV 2021; code idstcv/ZenNAS `ZeroShotProxy/compute_zen_score.py`,
/// and NASLib's `zen` measure, which produced the reference scores).
///
/// Every convolution and linear weight is redrawn from N(0, 1), biases set to 0,
/// batch-norm scales to 1 and shifts to 0; batch norm runs in training mode (batch
/// statistics). Two Gaussian inputs x, ε ~ N(0, 1) of the batch's shape (the images
/// themselves are not used) go through the network up to the global average pool:
///
///     Δ = mean over samples of Σ_chw |f(x) − f(x + γ·ε)|,   γ = 0.01
///     score = log Δ + Σ_BN log √(mean over channels of running_var)
///
/// The running variances are the layers' own after the two passes, x first, as
/// PyTorch leaves them: starting at 1 and updated with momentum 0.1 from the unbiased
/// batch variances. With `repeats` > 1 the score is the mean over independent
/// repeats, each with a fresh network and fresh draws (ZenNAS uses 32 repeats of a
/// batch of 16; NASLib's reference, 1 repeat of its zero-cost batch of 64, which are
/// the defaults here). Computed in float32, as the reference.
///
/// A cell without an input→output path has Δ = 0: its score is the worst value.
public struct Zen: Proxy {
  /// The perturbation's scale γ.
  public var mixupGamma: Double
  /// Independent repeats averaged.
  public var repeats: Int

  /// Creates the scorer; the defaults are NASLib's.
  public init(mixupGamma: Double = 0.01, repeats: Int = 1) {
    precondition(mixupGamma > 0 && mixupGamma.isFinite, "zen: mixup gamma must be positive")
    precondition(repeats >= 1, "zen: at least one repeat")
    self.mixupGamma = mixupGamma
    self.repeats = repeats
  }

  /// `zen`.
  public var name: String { "zen" }
  /// Forward passes on Gaussian inputs of the batch's shape; no labels.
  public var requirements: ProxyRequirements { .forwardOnly }
  /// 64, NASLib's zero-cost batch.
  public var defaultBatchSize: Int { 64 }

  /// The mean Zen-score over ``repeats``.
  public func score(_ context: ProxyContext) -> ProxyScore {
    let (network, input, seed) = (context.network, context.input, context.seed)
    guard case .images(let batch) = input else {
      return .failed("zen scores image networks")
    }
    guard network.dependsOnInput else {
      return .failed("zen: no input→output path, the feature map does not depend on the input")
    }
    var seeds = SplitMix64(seed: seed)
    var total = 0.0
    for _ in 0..<repeats {
      let repeatSeed = seeds.next()
      let model: any Layer<Float>
      do {
        model = try network.float(seed: repeatSeed)
      } catch {
        return .failed(error.reason)
      }
      switch Self.zen(model, shape: batch.shape, mixupGamma: mixupGamma, seed: repeatSeed) {
      case .success(let value): total += value
      case .failure(let failure): return .failed(failure.reason)
      }
    }
    return ProxyScore(total / Double(repeats), ifNotFinite: "zen: the score is not finite")
  }

  /// One repeat: re-initialise, draw the two inputs, score.
  private static func zen(
    _ model: any Layer<Float>, shape: [Int], mixupGamma: Double, seed: UInt64
  ) -> Result<Double, ProxyFailure> {
    // "ZEN_SCOR": a stream apart from the one that built the network.
    var rng = SplitMix64(seed: seed ^ 0x5A45_4E5F_5343_4F52)
    model.reinitializeForZen(using: &rng)
    let count = shape.reduce(1, *)
    let x = gaussian(count: count, using: &rng)
    let noise = gaussian(count: count, using: &rng)
    let gamma = Float(mixupGamma)
    var mixed = x
    for i in mixed.indices { mixed[i] += gamma * noise[i] }
    return zen(
      model, clean: Tensor(shape: shape, scalars: x),
      perturbed: Tensor(shape: shape, scalars: mixed))
  }

  /// log Δ + Σ_BN log √mean(running var) of an initialised `model` on `clean`, then
  /// `perturbed` (in that order: the running variances depend on it).
  static func zen(_ model: any Layer<Float>, clean x: Tensor<Float>, perturbed: Tensor<Float>)
    -> Result<Double, ProxyFailure>
  {
    guard let clean = preGlobalPoolFeatures(model, input: x),
      let mixed = preGlobalPoolFeatures(model, input: perturbed)
    else {
      return .failure(ProxyFailure("zen: the network has no global average pool to observe"))
    }
    guard clean.shape == mixed.shape, let samples = clean.shape.first, samples > 0 else {
      return .failure(ProxyFailure("zen: the feature maps of the two passes differ in shape"))
    }
    var difference = 0.0
    clean.withUnsafeBufferPointer { a in
      mixed.withUnsafeBufferPointer { b in
        for i in a.indices { difference += Double(abs(a[i] - b[i])) }
      }
    }
    let delta = difference / Double(samples)
    guard delta > 0 else {
      return .failure(ProxyFailure("zen: the feature map does not change with the input (Δ = 0)"))
    }
    guard delta.isFinite else {
      return .failure(ProxyFailure("zen: the feature map overflows in float32"))
    }
    var batchNormTerm = 0.0
    for layer in model.allLayers {
      guard let norm = layer as? BatchNorm2D<Float> else { continue }
      let variances = norm.runningVariance.scalars
      guard !variances.isEmpty else { continue }
      let mean = variances.reduce(0.0) { $0 + Double($1) } / Double(variances.count)
      batchNormTerm += log(mean.squareRoot())
    }
    return .success(log(delta) + batchNormTerm)
  }

  /// The tensor entering the network's global average pool on `input`.
  private static func preGlobalPoolFeatures(_ model: any Layer<Float>, input: Tensor<Float>)
    -> Tensor<Float>?
  {
    var features: Tensor<Float>?
    let observer = ClosureObserver<Float> { activation, point in
      if point.kind == .globalPoolInput { features = activation }
    }
    _ = model.forward(input, in: ForwardPass(batchNorm: .batchStatistics, observer: observer))
    return features
  }

  /// `count` standard normal draws (Box–Muller).
  private static func gaussian(count: Int, using rng: inout SplitMix64) -> [Float] {
    var values = [Float](repeating: 0, count: count)
    var i = 0
    while i < count {
      let radius = (-2 * log(1 - rng.nextUnitDouble())).squareRoot()
      let angle = 2 * Double.pi * rng.nextUnitDouble()
      values[i] = Float(radius * cos(angle))
      if i + 1 < count { values[i + 1] = Float(radius * sin(angle)) }
      i += 2
    }
    return values
  }
}

extension Layer {
  /// ZenNAS's `network_weight_gaussian_init`: convolution and linear weights N(0, 1),
  /// biases 0, batch-norm scales 1 and shifts 0 (embeddings, which it does not touch,
  /// keep their values).
  fileprivate func reinitializeForZen(using rng: inout SplitMix64) {
    for parameter in parameters {
      switch parameter.kind {
      case .convolutionWeight, .linearWeight:
        parameter.initialize(.gaussian(mean: 0, standardDeviation: 1), using: &rng)
      case .bias, .batchNormShift:
        parameter.initialize(.constant(0), using: &rng)
      case .batchNormScale:
        parameter.initialize(.constant(1), using: &rng)
      case .embedding:
        break
      }
    }
  }
}
