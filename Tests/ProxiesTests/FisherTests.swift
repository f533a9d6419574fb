import Foundation
import Networks
import SearchSpace
import Testing

@testable import Proxies

struct FisherTests {
  /// ½ · mean_n (Σ a·g)² per channel, summed, times the weights per channel.
  static func fisher(_ s: [[Double]], weightsPerChannel: Int) -> Double {
    let samples = Double(s.count)
    var total = 0.0
    for k in s[0].indices {
      total += 0.5 * s.reduce(0) { $0 + $1[k] * $1[k] } / samples
    }
    return total * Double(weightsPerChannel)
  }

  @Test(arguments: [GradientPrecision.float64, .float32])
  func linearLayersUseTheirOutputAndItsGradient(precision: GradientPrecision) throws {
    let reference = MLPReference(try SNIPTests.network.double(seed: 7), batch: SNIPTests.batch)
    var first: [[Double]] = []
    var second: [[Double]] = []
    for n in reference.inputs.indices {
      let f = reference.forward(n)
      // The gradient at the first layer's output passes the ReLU's mask.
      let g1 = zip(MLPReference.multiplyTransposed(reference.w2, f.p), f.a1).map {
        $1 > 0 ? $0 : 0
      }
      first.append(zip(f.a1, g1).map { $0 * $1 })
      second.append(zip(f.z, f.p).map { $0 * $1 })
    }
    let expected =
      Self.fisher(first, weightsPerChannel: 8) + Self.fisher(second, weightsPerChannel: 5)
    let score = Fisher(precision: precision).score(
      SNIPTests.network, on: .images(SNIPTests.batch), seed: 7)
    let tolerance = precision == .float64 ? 1e-12 : 1e-5
    #expect(abs(score.value - expected) <= tolerance * expected, "\(score.value) vs \(expected)")
  }

  /// Conv(2→3, 3×3, padding 1, bias) → global average pool → Linear(3→4).
  static let convolutionNetwork = GradientTestNetworks.builder("conv", outputs: 4) { rng, _ in
    func make<S: TensorScalar>(_: S.Type, _ rng: inout SplitMix64) -> any Layer<S> {
      Sequential<S>([
        Convolution2D(
          name: "conv", inChannels: 2, outChannels: 3, kernelSize: 3, padding: 1, hasBias: true,
          using: &rng),
        GlobalAveragePool(), Linear(name: "fc", inFeatures: 3, outFeatures: 4, using: &rng),
      ])
    }
    var copy = rng
    return (make(Float.self, &rng), make(Double.self, &copy))
  }

  @Test func convolutionChannelsSumActivationTimesGradientOverSpace() throws {
    let batch = SyntheticBatch.images(
      count: 5, channels: 2, height: 4, width: 4, classCount: 4, seed: 21)
    let model = try Self.convolutionNetwork.double(seed: 2)
    let p = model.parameters.map(\.value.scalars)
    let (kernel, bias, linear, linearBias) = (p[0], p[1], p[2], p[3])
    var convolutionTerms: [[Double]] = []
    var linearTerms: [[Double]] = []
    for n in 0..<batch.count {
      // The convolution output by hand, and its spatial mean.
      var means = [Double](repeating: 0, count: 3)
      for c in 0..<3 {
        for y in 0..<4 {
          for x in 0..<4 {
            var a = bias[c]
            for i in 0..<2 {
              for dy in -1...1 {
                for dx in -1...1 where (0..<4).contains(y + dy) && (0..<4).contains(x + dx) {
                  let pixel = Double(batch.pixels[((n * 2 + i) * 4 + y + dy) * 4 + x + dx])
                  a += kernel[((c * 2 + i) * 3 + dy + 1) * 3 + dx + 1] * pixel
                }
              }
            }
            means[c] += a / 16
          }
        }
      }
      var z = linearBias
      for k in 0..<4 { for c in 0..<3 { z[k] += linear[k * 3 + c] * means[c] } }
      let largest = z.max() ?? 0
      let e = z.map { exp($0 - largest) }
      var g = e.map { $0 / e.reduce(0, +) }
      g[batch.labels[n]] -= 1
      g = g.map { $0 / Double(batch.count) }
      // ∂L/∂a is (Wᵀg)_c / 16 at every position, so Σ_hw a·∂L/∂a = (Wᵀg)_c · mean(a_c).
      let pooledGradient = (0..<3).map { c in
        (0..<4).reduce(0.0) { $0 + linear[$1 * 3 + c] * g[$1] }
      }
      convolutionTerms.append(zip(pooledGradient, means).map { $0 * $1 })
      linearTerms.append(zip(z, g).map { $0 * $1 })
    }
    let expected =
      Self.fisher(convolutionTerms, weightsPerChannel: 2 * 3 * 3)
      + Self.fisher(linearTerms, weightsPerChannel: 3)
    let score = Fisher(precision: .float64).score(
      Self.convolutionNetwork, on: .images(batch), seed: 2)
    #expect(abs(score.value - expected) <= 1e-12 * expected, "\(score.value) vs \(expected)")
  }

  @Test func cellWithoutInputOutputPathKeepsOnlyTheClassifierTermAsTheReference() throws {
    // Every activation after the first dead cell is zero, and the first cell's
    // convolutions get a zero gradient: only the classifier, whose logits are its bias
    // b, contributes ½·mean_n (b_k·p_nk)² per class, times its 16 inputs.
    let batch = SyntheticBatch.images(count: 4, seed: 1)
    let builder = GradientTestNetworks.smallNB201(GradientTestNetworks.deadCell)
    let bias = try builder.double(seed: 1).parameters.last?.value.scalars ?? []
    let e = bias.map { exp($0 - (bias.max() ?? 0)) }
    let softmax = e.map { $0 / e.reduce(0, +) }
    let terms = batch.labels.map { label in
      (0..<10).map { k in bias[k] * (softmax[k] - (k == label ? 1 : 0)) / 4 }
    }
    let expected = Self.fisher(terms, weightsPerChannel: 16)
    let score = Fisher(precision: .float64).score(builder, on: .images(batch), seed: 1)
    #expect(expected > 0)
    #expect(abs(score.value - expected) <= 1e-12 * expected, "\(score.value) vs \(expected)")
  }

  @Test func everyConvolutionAndTheClassifierContribute() throws {
    // The small NB201 network of the live cell: stem, 3 cells with 3 convolutions each,
    // 2 reduction blocks with 3 convolutions each, and the classifier.
    let batch = SyntheticBatch.images(count: 3, seed: 4)
    let builder = GradientTestNetworks.smallNB201(GradientTestNetworks.liveCell)
    let model = try builder.float(seed: 9)
    let collector = FisherCollector<Float>()
    _ = GradientScoring.crossEntropyPass(model, on: batch, observer: collector)
    #expect(collector.layers.count == 1 + 3 * 3 + 2 * 3 + 1)
    #expect(collector.layers.allSatisfy { $0.channels.allSatisfy { $0 >= 0 && $0.isFinite } })
    #expect(collector.layers.last?.point.kind == .linearOutput)
    #expect(collector.layers.last?.channels.count == 10)
  }
}
