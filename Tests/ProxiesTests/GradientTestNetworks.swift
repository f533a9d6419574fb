import Foundation
import Networks
import Proxies
import SearchSpace

/// `[N, ...]` to `[N, rest]`, so that linear layers take images.
final class Flatten<Scalar: TensorScalar>: Layer {
  func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar> {
    pass.reshape(input, to: [input.shape[0], input.scalarCount / max(1, input.shape[0])])
  }
}

/// Tiny networks whose scores can be derived by hand, and small NB201 networks.
enum GradientTestNetworks {
  /// Builds the same layers in either precision.
  static func builder(
    _ name: String, outputs: Int, dependsOnInput: Bool = true,
    _ make: @escaping @Sendable (inout SplitMix64, Bool) -> (any Layer<Float>, any Layer<Double>)
  ) -> NetworkBuilder {
    NetworkBuilder(
      architecture: name, outputCount: outputs, dependsOnInput: dependsOnInput,
      float: { rng in make(&rng, false).0 }, double: { rng in make(&rng, true).1 })
  }

  /// Flatten → Linear(inputs→hidden) → ReLU → Linear(hidden→classes), with biases.
  static func mlp(inputs: Int, hidden: Int, classes: Int) -> NetworkBuilder {
    builder("mlp", outputs: classes) { rng, _ in
      func make<S: TensorScalar>(_: S.Type, _ rng: inout SplitMix64) -> any Layer<S> {
        Sequential<S>([
          Flatten(), Linear(name: "fc1", inFeatures: inputs, outFeatures: hidden, using: &rng),
          ReLU(), Linear(name: "fc2", inFeatures: hidden, outFeatures: classes, using: &rng),
        ])
      }
      var copy = rng
      return (make(Float.self, &rng), make(Double.self, &copy))
    }
  }

  /// An NB201 network for `cell` with `channels` and `cellsPerStage` (the benchmark's
  /// is 16 and 5), for fast checks of behaviour rather than of values.
  static func smallNB201(_ cell: NB201Cell, channels: Int = 4, cellsPerStage: Int = 1)
    -> NetworkBuilder
  {
    .nb201(
      cell,
      configuration: NB201NetworkConfiguration(
        channels: channels, cellsPerStage: cellsPerStage, classes: 10))
  }

  /// A cell with convolutions on every input-output path.
  static let liveCell =
    (try? NB201Cell(
      parsing:
        "|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|"))
    ?? NB201Cell.all[0]

  /// A cell without an input-output path (node 3 reads only `none` edges).
  static let deadCell =
    (try? NB201Cell(
      parsing: "|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|none~0|none~1|none~2|"))
    ?? NB201Cell.all[0]
}

/// The weights and biases of an ``GradientTestNetworks/mlp(inputs:hidden:classes:)``
/// network, and its loss, gradients and Hessian-vector products derived by hand, in
/// `Double`.
struct MLPReference {
  var w1: [[Double]]
  var b1: [Double]
  var w2: [[Double]]
  var b2: [Double]
  var inputs: [[Double]]
  var labels: [Int]

  /// Reads the parameters of a built `Double` MLP.
  init(_ model: any Layer<Double>, batch: ImageBatch) {
    let p = model.parameters
    func matrix(_ t: Tensor<Double>) -> [[Double]] {
      let (rows, columns) = (t.shape[0], t.shape[1])
      let s = t.scalars
      return (0..<rows).map { Array(s[($0 * columns)..<(($0 + 1) * columns)]) }
    }
    w1 = matrix(p[0].value)
    b1 = p[1].value.scalars
    w2 = matrix(p[2].value)
    b2 = p[3].value.scalars
    let size = batch.pixels.count / batch.count
    inputs = (0..<batch.count).map { n in
      batch.pixels[(n * size)..<((n + 1) * size)].map(Double.init)
    }
    labels = batch.labels
  }

  static func multiply(_ m: [[Double]], _ v: [Double]) -> [Double] {
    m.map { row in zip(row, v).reduce(0) { $0 + $1.0 * $1.1 } }
  }
  static func multiplyTransposed(_ m: [[Double]], _ v: [Double]) -> [Double] {
    var result = [Double](repeating: 0, count: m[0].count)
    for (row, factor) in zip(m, v) {
      for j in row.indices { result[j] += row[j] * factor }
    }
    return result
  }
  static func outer(_ a: [Double], _ b: [Double]) -> [[Double]] { a.map { x in b.map { x * $0 } } }
  static func add(_ a: inout [[Double]], _ b: [[Double]]) {
    for i in a.indices { for j in a[i].indices { a[i][j] += b[i][j] } }
  }
  static func zeros(like m: [[Double]]) -> [[Double]] { m.map { $0.map { _ in 0 } } }

  /// Per sample: the first layer's output (pre-ReLU), the hidden activation, the logits
  /// and `p = (softmax − onehot)/N`, the loss gradient at the logits.
  func forward(_ n: Int) -> (a1: [Double], h: [Double], z: [Double], s: [Double], p: [Double]) {
    let a1 = zip(Self.multiply(w1, inputs[n]), b1).map { $0 + $1 }
    let h = a1.map { max(0, $0) }
    let z = zip(Self.multiply(w2, h), b2).map { $0 + $1 }
    let largest = z.max() ?? 0
    let e = z.map { exp($0 - largest) }
    let total = e.reduce(0, +)
    let s = e.map { $0 / total }
    var p = s
    p[labels[n]] -= 1
    return (a1, h, z, s, p.map { $0 / Double(inputs.count) })
  }

  /// ∂L/∂W1 and ∂L/∂W2 of the mean cross-entropy.
  func weightGradients() -> ([[Double]], [[Double]]) {
    var g1 = Self.zeros(like: w1)
    var g2 = Self.zeros(like: w2)
    for n in inputs.indices {
      let f = forward(n)
      Self.add(&g2, Self.outer(f.p, f.h))
      let gh = Self.multiplyTransposed(w2, f.p)
      let ga1 = zip(gh, f.a1).map { $1 > 0 ? $0 : 0 }
      Self.add(&g1, Self.outer(ga1, inputs[n]))
    }
    return (g1, g2)
  }

  /// `H·(v1, v2)` of the mean cross-entropy with respect to (W1, W2), biases fixed,
  /// with ReLU'' = 0 (what PyTorch's double backward computes).
  func hessianProduct(_ v1: [[Double]], _ v2: [[Double]]) -> ([[Double]], [[Double]]) {
    var h1 = Self.zeros(like: w1)
    var h2 = Self.zeros(like: w2)
    let count = Double(inputs.count)
    for n in inputs.indices {
      let f = forward(n)
      let mask = f.a1.map { $0 > 0 ? 1.0 : 0.0 }
      let dh = zip(Self.multiply(v1, inputs[n]), mask).map { $0 * $1 }
      let dz = zip(Self.multiply(v2, f.h), Self.multiply(w2, dh)).map { $0 + $1 }
      let sdz = zip(f.s, dz).reduce(0) { $0 + $1.0 * $1.1 }
      let dp = zip(f.s, dz).map { $0 * ($1 - sdz) / count }
      Self.add(&h2, Self.outer(dp, f.h))
      Self.add(&h2, Self.outer(f.p, dh))
      let dgh = zip(Self.multiplyTransposed(v2, f.p), Self.multiplyTransposed(w2, dp)).map {
        $0 + $1
      }
      Self.add(&h1, Self.outer(zip(dgh, mask).map { $0 * $1 }, inputs[n]))
    }
    return (h1, h2)
  }
}

extension Array where Element == [Double] {
  /// Σ f(aᵢⱼ, bᵢⱼ).
  func sum(with other: [[Double]], _ f: (Double, Double) -> Double) -> Double {
    zip(self, other).reduce(0) { total, rows in
      total + zip(rows.0, rows.1).reduce(0) { $0 + f($1.0, $1.1) }
    }
  }
}
