import Foundation
import Networks
import SearchSpace
import Testing

@testable import Proxies

struct ActivationCodeKernelTests {
  /// K straight from the definition: Σ c cᵀ + (1 − c)(1 − c)ᵀ over every ReLU.
  func definitionKernel(_ layers: [([Float], Int)], batch: Int) -> [Double] {
    var k = [Double](repeating: 0, count: batch * batch)
    for (values, units) in layers {
      for i in 0..<batch {
        for j in 0..<batch {
          for u in 0..<units {
            let ci: Double = values[i * units + u] > 0 ? 1 : 0
            let cj: Double = values[j * units + u] > 0 ? 1 : 0
            k[i * batch + j] += ci * cj + (1 - ci) * (1 - cj)
          }
        }
      }
    }
    return k
  }

  @Test(arguments: [(5, [7, 64, 130]), (12, [1, 63, 65, 200]), (3, [512])])
  func bitPackedKernelEqualsTheDefinition(batch: Int, unitCounts: [Int]) {
    var rng = SplitMix64(seed: UInt64(batch))
    var kernel = ActivationCodeKernel(batch: batch)
    var layers: [([Float], Int)] = []
    for units in unitCounts {
      let values = (0..<(batch * units)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
      values.withUnsafeBufferPointer { kernel.add($0, unitsPerSample: units) }
      layers.append((values, units))
    }
    #expect(kernel.matrix == definitionKernel(layers, batch: batch))
    #expect(kernel.units == unitCounts.reduce(0, +))
  }

  /// Large enough (≥ 2¹⁶ values) for the packing and the comparison to be split over
  /// threads: with 1, 2 and 3 threads the kernel equals the definition.
  @Test(arguments: [1, 2, 3])
  func kernelSplitOverThreadsEqualsTheDefinition(threads: Int) {
    let batch = 9
    let units = 8_000
    var rng = SplitMix64(seed: 21)
    let values = (0..<(batch * units)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
    var kernel = ActivationCodeKernel(batch: batch)
    ComputeThreads.withCount(threads) {
      values.withUnsafeBufferPointer { kernel.add($0, unitsPerSample: units) }
    }
    #expect(kernel.matrix == definitionKernel([(values, units)], batch: batch))
  }

  /// Zero, negative zero, NaN and infinities in every lane position of the vector
  /// packing: only values above zero set a bit.
  @Test func bitPackingCountsOnlyPositiveValues() {
    let batch = 3
    let units = 150
    let specials: [Float] = [0, -0.0, .nan, .infinity, -.infinity, 1e-30, -1e-30]
    var rng = SplitMix64(seed: 9)
    let values = (0..<(batch * units)).map { index -> Float in
      rng.next() % 2 == 0 ? specials[index % specials.count] : Float(rng.nextUnitDouble() - 0.5)
    }
    var kernel = ActivationCodeKernel(batch: batch)
    values.withUnsafeBufferPointer { kernel.add($0, unitsPerSample: units) }
    #expect(kernel.matrix == definitionKernel([(values, units)], batch: batch))
  }

  @Test func repeatingTheLastAdditionEqualsAddingItAgain() {
    let batch = 6
    var rng = SplitMix64(seed: 4)
    let first = (0..<(batch * 70)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
    let second = (0..<(batch * 129)).map { _ in Float(rng.nextUnitDouble() - 0.5) }
    var twice = ActivationCodeKernel(batch: batch)
    var repeated = ActivationCodeKernel(batch: batch)
    first.withUnsafeBufferPointer {
      twice.add($0, unitsPerSample: 70)
      repeated.add($0, unitsPerSample: 70)
    }
    second.withUnsafeBufferPointer {
      twice.add($0, unitsPerSample: 129)
      twice.add($0, unitsPerSample: 129)
      repeated.add($0, unitsPerSample: 129)
    }
    repeated.repeatLastAddition()
    #expect(repeated.matrix == twice.matrix)
    #expect(repeated.units == twice.units)
  }

  @Test func identicalInputsMakeASingularKernel() {
    var kernel = ActivationCodeKernel(batch: 4)
    let values = [Float](repeating: 1, count: 4 * 10)
    values.withUnsafeBufferPointer { kernel.add($0, unitsPerSample: 10) }
    #expect(kernel.score == -.infinity)
  }

  @Test func logDeterminantMatchesAHandComputedValue() {
    // det [[4, 2, 0], [2, 3, 1], [0, 1, 2]] = 4(6 − 1) − 2(4 − 0) = 12.
    let a: [Double] = [4, 2, 0, 2, 3, 1, 0, 1, 2]
    #expect(abs(LogDeterminant.ofSymmetric(a, order: 3) - log(12)) < 1e-12)
    // A permutation matrix has |det| = 1 and needs pivoting.
    #expect(abs(LogDeterminant.ofSymmetric([0, 1, 1, 0], order: 2)) < 1e-15)
  }
}
