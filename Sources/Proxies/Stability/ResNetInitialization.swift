import Foundation
import Networks
import SearchSpace

/// The re-initialisation that Gracheva et al.'s reference applies to the network before
/// each forward pass of the accuracy-stability proxy.
///
/// `initialize_resnet` in egracheva/TrainlessNAS_NAS201Bench, `Reproduce_results.ipynb`
/// (the same function in `Reproduce.ipynb`), applied with `network.apply(...)` after
/// `torch.manual_seed(k)` for k = 0…99:
///
/// - `nn.Conv2d`: `kaiming_normal_(weight, mode='fan_out', nonlinearity='relu')`, that is
///   N(0, σ²) with σ = √2 / √fan_out and fan_out = out_channels·k_h·k_w; bias 0 if any.
/// - `nn.BatchNorm2d`: weight 1, bias 0.
/// - `nn.Linear`: weight N(0, 0.01²), bias 0.
///
/// Other parameters (embeddings) are left as they are, as `initialize_resnet` leaves
/// other modules. Batch-norm running statistics are not touched either; the reference
/// never calls `eval()`, so its batch norms normalise with batch statistics and never
/// read them.
///
/// The plan is made once per network; ``apply(seed:)`` then re-draws every weight in
/// place (``Parameter/withUnsafeMutableScalars(of:_:)``), in parallel over blocks of
/// ``blockSize`` scalars. The normal draws are Box–Muller pairs from one SplitMix64
/// stream per seed, consumed in ``Layer/parameters`` order; a block starts the
/// stream at its own offset (SplitMix64's n-th output is a function of seed + n·γ), so
/// the weights are the same for any thread count or block size.
public struct ResNetInitialization {
  /// What one parameter is set to.
  public enum Rule: Equatable, Sendable {
    /// Independent N(0, σ²) draws.
    case normal(standardDeviation: Double)
    /// Every scalar equal to the value.
    case constant(Double)
    /// Left unchanged.
    case unchanged
  }

  /// Scalars per unit of parallel work (even, so that Box–Muller pairs never straddle
  /// two blocks).
  static let blockSize = 1 << 14

  /// The parameters, in ``Layer/parameters`` order, and their rules.
  public let parameters: [Parameter<Float>]
  /// The rule of each parameter.
  public let rules: [Rule]
  /// The normal blocks: parameter index, scalar range, and the stream offset of the
  /// range's first scalar.
  private let blocks: [(parameter: Int, range: Range<Int>, offset: UInt64)]

  /// The plan for `network`'s parameters.
  public init(_ network: any Layer<Float>) {
    parameters = network.parameters
    rules = parameters.map { Self.rule(kind: $0.kind, shape: $0.shape) }
    var blocks: [(Int, Range<Int>, UInt64)] = []
    var offset: UInt64 = 0
    for (index, rule) in rules.enumerated() {
      guard case .normal = rule else { continue }
      let count = parameters[index].scalarCount
      for start in stride(from: 0, to: count, by: Self.blockSize) {
        blocks.append((index, start..<min(count, start + Self.blockSize), offset + UInt64(start)))
      }
      // One draw per scalar, rounded up to whole pairs.
      offset += UInt64((count + 1) / 2 * 2)
    }
    self.blocks = blocks
  }

  /// The reference's rule for a parameter of `kind` and `shape`.
  public static func rule(kind: ParameterKind, shape: [Int]) -> Rule {
    switch kind {
    case .convolutionWeight:
      // PyTorch's fan_out for a conv weight [out, in, kh, kw]: out·kh·kw; gain √2 (ReLU).
      let fanOut = shape.count >= 2 ? shape[0] * shape.dropFirst(2).reduce(1, *) : 0
      guard fanOut > 0 else { return .unchanged }
      return .normal(standardDeviation: (2 / Double(fanOut)).squareRoot())
    case .linearWeight:
      return .normal(standardDeviation: 0.01)
    case .bias, .batchNormShift:
      return .constant(0)
    case .batchNormScale:
      return .constant(1)
    case .embedding:
      return .unchanged
    }
  }

  /// Re-draws every parameter from `seed`, in place.
  public func apply(seed: UInt64) {
    Parameter.withUnsafeMutableScalars(of: parameters) { buffers in
      for (index, rule) in rules.enumerated() {
        if case .constant(let value) = rule { buffers[index].update(repeating: Float(value)) }
      }
      // Each block writes its own scalar range of one parameter.
      nonisolated(unsafe) let buffers = buffers
      let rules = rules
      let blocks = blocks
      let threads = min(ComputeThreads.count, blocks.count)
      forEachChunk(blocks.count, threads: threads, chunk: 1) { queue in
        while let taken = queue.take() {
          for block in blocks[taken] {
            guard case .normal(let deviation) = rules[block.parameter] else { continue }
            Self.fillNormal(
              buffers[block.parameter], range: block.range, standardDeviation: deviation,
              seed: seed, offset: block.offset)
          }
        }
      }
    }
  }

  /// Writes N(0, σ²) draws into `buffer[range]`: Box–Muller on consecutive pairs of
  /// uniforms from the SplitMix64 stream of `seed`, starting at draw `offset`.
  static func fillNormal(
    _ buffer: UnsafeMutableBufferPointer<Float>, range: Range<Int>, standardDeviation: Double,
    seed: UInt64, offset: UInt64
  ) {
    // SplitMix64's state after n draws is seed + n·γ.
    var rng = SplitMix64(seed: seed &+ offset &* 0x9E37_79B9_7F4A_7C15)
    var index = range.lowerBound
    while index < range.upperBound {
      // u1 in (0, 1] so that the logarithm is finite.
      let u1 = 1 - rng.nextUnitDouble()
      let u2 = rng.nextUnitDouble()
      let radius = standardDeviation * (-2 * log(u1)).squareRoot()
      let angle = 2 * Double.pi * u2
      buffer[index] = Float(radius * cos(angle))
      if index + 1 < range.upperBound { buffer[index + 1] = Float(radius * sin(angle)) }
      index += 2
    }
  }
}
