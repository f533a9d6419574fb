import Testing

@testable import Networks

/// The one-pass weighted sum against the term-by-term passes it replaced (`scale`, then
/// `addScaled` per further term): bitwise equal, with zero, unit, negative and other
/// weights, NaN and infinity among the inputs, odd lengths and 1 or 2 threads.
struct WeightedSumKernelTests {
  static let weightLists: [[Float]] = [
    [1], [0], [0.5], [1, 1], [1, -1], [0, 1], [1, 0, 1], [-0.25, 1, 3], [0, 0, 0], [2, 1, 1, -1],
  ]

  /// Runs `body` on a copy of each term and an output buffer; returns the output.
  static func withBuffers(
    _ terms: [[Float]],
    _ body: (_ terms: [UnsafeMutablePointer<Float>], _ output: UnsafeMutablePointer<Float>) ->
      Void
  ) -> [Float] {
    let count = terms[0].count
    let pointers = terms.map { term -> UnsafeMutablePointer<Float> in
      let p = UnsafeMutablePointer<Float>.allocate(capacity: count)
      p.initialize(from: term, count: count)
      return p
    }
    let output = UnsafeMutablePointer<Float>.allocate(capacity: count)
    output.initialize(repeating: .nan, count: count)
    defer {
      for p in pointers { p.deallocate() }
      output.deallocate()
    }
    body(pointers, output)
    return Array(UnsafeBufferPointer(start: output, count: count))
  }

  /// `Σ weights[k] · terms[k]` as consecutive passes, the reference for the fused kernel.
  static func termByTerm(_ terms: [[Float]], weights: [Float]) -> [Float] {
    withBuffers(terms) { pointers, output in
      let count = terms[0].count
      ElementwiseKernels.scale(weights[0], pointers[0], output, count: count)
      for k in 1..<terms.count {
        ElementwiseKernels.addScaled(weights[k], pointers[k], into: output, count: count)
      }
    }
  }

  static func fused(_ terms: [[Float]], weights: [Float]) -> [Float] {
    let count = terms[0].count
    return withBuffers(terms) { pointers, output in
      pointers.map { UnsafePointer($0) }.withUnsafeBufferPointer { terms in
        weights.withUnsafeBufferPointer { weights in
          ElementwiseKernels.weightedSum(terms, weights: weights, into: output, count: count)
        }
      }
    }
  }

  static func terms(_ n: Int, count: Int) -> [[Float]] {
    (0..<n).map { k in
      var values: [Float] = KernelTestSupport.random(count, seed: UInt64(40 + k))
      values[0] = .nan
      values[min(1, count - 1)] = .infinity
      values[min(2, count - 1)] = -0.0
      return values
    }
  }

  /// Equal as bit patterns (so NaN equals NaN and the sign of zero counts).
  static func sameBits(_ a: [Float], _ b: [Float]) -> Bool {
    a.map(\.bitPattern) == b.map(\.bitPattern)
  }

  @Test(arguments: weightLists, [3, 17, 1003])
  func fusedSumEqualsTermByTermPasses(weights: [Float], count: Int) {
    let terms = Self.terms(weights.count, count: count)
    let fused = Self.fused(terms, weights: weights)
    #expect(Self.sameBits(fused, Self.termByTerm(terms, weights: weights)))
  }

  @Test(arguments: [[Float(1), 1, 1], [0, -1, 0.5]])
  func threadCountDoesNotChangeBits(weights: [Float]) {
    let terms = Self.terms(weights.count, count: 100_003)
    let one = KernelTestSupport.withThreads(1) { Self.fused(terms, weights: weights) }
    let two = KernelTestSupport.withThreads(2) { Self.fused(terms, weights: weights) }
    #expect(Self.sameBits(one, two))
    #expect(Self.sameBits(one, Self.termByTerm(terms, weights: weights)))
  }
}
