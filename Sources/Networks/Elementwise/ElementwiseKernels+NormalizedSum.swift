extension ElementwiseKernels {
  /// One term of ``normalizedSum(_:planes:channels:height:width:into:)``: its values, its
  /// weight and, for a term with a pending batch normalisation, the per-channel mean,
  /// scale (`γ/σ`) and shift (`β`).
  struct NormalizedTermPointers<S: TensorScalar> {
    var values: UnsafePointer<S>
    var weight: S
    var mean: UnsafePointer<S>?
    var scale: UnsafePointer<S>?
    var shift: UnsafePointer<S>?
    /// A stride-1 average pooling (`count_include_pad = False`) to apply first: its
    /// window (0: none) and padding, which keep the plane's size.
    var poolWindow = 0
    var poolPadding = 0
  }

  /// `y = Σ wₖ · tₖ` over `planes` planes of `spatial` elements (plane `p` has channel
  /// `p mod channels`), where `tₖ` is term `k`'s value or, with a normalisation,
  /// `fma(x − mean[c], scale[c], shift[c])`.
  ///
  /// Each element is formed as ``batchNormalize`` normalises and
  /// ``weightedSum(_:weights:into:count:)`` adds: `((w₀·t₀) + w₁·t₁) + …`, with a
  /// separate multiply and add per term. Planes are split over threads.
  ///
  /// A term with a pooling is pooled plane by plane into a buffer that stays in L1, by
  /// ``averagePoolPlane(_:height:width:window:padding:row:into:)``, which does
  /// ``averagePoolForward``'s arithmetic.
  ///
  /// - Complexity: one read of each term and one write of `y`.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func normalizedSum<S: TensorScalar>(
    _ terms: UnsafeBufferPointer<NormalizedTermPointers<S>>, planes: Int, channels: Int,
    height: Int, width: Int, into y: UnsafeMutablePointer<S>
  ) {
    precondition(!terms.isEmpty, "normalizedSum of no terms")
    let spatial = height * width
    let pools = terms.contains { $0.poolWindow > 0 }
    let scratchSize =
      pools ? spatial + 2 * width + terms.reduce(0) { max($0, $1.poolWindow) } : 1
    // Contiguous runs of planes per chunk, so that every term is read in long streams
    // (interleaved planes defeat the hardware prefetchers); chunks go to whichever
    // thread asks next.
    let parts = threadCount(work: planes * spatial * terms.count, limit: planes)
    nonisolated(unsafe) let (terms, y) = (terms, y)
    forEachChunk(planes, threads: parts) { queue in
      withUnsafeTemporaryAllocation(of: S.self, capacity: scratchSize) { scratch in
        while let range = queue.take() {
          for plane in range {
            sumPlane(
              terms, plane: plane, channels: channels, height: height, width: width,
              scratch: scratch, into: y)
          }
        }
      }
    }
  }

  /// One plane of ``normalizedSum(_:planes:channels:height:width:into:)``; `scratch`
  /// holds a pooled plane, one row of column sums and the column counts.
  @inline(__always)
  private static func sumPlane<S: TensorScalar>(
    _ terms: UnsafeBufferPointer<NormalizedTermPointers<S>>, plane: Int, channels: Int,
    height: Int, width: Int, scratch: UnsafeMutableBufferPointer<S>,
    into y: UnsafeMutablePointer<S>
  ) {
    let spatial = height * width
    let c = plane % channels
    let offset = plane * spatial
    let out = y + offset
    for k in 0..<terms.count {
      let term = terms[k]
      var x = term.values + offset
      if term.poolWindow > 0, let pooled = scratch.baseAddress {
        averagePoolPlane(
          x, height: height, width: width, window: term.poolWindow,
          padding: term.poolPadding, row: pooled + spatial, into: pooled)
        x = UnsafePointer(pooled)
      }
      let w = term.weight
      let wv = SIMD8<S>(repeating: w)
      // Four loop variants, so that no select on vectors sits in a loop body.
      if let mean = term.mean, let scale = term.scale, let shift = term.shift {
        let (m, a, b) = (mean[c], scale[c], shift[c])
        let (mv, av, bv) = (
          SIMD8<S>(repeating: m), SIMD8<S>(repeating: a), SIMD8<S>(repeating: b)
        )
        var i = 0
        if k == 0 {
          while i + 8 <= spatial {
            store8(wv * bv.addingProduct(load8(x + i) - mv, av), out + i)
            i += 8
          }
          while i < spatial {
            out[i] = w * b.addingProduct(x[i] - m, a)
            i += 1
          }
        } else {
          while i + 8 <= spatial {
            store8(load8(out + i) + wv * bv.addingProduct(load8(x + i) - mv, av), out + i)
            i += 8
          }
          while i < spatial {
            out[i] = out[i] + w * b.addingProduct(x[i] - m, a)
            i += 1
          }
        }
      } else {
        var i = 0
        if k == 0 {
          while i + 8 <= spatial {
            store8(wv * load8(x + i), out + i)
            i += 8
          }
          while i < spatial {
            out[i] = w * x[i]
            i += 1
          }
        } else {
          while i + 8 <= spatial {
            store8(load8(out + i) + wv * load8(x + i), out + i)
            i += 8
          }
          while i < spatial {
            out[i] = out[i] + w * x[i]
            i += 1
          }
        }
      }
    }
  }

  /// One plane of stride-1 average pooling with `count_include_pad = False` whose
  /// output has the input's size (`2·padding = window − 1`), with exactly the
  /// arithmetic of ``averagePoolForward``'s stride-1 path: each output row first sums
  /// its window's input rows column by column (starting from +0, top to bottom, into a
  /// zero-bordered `row` of `width + window` elements), then adds `window` neighbours
  /// left to right and divides by (in-bounds columns × in-bounds rows).
  @inline(__always)
  static func averagePoolPlane<S: TensorScalar>(
    _ x: UnsafePointer<S>, height: Int, width: Int, window: Int, padding: Int,
    row: UnsafeMutablePointer<S>, into out: UnsafeMutablePointer<S>
  ) {
    typealias V = SIMD8<S>
    let counts = row + width + window
    for o in 0..<width {
      counts[o] = S(max(0, min(width, o - padding + window) - max(0, o - padding)))
    }
    row.update(repeating: 0, count: width + window)
    let sums = row + padding
    if window == 3 && padding == 1 {
      averagePoolPlane3(x, height: height, width: width, row: row, into: out)
      return
    }
    for oy in 0..<height {
      let ys = max(0, oy - padding)
      let ye = min(height, oy - padding + window)
      let first = x + ys * width
      var i = 0
      while i + 8 <= width {
        var acc = V()
        for r in 0..<(ye - ys) { acc += load8(first + r * width + i) }
        store8(acc, sums + i)
        i += 8
      }
      while i < width {
        var acc: S = 0
        for r in 0..<(ye - ys) { acc += first[r * width + i] }
        sums[i] = acc
        i += 1
      }
      let rows = S(ye - ys)
      let y = out + oy * width
      var o = 0
      while o + 8 <= width {
        var acc = load8(row + o)
        for t in 1..<max(1, window) { acc += load8(row + o + t) }
        store8(acc / (load8(counts + o) * V(repeating: rows)), y + o)
        o += 8
      }
      while o < width {
        var acc = row[o]
        for t in 1..<max(1, window) { acc += row[o + t] }
        y[o] = acc / (counts[o] * rows)
        o += 1
      }
    }
  }

  /// ``averagePoolPlane(_:height:width:window:padding:row:into:)`` for NB201's 3×3 window.
  ///
  /// The window loops are written out: the same additions in the same order (from +0,
  /// top to bottom; then left to right) and the same division, so bitwise the same
  /// plane, at about 30% less time (perf share of the pooling on pooling-heavy cells).
  /// `row` holds the zero-bordered column sums (`sums = row + 1`), then the counts.
  @inline(__always)
  private static func averagePoolPlane3<S: TensorScalar>(
    _ x: UnsafePointer<S>, height: Int, width: Int, row: UnsafeMutablePointer<S>,
    into out: UnsafeMutablePointer<S>
  ) {
    typealias V = SIMD8<S>
    let sums = row + 1
    let counts = row + width + 3
    for oy in 0..<height {
      let ys = max(0, oy - 1)
      let rows = min(height, oy + 2) - ys
      let top = x + ys * width
      let middle = top + width
      let bottom = middle + width
      var i = 0
      if rows == 3 {
        while i + 8 <= width {
          store8(((V() + load8(top + i)) + load8(middle + i)) + load8(bottom + i), sums + i)
          i += 8
        }
        while i < width {
          sums[i] = ((0 + top[i]) + middle[i]) + bottom[i]
          i += 1
        }
      } else if rows == 2 {
        while i + 8 <= width {
          store8((V() + load8(top + i)) + load8(middle + i), sums + i)
          i += 8
        }
        while i < width {
          sums[i] = (0 + top[i]) + middle[i]
          i += 1
        }
      } else {
        while i < width {
          sums[i] = 0 + top[i]
          i += 1
        }
      }
      let divisor = S(rows)
      let y = out + oy * width
      var o = 0
      while o + 8 <= width {
        let total = (load8(row + o) + load8(row + o + 1)) + load8(row + o + 2)
        store8(total / (load8(counts + o) * V(repeating: divisor)), y + o)
        o += 8
      }
      while o < width {
        y[o] = ((row[o] + row[o + 1]) + row[o + 2]) / (counts[o] * divisor)
        o += 1
      }
    }
  }

  @inline(__always)
  private static func load8<S: TensorScalar>(_ p: UnsafePointer<S>) -> SIMD8<S> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<S>.self)
  }

  @inline(__always)
  private static func load8<S: TensorScalar>(_ p: UnsafeMutablePointer<S>) -> SIMD8<S> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<S>.self)
  }

  @inline(__always)
  private static func store8<S: TensorScalar>(_ v: SIMD8<S>, _ p: UnsafeMutablePointer<S>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<S>.self)
  }
}
