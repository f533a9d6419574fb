/// Max pooling with argmax and its gradient.
///
/// Semantics (those of the reference): each window's first in-bounds element starts the
/// search, a later element replaces the best when it is greater or NaN, and `argmax`
/// gets the flat input index. A scalar loop over each window's in-bounds rectangle
/// (the compare-and-track-index step does not vectorise well through Swift's generic
/// SIMD masks: a first attempt ran at 0.1 GB/s); planes are split over threads.
@inline(__always)
func maxPoolForward<S: KernelScalar>(
  _ s: PoolingShape, input: UnsafePointer<S>, output: UnsafeMutablePointer<S>,
  argmax: UnsafeMutablePointer<Int32>
) {
  let planes = s.batch * s.channels
  let (ho, wo) = (s.outHeight, s.outWidth)
  guard planes > 0 && ho > 0 && wo > 0 else { return }
  let inPlane = s.inHeight * s.inWidth
  let parts = threadCount(work: planes * inPlane * 4, limit: planes)
  nonisolated(unsafe) let (input, output, argmax) = (input, output, argmax)
  forEachPart(parts) { part in
    let range = slice(planes, parts: parts, part: part)
    for plane in range {
      let x = input + plane * inPlane
      let y = output + plane * ho * wo
      let index = argmax + plane * ho * wo
      let base = plane * inPlane
      for oy in 0..<ho {
        let ys = max(0, oy * s.stride - s.padding)
        let ye = min(s.inHeight, oy * s.stride - s.padding + s.window)
        var ox = 0
        while ox < wo {
          let x0 = ox * s.stride - s.padding
          let xs = max(0, x0)
          let xe = min(s.inWidth, x0 + s.window)
          var best: S = -.infinity
          var bestIndex = -1
          if ye > ys && xe > xs {
            // Starting from the window's first element gives the reference's result:
            // it never beats itself, except a NaN, which then replaces itself.
            var bestOffset = ys * s.inWidth + xs
            best = x[bestOffset]
            for iy in ys..<ye {
              let row = iy * s.inWidth
              for ix in xs..<xe {
                let v = x[row + ix]
                // `v > best || v.isNaN` as a branch-free select (random data makes the
                // branch unpredictable); the two are exclusive, so `!=` is their `||`.
                let take = (v > best) != (v != v)
                best = take ? v : best
                bestOffset = take ? row + ix : bestOffset
              }
            }
            bestIndex = base + bestOffset
          }
          y[oy * wo + ox] = best
          index[oy * wo + ox] = Int32(truncatingIfNeeded: bestIndex)
          ox += 1
        }
      }
    }
  }
}

/// The input gradient of ``maxPoolForward``: every output gradient is added to the
/// input element its `argmax` names, in output order within each plane.
@inline(__always)
func maxPoolBackward<S: KernelScalar>(
  _ s: PoolingShape, outputGradient dy: UnsafePointer<S>, argmax: UnsafePointer<Int32>,
  inputGradient dx: UnsafeMutablePointer<S>
) {
  let planes = s.batch * s.channels
  let inPlane = s.inHeight * s.inWidth
  let outPlane = s.outHeight * s.outWidth
  guard planes > 0 && inPlane > 0 else { return }
  let parts = threadCount(work: planes * inPlane * 4, limit: planes)
  nonisolated(unsafe) let (dy, argmax, dx) = (dy, argmax, dx)
  forEachPart(parts) { part in
    let range = slice(planes, parts: parts, part: part)
    guard !range.isEmpty else { return }
    (dx + range.lowerBound * inPlane).update(repeating: 0, count: range.count * inPlane)
    for o in (range.lowerBound * outPlane)..<(range.upperBound * outPlane) {
      dx[Int(argmax[o])] += dy[o]
    }
  }
}

extension Float {
  /// The tuned single-precision max pooling (see ``maxPoolForward``).
  public static func maxPool2D(
    _ shape: PoolingShape, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
    argmax: UnsafeMutablePointer<Int32>
  ) {
    maxPoolForward(shape, input: input, output: output, argmax: argmax)
  }

  /// The tuned single-precision max-pooling gradient (see ``maxPoolBackward``).
  public static func maxPool2DGradient(
    _ shape: PoolingShape, outputGradient: UnsafePointer<Float>,
    argmax: UnsafePointer<Int32>, inputGradient: UnsafeMutablePointer<Float>
  ) {
    maxPoolBackward(
      shape, outputGradient: outputGradient, argmax: argmax, inputGradient: inputGradient)
  }
}

extension Double {
  /// The tuned double-precision max pooling (see ``maxPoolForward``).
  public static func maxPool2D(
    _ shape: PoolingShape, input: UnsafePointer<Double>, output: UnsafeMutablePointer<Double>,
    argmax: UnsafeMutablePointer<Int32>
  ) {
    maxPoolForward(shape, input: input, output: output, argmax: argmax)
  }

  /// The tuned double-precision max-pooling gradient (see ``maxPoolBackward``).
  public static func maxPool2DGradient(
    _ shape: PoolingShape, outputGradient: UnsafePointer<Double>,
    argmax: UnsafePointer<Int32>, inputGradient: UnsafeMutablePointer<Double>
  ) {
    maxPoolBackward(
      shape, outputGradient: outputGradient, argmax: argmax, inputGradient: inputGradient)
  }
}
