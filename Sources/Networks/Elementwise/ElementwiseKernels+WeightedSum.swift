extension ElementwiseKernels {
  /// `y = w₀·t₀ + w₁·t₁ + … + wₙ₋₁·tₙ₋₁` in one pass over memory.
  ///
  /// Each element is formed left to right (`((w₀·t₀) + w₁·t₁) + …`) with a separate
  /// multiply and add per term, which is bitwise what ``scale(_:_:_:count:)`` followed
  /// by ``addScaled(_:_:into:count:)`` for every further term computes (a product with a
  /// weight of 1 is exact, and `a + (−1·b)` rounds as `a − b`); but the output is
  /// written once and every input read once, instead of one pass per term.
  ///
  /// - Complexity: O(`count` · `terms.count`), one read of each term and one write.
  @inline(__always)
  static func weightedSum<S: KernelScalar>(
    _ terms: UnsafeBufferPointer<UnsafePointer<S>>, weights: UnsafeBufferPointer<S>,
    into y: UnsafeMutablePointer<S>, count: Int
  ) {
    precondition(!terms.isEmpty && terms.count == weights.count, "weightedSum arity")
    ParallelLoop.forEachChunk(count: count) { range in
      let first = terms[0]
      let w0 = SIMD16<S>(repeating: weights[0])
      var i = range.lowerBound
      while i + 16 <= range.upperBound {
        var acc = w0 * load16(first, i)
        for k in 1..<terms.count {
          acc = acc + SIMD16<S>(repeating: weights[k]) * load16(terms[k], i)
        }
        store16(acc, y, i)
        i += 16
      }
      while i < range.upperBound {
        var acc = weights[0] * first[i]
        for k in 1..<terms.count { acc = acc + weights[k] * terms[k][i] }
        y[i] = acc
        i += 1
      }
    }
  }

  // Private to this file: a generic helper in another file would not be specialised
  // in debug (incremental) builds.

  @inline(__always)
  private static func load16<S: KernelScalar>(_ pointer: UnsafePointer<S>, _ index: Int) -> SIMD16<
    S
  > {
    UnsafeRawPointer(pointer + index).loadUnaligned(as: SIMD16<S>.self)
  }

  @inline(__always)
  private static func store16<S: KernelScalar>(
    _ value: SIMD16<S>, _ pointer: UnsafeMutablePointer<S>, _ index: Int
  ) {
    UnsafeMutableRawPointer(pointer + index).storeBytes(of: value, as: SIMD16<S>.self)
  }
}

extension Float {
  /// `y = w₀·t₀ + w₁·t₁ + …` (see
  /// ``ElementwiseKernels/weightedSum(_:weights:into:count:)``).
  public static func weightedSum(
    _ terms: UnsafeBufferPointer<UnsafePointer<Float>>, weights: UnsafeBufferPointer<Float>,
    into y: UnsafeMutablePointer<Float>, count: Int
  ) {
    ElementwiseKernels.weightedSum(terms, weights: weights, into: y, count: count)
  }
}

extension Double {
  /// `y = w₀·t₀ + w₁·t₁ + …` (see
  /// ``ElementwiseKernels/weightedSum(_:weights:into:count:)``).
  public static func weightedSum(
    _ terms: UnsafeBufferPointer<UnsafePointer<Double>>, weights: UnsafeBufferPointer<Double>,
    into y: UnsafeMutablePointer<Double>, count: Int
  ) {
    ElementwiseKernels.weightedSum(terms, weights: weights, into: y, count: count)
  }
}
