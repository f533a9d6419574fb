import Networks
import SearchSpace
import Testing

/// A forward-only pass applies each convolution edge's batch norm while summing its
/// node (no normalised tensor is written); that must be bitwise what a recording pass
/// computes, in every batch-norm mode, including the running-statistics update.
struct NB201ForwardOnlyTests {
  static let modes: [BatchNormMode] = [.batchStatistics, .runningStatistics, .identity]

  @Test(arguments: NB201CellFixture.varied, modes)
  func forwardOnlyPassEqualsRecordingPass(cell: NB201Cell, mode: BatchNormMode) throws {
    let configuration = NB201NetworkConfiguration(channels: 4, cellsPerStage: 2)
    // 20×20: planes of 400, 100 and 25 elements, so both the vector loops and their
    // scalar tails run.
    let x = GradientCheck.randomFloat([3, 3, 20, 20], seed: 21)
    var rng = SplitMix64(seed: 5)
    let plain = try NB201Network<Float>(cell: cell, configuration: configuration, using: &rng)
    rng = SplitMix64(seed: 5)
    let taped = try NB201Network<Float>(cell: cell, configuration: configuration, using: &rng)
    let fast = plain.forward(x, in: ForwardPass(batchNorm: mode))
    let reference = taped.forward(x, in: ForwardPass(recordsGradients: true, batchNorm: mode))
    #expect(fast.scalars.map(\.bitPattern) == reference.scalars.map(\.bitPattern))
    let norms = { (net: NB201Network<Float>) -> [Float] in
      net.cells.compactMap { $0 as? NB201CellLayer<Float> }.flatMap { layer in
        layer.sublayers.compactMap { $0 as? ReLUConvBN<Float> }.flatMap {
          $0.norm.runningMean.scalars + $0.norm.runningVariance.scalars
        }
      }
    }
    #expect(norms(plain) == norms(taped))
  }
}
