import Foundation
import NASTestSupport
import Networks
import SearchSpace

@testable import Proxies

/// Small networks and data shared by the forward-only scorer tests, small enough that
/// each score can be derived by hand.
enum ForwardFixtures {
  /// A builder for a network made by `make` in either precision.
  static func builder(
    _ name: String, outputs: Int = 1, dependsOnInput: Bool = true,
    make: @escaping @Sendable (inout SplitMix64) -> (any Layer<Float>, any Layer<Double>)
  ) -> NetworkBuilder {
    GradientTestNetworks.builder(name, outputs: outputs, dependsOnInput: dependsOnInput) {
      rng, _ in make(&rng)
    }
  }

  /// Images `[count, 1, 1, features]` holding `values` row by row.
  static func vectors(_ rows: [[Float]], labels: [Int]? = nil, classes: Int = 10) -> ImageBatch {
    let features = rows.first?.count ?? 0
    return ImageBatch(
      pixels: rows.flatMap { $0 }, labels: labels ?? Array(repeating: 0, count: rows.count),
      count: rows.count, channels: 1, height: 1, width: features, classCount: classes)
  }

  /// The NB201 network of `cell` at 4 channels and 1 cell per stage: the same kinds of
  /// layers as the benchmark's, for tests where the size does not matter.
  static func smallNB201(_ cell: NB201Cell) -> NetworkBuilder {
    GradientTestNetworks.smallNB201(cell)
  }

  /// The NB201 cell `text`.
  static func cell(_ text: String) throws -> NB201Cell { try NB201Cell(parsing: text) }

  /// One path from input to output, through one convolution.
  static let singleConvolutionCell =
    "|nor_conv_3x3~0|+|none~0|none~1|+|none~0|skip_connect~1|none~2|"
  /// Every path from input to output has a convolution; one has three in a row.
  static let allConvolutionCell =
    "|nor_conv_3x3~0|+|none~0|nor_conv_1x1~1|+|none~0|none~1|nor_conv_3x3~2|"
  /// A skip connection from input to output, plus convolutions.
  static let skipCell =
    "|nor_conv_3x3~0|+|skip_connect~0|nor_conv_3x3~1|+|skip_connect~0|avg_pool_3x3~1|nor_conv_1x1~2|"
  /// No path from input to output.
  static let disconnectedCell = "|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|"

  /// Whether some input→output path of `cell` passes through no convolution (only skip
  /// connections and pooling): an independent prediction of which cells epsilon can
  /// score in float32 at weight 1e-7.
  static func hasConvolutionFreePath(_ cell: NB201Cell) -> Bool {
    var reached = [true, false, false, false]
    for target in 1..<NB201Cell.nodeCount {
      for source in 0..<target where reached[source] {
        let operation = cell[to: target, from: source]
        if operation == .skipConnect || operation == .avgPool3x3 { reached[target] = true }
      }
    }
    return reached[NB201Cell.nodeCount - 1]
  }

  /// The reference rows of NASLib's proxy file for CIFAR-10: architecture and
  /// validation accuracy, plus the named columns.
  static func referenceRows(columns: [String] = []) throws -> [(
    architecture: String, accuracy: Double, values: [Double]
  )] {
    let table = try ProxyReference(dataset: "cifar10").table
    let architectures = try table.requiredColumn("arch_str")
    let accuracies = try table.numbers("val_accuracy")
    let values = try columns.map(table.numbers)
    return architectures.indices.map { row in
      (architectures[row], accuracies[row], values.map { $0[row] })
    }
  }

  /// A seeded batch of real CIFAR-10 training images.
  static func cifarBatch(size: Int, seed: UInt64 = 7) throws -> ImageBatch {
    try CIFARDataset(contentsOf: TestData.url("cifar10/cifar10_train_1864.bin"))
      .batch(size: size, seed: seed)
  }

  /// Every `step`-th element of `values`, starting at `offset`: a spread-out subset.
  static func every<T>(_ step: Int, of values: [T], offset: Int = 0) -> [T] {
    stride(from: offset, to: values.count, by: step).map { values[$0] }
  }
}

/// `head(a + relu(bn(a)))` with `a = stem(x)`: a linear stem to one unit, a batch norm
/// on it, a ReLU branch added back, and a linear head to `outputs` units.
///
/// Under epsilon's shared weight c (biases 0), with S the row sums of x and m, v their
/// mean and biased variance: `a = c·S`, `bn(a) = c²(S − m)/√(c²v + 1e-5)`, so the
/// output is `c²·[S + r·relu(S − m)]` per unit with `r = c/√(c²v + 1e-5)`.
final class ResidualProbe<Scalar: TensorScalar>: Layer {
  let stem: Linear<Scalar>
  let norm: BatchNorm2D<Scalar>
  let head: Linear<Scalar>

  init(features: Int, outputs: Int, using rng: inout SplitMix64) {
    stem = Linear(name: "stem", inFeatures: features, outFeatures: 1, using: &rng)
    norm = BatchNorm2D(name: "norm", channels: 1)
    head = Linear(name: "head", inFeatures: 1, outFeatures: outputs, using: &rng)
  }

  func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar> {
    let flat = input.reshaped([input.shape[0], input.scalarCount / input.shape[0]])
    let a = stem.forward(flat, in: pass)
    let branch = pass.relu(norm.forward(a, in: pass))
    return head.forward(pass.add(a, branch), in: pass)
  }

  var sublayers: [any Layer<Scalar>] { [stem, norm, head] }
}

/// A classifier that ignores its input and always predicts one class, drawn from the
/// builder's generator among `0..<choices`.
final class FixedGuess: Layer {
  typealias Scalar = Float
  let guess: Int
  let classes: Int

  init(classes: Int, choices: Int, using rng: inout SplitMix64) {
    self.classes = classes
    guess = Int.random(in: 0..<choices, using: &rng)
  }

  func forward(_ input: Tensor<Float>, in pass: ForwardPass<Float>) -> Tensor<Float> {
    let rows = input.shape[0]
    var logits = [Float](repeating: 0, count: rows * classes)
    for row in 0..<rows { logits[row * classes + guess] = 1 }
    return Tensor(shape: [rows, classes], scalars: logits)
  }
}
