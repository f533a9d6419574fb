extension ElementwiseKernels {
  /// One term of ``normalizedSum(_:planes:channels:spatial:into:relu:)``: its values, its
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
  /// separate multiply and add per term. With `relu`, each finished plane of `y` is
  /// also written there through ``relu(_:_:count:)``'s map (`x < 0 ? 0 : x`) while it is
  /// still in L1. Planes are split over threads.
  ///
  /// A term with a pooling is pooled plane by plane into a buffer that stays in L1, by
  /// ``averagePoolPlane(_:height:width:window:padding:row:into:)``, which does
  /// ``averagePoolForward``'s arithmetic.
  ///
  /// - Complexity: one read of each term and one write of `y` (and of `relu`).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func normalizedSum<S: TensorScalar>(
    _ terms: UnsafeBufferPointer<NormalizedTermPointers<S>>, planes: Int, channels: Int,
    height: Int, width: Int, into y: UnsafeMutablePointer<S>, relu: UnsafeMutablePointer<S>?
  ) {
    precondition(!terms.isEmpty, "normalizedSum of no terms")
    let spatial = height * width
    let pools = terms.contains { $0.poolWindow > 0 }
    let scratchSize = pools ? spatial + width + terms.reduce(0) { max($0, $1.poolWindow) } : 1
    ParallelLoop.forEachIndex(count: planes, workPerIndex: spatial * terms.count) { plane in
      withUnsafeTemporaryAllocation(of: S.self, capacity: scratchSize) { scratch in
        sumPlane(
          terms, plane: plane, channels: channels, height: height, width: width,
          scratch: scratch, into: y, relu: relu)
      }
    }
  }

  /// One plane of ``normalizedSum(_:planes:channels:height:width:into:relu:)``; `scratch`
  /// holds a pooled plane and one row of column sums.
  @inline(__always)
  private static func sumPlane<S: TensorScalar>(
    _ terms: UnsafeBufferPointer<NormalizedTermPointers<S>>, plane: Int, channels: Int,
    height: Int, width: Int, scratch: UnsafeMutableBufferPointer<S>,
    into y: UnsafeMutablePointer<S>, relu: UnsafeMutablePointer<S>?
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
      let wv = SIMD16<S>(repeating: w)
      if let mean = term.mean, let scale = term.scale, let shift = term.shift {
        let (m, a, b) = (mean[c], scale[c], shift[c])
        let (mv, av, bv) = (
          SIMD16<S>(repeating: m), SIMD16<S>(repeating: a), SIMD16<S>(repeating: b)
        )
        var i = 0
        while i + 16 <= spatial {
          let t = bv.addingProduct(load(x, i) - mv, av)
          store(k == 0 ? wv * t : load(UnsafePointer(out), i) + wv * t, out, i)
          i += 16
        }
        while i < spatial {
          let t = b.addingProduct(x[i] - m, a)
          out[i] = k == 0 ? w * t : out[i] + w * t
          i += 1
        }
      } else {
        var i = 0
        while i + 16 <= spatial {
          let t = load(x, i)
          store(k == 0 ? wv * t : load(UnsafePointer(out), i) + wv * t, out, i)
          i += 16
        }
        while i < spatial {
          out[i] = k == 0 ? w * x[i] : out[i] + w * x[i]
          i += 1
        }
      }
    }
    if let relu {
      let r = relu + offset
      let zero = SIMD16<S>(repeating: 0)
      var i = 0
      while i + 16 <= spatial {
        let v = load(UnsafePointer(out), i)
        store(v.replacing(with: zero, where: v .< zero), r, i)
        i += 16
      }
      while i < spatial {
        r[i] = out[i] < 0 ? 0 : out[i]
        i += 1
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
    row.update(repeating: 0, count: width + window)
    let sums = row + padding
    for oy in 0..<height {
      let ys = max(0, oy - padding)
      let ye = min(height, oy - padding + window)
      let first = x + ys * width
      var i = 0
      while i + 16 <= width {
        var acc = SIMD16<S>()
        for r in 0..<(ye - ys) { acc += load(first + r * width, i) }
        store(acc, sums, i)
        i += 16
      }
      while i < width {
        var acc: S = 0
        for r in 0..<(ye - ys) { acc += first[r * width + i] }
        sums[i] = acc
        i += 1
      }
      let rows = S(ye - ys)
      let y = out + oy * width
      for o in 0..<width {
        var acc = row[o]
        for t in 1..<max(1, window) { acc += row[o + t] }
        let columns = S(max(0, min(width, o - padding + window) - max(0, o - padding)))
        y[o] = acc / (columns * rows)
      }
    }
  }
}
