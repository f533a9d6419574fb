import SearchSpace
import Testing

@testable import Networks

/// What a pass records, keeps and shows to observers.
struct ForwardPassTests {
  /// A tiny chain with parameters: conv → BN → ReLU → global pool → linear.
  final class TinyNet: Layer {
    typealias Scalar = Double
    let conv: Convolution2D<Double>
    let norm: BatchNorm2D<Double>
    let head: Linear<Double>

    init(seed: UInt64) {
      var rng = SplitMix64(seed: seed)
      conv = Convolution2D(
        name: "conv", inChannels: 2, outChannels: 3, kernelSize: 3, padding: 1, using: &rng)
      norm = BatchNorm2D(name: "bn", channels: 3)
      head = Linear(name: "fc", inFeatures: 3, outFeatures: 2, using: &rng)
    }

    func forward(_ input: Tensor<Double>, in pass: ForwardPass<Double>) -> Tensor<Double> {
      let x = pass.relu(norm.forward(conv.forward(input, in: pass), in: pass), uses: 2)
      return head.forward(pass.globalAveragePool(x), in: pass)
    }

    var sublayers: [any Layer<Double>] { [conv, norm, head] }
  }

  let input = GradientCheck.random([2, 2, 4, 4], seed: 40)

  @Test func forwardOnlyPassRecordsNothing() {
    let net = TinyNet(seed: 1)
    let pass = ForwardPass<Double>()
    let y = net.forward(input, in: pass)
    #expect(y.shape == [2, 2])
    #expect(pass.recordedOperationCount == 0)
    #expect(pass.gradient(of: net.conv.weight) == nil)
  }

  @Test func recordingPassWithOnlyConstantsRecordsNothing() {
    let pass = ForwardPass<Double>(recordsGradients: true)
    _ = pass.relu(pass.add(input, input))
    #expect(pass.recordedOperationCount == 0)
  }

  @Test func recordingPassRecordsEachOperationAndReleasesTheTape() {
    let net = TinyNet(seed: 1)
    let pass = ForwardPass<Double>(recordsGradients: true)
    let loss = pass.crossEntropy(net.forward(input, in: pass), labels: [0, 1])
    // conv, bn, relu, pool, linear, cross-entropy.
    #expect(pass.recordedOperationCount == 6)
    pass.backward(from: loss)
    #expect(pass.recordedOperationCount == 0)
    for parameter in net.parameters {
      #expect(pass.gradient(of: parameter)?.shape == parameter.shape)
    }
  }

  @Test func forwardOnlyPassKeepsNoIntermediateAlive() {
    weak var intermediate: TensorStorage<Double>?
    var output: Tensor<Double>?
    do {
      let pass = ForwardPass<Double>()
      let hidden = pass.relu(input)
      intermediate = hidden.storage
      output = pass.scale(hidden, by: 2)
    }
    #expect(intermediate == nil)
    #expect(output != nil)
  }

  @Test func recordingPassKeepsWhatBackwardNeeds() {
    weak var intermediate: TensorStorage<Double>?
    let pass = ForwardPass<Double>(recordsGradients: true)
    var output: Tensor<Double>?
    do {
      let hidden = pass.relu(pass.requiringGradient(input))
      intermediate = hidden.storage
      output = pass.multiply(hidden, hidden)
    }
    #expect(intermediate != nil)
    if let output { pass.backward(from: output) }
    #expect(intermediate == nil)
  }

  @Test func observerSeesEveryPointInOrder() {
    var seen: [ObservationPoint] = []
    let observer = ClosureObserver<Double> { _, point in seen.append(point) }
    _ = TinyNet(seed: 1).forward(input, in: ForwardPass(observer: observer))
    #expect(
      seen.map(\.kind) == [
        .convolutionOutput, .reluInput, .reluInput, .globalPoolInput, .linearOutput,
      ])
    #expect(seen.map(\.index) == [0, 0, 1, 0, 0])
    #expect(seen.map(\.sequence) == [0, 1, 2, 3, 4])
    #expect(seen[0].weightsPerChannel == 2 * 9)
    #expect(seen[4].weightsPerChannel == 3)
  }

  /// For `L = Σ r ⊙ relu(z)` with `z = conv(x)`, the gradient at the convolution output
  /// is `r` where `z > 0` and 0 elsewhere.
  @Test func observerReceivesGradientAtConvolutionOutput() throws {
    var activation: Tensor<Double>?
    var gradient: Tensor<Double>?
    let observer = ClosureObserver<Double>(
      wantsGradient: { $0.kind == .convolutionOutput },
      gradient: { a, g, _ in
        activation = a
        gradient = g
      },
      activation: { _, _ in })
    var rng = SplitMix64(seed: 3)
    let conv = Convolution2D<Double>(
      name: "c", inChannels: 2, outChannels: 2, kernelSize: 3, padding: 1, using: &rng)
    let pass = ForwardPass<Double>(recordsGradients: true, observer: observer)
    let y = pass.relu(conv.forward(input, in: pass))
    let r = GradientCheck.random(y.shape, seed: 41)
    pass.backward(from: y, seed: r)
    let z = try #require(activation)
    let g = try #require(gradient)
    for k in 0..<z.scalarCount {
      #expect(g.scalars[k] == (z.scalars[k] > 0 ? r.scalars[k] : 0))
    }
  }

  @Test func reusedParameterAccumulatesOneGradient() throws {
    let weight = Parameter<Double>(
      name: "w", kind: .linearWeight, value: GradientCheck.random([3, 3], seed: 42))
    let pass = ForwardPass<Double>(recordsGradients: true)
    let x = GradientCheck.random([1, 3], seed: 43)
    let y = pass.linear(
      pass.linear(x, weight: pass.parameter(weight)), weight: pass.parameter(weight))
    pass.backward(from: pass.sum(y))
    let g = try #require(pass.gradient(of: weight))
    // y = x Wᵀ Wᵀ; dΣy/dW = 1 xᵀ... check against central differences instead.
    let numeric = (0..<9).map { j -> Double in
      func value(_ delta: Double) -> Double {
        var w = weight.value
        w.withUnsafeMutableBufferPointer { $0[j] += delta }
        let p = ForwardPass<Double>()
        return p.sum(p.linear(p.linear(x, weight: w), weight: w))[]
      }
      return (value(1e-6) - value(-1e-6)) / 2e-6
    }
    for (a, n) in zip(g.scalars, numeric) { #expect(abs(a - n) < 1e-8) }
  }

  @Test func layerGradientsMatchCentralDifferences() {
    let net = TinyNet(seed: 5)
    GradientCheck.check(inputs: [input], parameters: net.parameters) { pass, t in
      net.forward(t[0], in: pass)
    }
  }
}
