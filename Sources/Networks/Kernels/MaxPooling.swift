/// Max pooling with argmax and its gradient.
///
/// Semantics (those of the reference): each window's first in-bounds element starts the
/// search, a later element replaces the best when it is greater or NaN, and `argmax`
/// gets the flat input index. Stride 1 handles `lanes` windows at a time with vector
/// compares and blends wherever the windows lie inside the row; borders and other
/// strides use a branch-free scalar loop. Planes are split over threads.
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
        // Stride 1: vector groups of windows for ox in firstVector ... lastVector (all
        // columns in bounds), the last group overlapping the previous one if needed
        // (recomputing a window gives the same result).
        let firstVector = s.padding
        let lastVector = min(wo - S.lanes, s.inWidth - s.window - S.lanes + 1 + s.padding)
        let vectors = s.stride == 1 && ye > ys && lastVector >= firstVector
        var ox = 0
        while ox < wo {
          if vectors && ox >= firstVector && ox < lastVector + S.lanes {
            let start = min(ox, lastVector)
            vectorWindows(
              x, firstColumn: start - s.padding, rows: ys..<ye, window: s.window,
              width: s.inWidth, base: base, values: y + oy * wo + start,
              indices: index + oy * wo + start)
            ox = start + S.lanes
            continue
          }
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

/// Max pooling of `lanes` adjacent stride-1 windows whose columns are all in bounds.
///
/// Vector compares and blends (``KernelScalar/keepGreaterOrNaN(_:_:_:_:)``). The offset of
/// each lane's best element from its window's first element is tracked as a vector of
/// small integers (exact in any float type: below window·width) and turned into flat
/// indices at the end.
@inline(__always)
private func vectorWindows<S: KernelScalar>(
  _ x: UnsafePointer<S>, firstColumn: Int, rows: Range<Int>, window: Int, width: Int,
  base: Int, values: UnsafeMutablePointer<S>, indices: UnsafeMutablePointer<Int32>
) {
  typealias V = S.Vector
  var best = UnsafeRawPointer(x + rows.lowerBound * width + firstColumn).loadUnaligned(
    as: V.self)
  // Position = the best element's offset from the window's first element.
  var position = V()
  for iy in rows {
    let row = x + iy * width + firstColumn
    let rowOffset = (iy - rows.lowerBound) * width
    for kx in 0..<window where iy != rows.lowerBound || kx != 0 {
      let v = UnsafeRawPointer(row + kx).loadUnaligned(as: V.self)
      S.keepGreaterOrNaN(&best, &position, v, S(rowOffset + kx))
    }
  }
  UnsafeMutableRawPointer(values).storeBytes(of: best, as: V.self)
  let first = base + rows.lowerBound * width + firstColumn
  for lane in 0..<V.scalarCount {
    indices[lane] = Int32(truncatingIfNeeded: first + lane + S.integer(position[lane]))
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
