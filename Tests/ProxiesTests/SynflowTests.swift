import Networks
import SearchSpace
import Testing

@testable import Proxies

struct SynflowTests {
  /// Flatten → Linear → ReLU → Linear → ReLU → Linear, no biases: 12 → 6 → 4 → 3.
  static let chain = GradientTestNetworks.builder("chain", outputs: 3) { rng, _ in
    func make<S: TensorScalar>(_: S.Type, _ rng: inout SplitMix64) -> any Layer<S> {
      Sequential<S>([
        Flatten(),
        Linear(name: "fc1", inFeatures: 12, outFeatures: 6, hasBias: false, using: &rng), ReLU(),
        Linear(name: "fc2", inFeatures: 6, outFeatures: 4, hasBias: false, using: &rng), ReLU(),
        Linear(name: "fc3", inFeatures: 4, outFeatures: 3, hasBias: false, using: &rng),
      ])
    }
    var copy = rng
    return (make(Float.self, &rng), make(Double.self, &copy))
  }

  @Test func chainWithoutBiasesScoresLayerCountTimesItsSynapticFlow() throws {
    // With |θ| and a ones input, R = 1ᵀ|W3||W2||W1|1 is linear in each layer's weights,
    // so Σ θ·∂R/∂θ over one layer is R (Euler), and synflow = 3R.
    let matrices = try Self.chain.double(seed: 8).parameters.map { parameter in
      let (rows, columns) = (parameter.shape[0], parameter.shape[1])
      let values = parameter.value.scalars.map { abs($0) }
      return (0..<rows).map { Array(values[($0 * columns)..<(($0 + 1) * columns)]) }
    }
    var flow = [Double](repeating: 1, count: 12)
    for matrix in matrices { flow = MLPReference.multiply(matrix, flow) }
    let r = flow.reduce(0, +)
    let batch = SyntheticBatch.images(count: 2, channels: 3, height: 2, width: 2, seed: 1)
    let score = Synflow().score(Self.chain, on: .images(batch), seed: 8)
    #expect(abs(score.value - 3 * r) <= 1e-13 * 3 * r, "\(score.value) vs \(3 * r)")
  }

  /// Conv(3→4, 3×3) → BN → ReLU → Conv(4→2, 1×1) → ReLU → pool → Linear(2→3), no biases.
  static let convolutionChain = GradientTestNetworks.builder("conv-chain", outputs: 3) { rng, _ in
    func make<S: TensorScalar>(_: S.Type, _ rng: inout SplitMix64) -> any Layer<S> {
      Sequential<S>([
        Convolution2D(
          name: "c1", inChannels: 3, outChannels: 4, kernelSize: 3, padding: 1, using: &rng),
        BatchNorm2D(name: "bn", channels: 4), ReLU(),
        Convolution2D(name: "c2", inChannels: 4, outChannels: 2, kernelSize: 1, using: &rng),
        ReLU(), GlobalAveragePool(),
        Linear(name: "fc", inFeatures: 2, outFeatures: 3, hasBias: false, using: &rng),
      ])
    }
    var copy = rng
    return (make(Float.self, &rng), make(Double.self, &copy))
  }

  @Test func batchNormIsTheIdentityAndConvolutionsConserveFlow() throws {
    // Batch norm over one all-ones image would zero every activation; as the identity,
    // each of the three weight layers carries the whole flow R.
    let model = try Self.convolutionChain.double(seed: 4)
    for parameter in model.parameters {
      parameter.value = Tensor(
        shape: parameter.shape, scalars: parameter.value.scalars.map { abs($0) })
    }
    let output = model.forward(
      Tensor(repeating: 1, shape: [1, 3, 5, 5]), in: ForwardPass(batchNorm: .identity))
    let r = output.scalars.reduce(0, +)
    #expect(r > 0)
    let batch = SyntheticBatch.images(count: 3, channels: 3, height: 5, width: 5, seed: 2)
    let score = Synflow().score(Self.convolutionChain, on: .images(batch), seed: 4)
    #expect(abs(score.value - 3 * r) <= 1e-13 * 3 * r, "\(score.value) vs \(3 * r)")
  }

  @Test func cellWithoutInputOutputPathScoresZeroAsTheReference() throws {
    let batch = SyntheticBatch.images(count: 2, seed: 1)
    let builder = NetworkBuilder.nb201(GradientTestNetworks.deadCell)
    #expect(Synflow().score(builder, on: .images(batch), seed: 1) == ProxyScore(0))
    #expect(Synflow.synflow(try builder.double(seed: 1), imageShape: [3, 32, 32]) == 0)
  }

  @Test func benchmarkNetworkScoresAreHugeAndReproducible() throws {
    let batch = SyntheticBatch.images(count: 2, seed: 1)
    let builder = NetworkBuilder.nb201(GradientTestNetworks.liveCell)
    let first = Synflow().score(builder, on: .images(batch), seed: 5)
    // Products of |θ| over ~20 layers: far beyond Float's precision needs, finite in Double.
    #expect(first.isValid && first.value > 1e10 && first.value < 1e100)
    #expect(Synflow().score(builder, on: .images(batch), seed: 5) == first)
    #expect(Synflow().score(builder, on: .images(batch), seed: 6) != first)
  }
}
