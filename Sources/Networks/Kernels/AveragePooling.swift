/// Average pooling with `count_include_pad = False` and its gradient.
///
/// Stride 1 (NB201's 3×3 cell pooling) is separable: the window's input rows are summed
/// into one row with vector adds, then each output is the sum of `window` shifted loads
/// of that row, divided by its own count of in-bounds elements. Other strides use a
/// direct loop over each window. Planes (image × channel) are split over threads, and
/// each plane is computed the same way by whichever thread owns it.
@inline(__always)
func averagePoolForward<S: KernelScalar>(
  _ s: PoolingShape, input: UnsafePointer<S>, output: UnsafeMutablePointer<S>
) {
  let planes = s.batch * s.channels
  let (ho, wo) = (s.outHeight, s.outWidth)
  guard planes > 0 && ho > 0 && wo > 0 else { return }
  let inPlane = s.inHeight * s.inWidth
  let parts = threadCount(work: planes * inPlane * 4, limit: planes)
  nonisolated(unsafe) let (input, output) = (input, output)
  forEachPart(parts) { part in
    let range = slice(planes, parts: parts, part: part)
    guard !range.isEmpty else { return }
    if s.stride == 1 && s.padding < s.window {
      let lanes = S.lanes
      let rowWidth = wo + s.window + lanes
      let row = Scratch<S>(count: rowWidth)
      let columnCounts = Scratch<S>(count: wo)
      defer {
        row.deallocate()
        columnCounts.deallocate()
      }
      row.base.update(repeating: 0, count: rowWidth)
      for ox in 0..<wo {
        let xs = max(0, ox - s.padding)
        let xe = min(s.inWidth, ox - s.padding + s.window)
        columnCounts.base[ox] = S(max(0, xe - xs))
      }
      for plane in range {
        let x = input + plane * inPlane
        let y = output + plane * ho * wo
        for oy in 0..<ho {
          let ys = max(0, oy - s.padding)
          let ye = min(s.inHeight, oy - s.padding + s.window)
          // row[padding + i] = Σ_iy x[iy][i]; zeros around it.
          let sums = row.base + s.padding
          sumRows(
            x + ys * s.inWidth, count: ye - ys, stride: s.inWidth, width: s.inWidth, into: sums)
          let out = y + oy * wo
          let rows = S(max(0, ye - ys))
          windowSums(
            row.base, window: s.window, width: wo, dividedBy: columnCounts.base, times: rows,
            into: out)
        }
      }
    } else if s.window == 2 && s.stride == 2 && s.padding == 0 {
      let columns = Scratch<S>(count: 4 * wo)
      defer { columns.deallocate() }
      for plane in range {
        halvingAveragePool(
          s, input: input + plane * inPlane, output: output + plane * ho * wo,
          columns: columns.base)
      }
    } else if s.window == s.stride && s.padding == 0 {
      for plane in range {
        tiledAveragePool(s, input: input + plane * inPlane, output: output + plane * ho * wo)
      }
    } else {
      for plane in range {
        directAveragePool(s, input: input + plane * inPlane, output: output + plane * ho * wo)
      }
    }
  }
}

/// `into[i] = Σ_{r < count} rows[r·stride + i]` for `i < width` (zero when count is 0).
@inline(__always)
private func sumRows<S: KernelScalar>(
  _ rows: UnsafePointer<S>, count: Int, stride: Int, width: Int,
  into out: UnsafeMutablePointer<S>
) {
  let lanes = S.lanes
  var i = 0
  while i + lanes <= width {
    var acc = S.Vector()
    for r in 0..<count { acc += load(rows + r * stride + i) }
    store(acc, out + i)
    i += lanes
  }
  while i < width {
    var acc: S = 0
    for r in 0..<count { acc += rows[r * stride + i] }
    out[i] = acc
    i += 1
  }
}

/// `out[o] = (Σ_{t < window} row[o + t]) / (counts[o] · rowCount)` for `o < width`, or
/// the plain sums when `counts` is nil.
@inline(__always)
private func windowSums<S: KernelScalar>(
  _ row: UnsafePointer<S>, window: Int, width: Int, dividedBy counts: UnsafePointer<S>?,
  times rowCount: S, into out: UnsafeMutablePointer<S>
) {
  let lanes = S.lanes
  var o = 0
  let scale = S.Vector(repeating: rowCount)
  while o + lanes <= width {
    var acc = load(row + o)
    for t in 1..<max(1, window) { acc += load(row + o + t) }
    if let counts {
      // Every stride-1 window with padding < window holds an input element: count ≥ 1.
      acc /= load(counts + o) * scale
    }
    store(acc, out + o)
    o += lanes
  }
  while o < width {
    var acc = row[o]
    for t in 1..<max(1, window) { acc += row[o + t] }
    if let counts {
      let count = counts[o] * rowCount
      acc = count > 0 ? acc / count : 0
    }
    out[o] = acc
    o += 1
  }
}

/// One plane of non-overlapping average pooling (window = stride, no padding, as in
/// the NB201 reduction shortcut): every window is in bounds, so no range checks, and
/// the sum runs in the reference's order.
@inline(__always)
private func tiledAveragePool<S: KernelScalar>(
  _ s: PoolingShape, input x: UnsafePointer<S>, output y: UnsafeMutablePointer<S>
) {
  let k = s.window
  let scale = S(k * k)
  for oy in 0..<s.outHeight {
    let top = x + oy * k * s.inWidth
    let out = y + oy * s.outWidth
    for ox in 0..<s.outWidth {
      var sum: S = 0
      for ky in 0..<k {
        let row = top + ky * s.inWidth + ox * k
        for kx in 0..<k { sum += row[kx] }
      }
      out[ox] = sum / scale
    }
  }
}

/// One plane of 2×2 average pooling with stride 2 (the NB201 reduction shortcut), with
/// the arithmetic of ``tiledAveragePool`` in vectors: the even and odd columns of the
/// window's two rows are gathered into `columns` (4 rows of `outWidth`), then each
/// output is `(((0 + x₀₀) + x₀₁) + x₁₀) + x₁₁) / 4`, the scalar loop's order.
@inline(__always)
private func halvingAveragePool<S: KernelScalar>(
  _ s: PoolingShape, input x: UnsafePointer<S>, output y: UnsafeMutablePointer<S>,
  columns: UnsafeMutablePointer<S>
) {
  let wo = s.outWidth
  let (evenTop, oddTop, evenBottom, oddBottom) = (
    columns, columns + wo, columns + 2 * wo, columns + 3 * wo
  )
  let scale = S(4)
  let vectorScale = S.Vector(repeating: scale)
  for oy in 0..<s.outHeight {
    let top = x + 2 * oy * s.inWidth
    let bottom = top + s.inWidth
    S.copyEvenElements(from: top, to: evenTop, count: wo)
    S.copyEvenElements(from: top + 1, to: oddTop, count: wo)
    S.copyEvenElements(from: bottom, to: evenBottom, count: wo)
    S.copyEvenElements(from: bottom + 1, to: oddBottom, count: wo)
    let out = y + oy * wo
    var o = 0
    while o + S.lanes <= wo {
      let sum =
        (((S.Vector() + load(evenTop + o)) + load(oddTop + o)) + load(evenBottom + o))
        + load(oddBottom + o)
      store(sum / vectorScale, out + o)
      o += S.lanes
    }
    while o < wo {
      out[o] = ((((0 + evenTop[o]) + oddTop[o]) + evenBottom[o]) + oddBottom[o]) / scale
      o += 1
    }
  }
}

/// One plane of average pooling with any stride, window by window.
@inline(__always)
private func directAveragePool<S: KernelScalar>(
  _ s: PoolingShape, input x: UnsafePointer<S>, output y: UnsafeMutablePointer<S>
) {
  for oy in 0..<s.outHeight {
    let ys = max(0, oy * s.stride - s.padding)
    let ye = min(s.inHeight, oy * s.stride - s.padding + s.window)
    for ox in 0..<s.outWidth {
      let xs = max(0, ox * s.stride - s.padding)
      let xe = min(s.inWidth, ox * s.stride - s.padding + s.window)
      var sum: S = 0
      for iy in ys..<max(ys, ye) {
        let row = x + iy * s.inWidth
        for ix in xs..<max(xs, xe) { sum += row[ix] }
      }
      let count = max(0, ye - ys) * max(0, xe - xs)
      y[oy * s.outWidth + ox] = count > 0 ? sum / S(count) : 0
    }
  }
}

/// The input gradient of ``averagePoolForward``.
///
/// Each output's gradient, divided by its window's count, is spread over its window.
/// Stride 1 uses the transposed window (again separable); other strides add window by
/// window.
@inline(__always)
func averagePoolBackward<S: KernelScalar>(
  _ s: PoolingShape, outputGradient dy: UnsafePointer<S>,
  inputGradient dx: UnsafeMutablePointer<S>
) {
  let planes = s.batch * s.channels
  let (ho, wo) = (s.outHeight, s.outWidth)
  let inPlane = s.inHeight * s.inWidth
  guard planes > 0 && inPlane > 0 else { return }
  guard ho > 0 && wo > 0 else {
    dx.update(repeating: 0, count: planes * inPlane)
    return
  }
  let parts = threadCount(work: planes * inPlane * 4, limit: planes)
  nonisolated(unsafe) let (dy, dx) = (dy, dx)
  forEachPart(parts) { part in
    let range = slice(planes, parts: parts, part: part)
    guard !range.isEmpty else { return }
    // Scaled gradient g = dy / count for one plane, and one padded row of sums.
    let scaled = Scratch<S>(count: ho * wo)
    // Column sums of scaled rows start at `lead`, so that output column ox feeds input
    // columns ox − p … ox − p + window − 1.
    let lead = max(0, s.window - 1 - s.padding)
    let rowWidth = s.inWidth + s.window + wo + S.lanes
    let row = Scratch<S>(count: rowWidth)
    // Window sizes; an empty window (only with padding ≥ window) gets an infinite
    // count, so its gradient share is 0 as in the reference.
    let counts = Scratch<S>(count: ho * wo)
    for oy in 0..<ho {
      let ys = max(0, oy * s.stride - s.padding)
      let ye = min(s.inHeight, oy * s.stride - s.padding + s.window)
      for ox in 0..<wo {
        let xs = max(0, ox * s.stride - s.padding)
        let xe = min(s.inWidth, ox * s.stride - s.padding + s.window)
        let count = max(0, ye - ys) * max(0, xe - xs)
        counts.base[oy * wo + ox] = count > 0 ? S(count) : .infinity
      }
    }
    defer {
      scaled.deallocate()
      row.deallocate()
      counts.deallocate()
    }
    for plane in range {
      let g = dy + plane * ho * wo
      let d = dx + plane * inPlane
      // g / count, with the counts computed once per call.
      var i = 0
      while i + S.lanes <= ho * wo {
        store(load(g + i) / load(counts.base + i), scaled.base + i)
        i += S.lanes
      }
      while i < ho * wo {
        scaled.base[i] = g[i] / counts.base[i]
        i += 1
      }
      if s.stride == 1 && s.padding < s.window {
        row.base.update(repeating: 0, count: rowWidth)
        for iy in 0..<s.inHeight {
          // Outputs whose window contains row iy: oy ∈ [iy + p − w + 1, iy + p].
          let os = max(0, iy + s.padding - s.window + 1)
          let oe = min(ho, iy + s.padding + 1)
          sumRows(
            UnsafePointer(scaled.base) + os * wo, count: max(0, oe - os), stride: wo, width: wo,
            into: row.base + lead)
          windowSums(
            row.base, window: s.window, width: s.inWidth, dividedBy: nil, times: 1,
            into: d + iy * s.inWidth)
        }
      } else if s.window == s.stride && s.padding == 0 {
        // Non-overlapping windows: each input gets its window's scaled gradient, or 0
        // in the rows and columns no window covers.
        let k = s.window
        for iy in 0..<s.inHeight {
          let row = d + iy * s.inWidth
          guard iy < ho * k else {
            row.update(repeating: 0, count: s.inWidth)
            continue
          }
          let source = scaled.base + (iy / k) * wo
          for ox in 0..<wo {
            let v = source[ox]
            for kx in 0..<k { row[ox * k + kx] = v }
          }
          if wo * k < s.inWidth {
            (row + wo * k).update(repeating: 0, count: s.inWidth - wo * k)
          }
        }
      } else {
        d.update(repeating: 0, count: inPlane)
        for oy in 0..<ho {
          let ys = max(0, oy * s.stride - s.padding)
          let ye = min(s.inHeight, oy * s.stride - s.padding + s.window)
          for ox in 0..<wo {
            let xs = max(0, ox * s.stride - s.padding)
            let xe = min(s.inWidth, ox * s.stride - s.padding + s.window)
            let v = scaled.base[oy * wo + ox]
            for iy in ys..<max(ys, ye) {
              let r = d + iy * s.inWidth
              for ix in xs..<max(xs, xe) { r[ix] += v }
            }
          }
        }
      }
    }
  }
}

@inline(__always)
private func load<S: KernelScalar>(_ p: UnsafePointer<S>) -> S.Vector {
  UnsafeRawPointer(p).loadUnaligned(as: S.Vector.self)
}

@inline(__always)
private func load<S: KernelScalar>(_ p: UnsafeMutablePointer<S>) -> S.Vector {
  UnsafeRawPointer(p).loadUnaligned(as: S.Vector.self)
}

@inline(__always)
private func store<S: KernelScalar>(_ v: S.Vector, _ p: UnsafeMutablePointer<S>) {
  UnsafeMutableRawPointer(p).storeBytes(of: v, as: S.Vector.self)
}

extension Float {
  /// The tuned single-precision average pooling (see ``averagePoolForward``).
  public static func averagePool2D(
    _ shape: PoolingShape, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>
  ) {
    averagePoolForward(shape, input: input, output: output)
  }

  /// The tuned single-precision average-pooling gradient (see ``averagePoolBackward``).
  public static func averagePool2DGradient(
    _ shape: PoolingShape, outputGradient: UnsafePointer<Float>,
    inputGradient: UnsafeMutablePointer<Float>
  ) {
    averagePoolBackward(shape, outputGradient: outputGradient, inputGradient: inputGradient)
  }
}

extension Double {
  /// The tuned double-precision average pooling (see ``averagePoolForward``).
  public static func averagePool2D(
    _ shape: PoolingShape, input: UnsafePointer<Double>, output: UnsafeMutablePointer<Double>
  ) {
    averagePoolForward(shape, input: input, output: output)
  }

  /// The tuned double-precision average-pooling gradient (see ``averagePoolBackward``).
  public static func averagePool2DGradient(
    _ shape: PoolingShape, outputGradient: UnsafePointer<Double>,
    inputGradient: UnsafeMutablePointer<Double>
  ) {
    averagePoolBackward(shape, outputGradient: outputGradient, inputGradient: inputGradient)
  }
}
