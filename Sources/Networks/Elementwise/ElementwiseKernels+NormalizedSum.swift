/// One term of ``TensorScalar/normalizedSum(_:planes:channels:height:width:into:)``: its
/// values, its weight and, for a term with a pending batch normalisation, the
/// per-channel mean, scale (`γ/σ`) and shift (`β`).
public struct NormalizedTermPointers<Scalar: TensorScalar> {
  /// The term's planes, `[planes][height][width]`.
  public var values: UnsafePointer<Scalar>
  /// The term's weight in the sum.
  public var weight: Scalar
  /// Per channel: the mean to subtract, or nil for no normalisation.
  public var mean: UnsafePointer<Scalar>?
  /// Per channel: the factor `γ/σ`.
  public var scale: UnsafePointer<Scalar>?
  /// Per channel: the shift `β`.
  public var shift: UnsafePointer<Scalar>?
  /// A stride-1 average pooling (`count_include_pad = False`) to apply first: its
  /// window (0: none) and padding, which keep the plane's size.
  public var poolWindow: Int
  /// The pooling's padding (`2·padding = window − 1`).
  public var poolPadding: Int

  /// A term; with `mean`, `scale` and `shift` all given, its values are normalised
  /// per channel as `fma(x − mean[c], scale[c], shift[c])`.
  public init(
    values: UnsafePointer<Scalar>, weight: Scalar, mean: UnsafePointer<Scalar>? = nil,
    scale: UnsafePointer<Scalar>? = nil, shift: UnsafePointer<Scalar>? = nil,
    poolWindow: Int = 0, poolPadding: Int = 0
  ) {
    self.values = values
    self.weight = weight
    self.mean = mean
    self.scale = scale
    self.shift = shift
    self.poolWindow = poolWindow
    self.poolPadding = poolPadding
  }
}

extension ElementwiseKernels {
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
  @inline(__always)
  static func normalizedSum<S: KernelScalar>(
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
        // The pooling window whose zero borders and counts the scratch row holds (0: none).
        var preparedWindow = 0
        while let range = queue.take() {
          for plane in range {
            sumPlane(
              terms, plane: plane, channels: channels, height: height, width: width,
              scratch: scratch, preparedWindow: &preparedWindow, into: y)
          }
        }
      }
    }
  }

  /// One plane of ``normalizedSum(_:planes:channels:height:width:into:)``; `scratch`
  /// holds a pooled plane, one row of column sums and the column counts, prepared for
  /// the pooling window `preparedWindow` (updated when a term pools with another).
  @inline(__always)
  private static func sumPlane<S: KernelScalar>(
    _ terms: UnsafeBufferPointer<NormalizedTermPointers<S>>, plane: Int, channels: Int,
    height: Int, width: Int, scratch: UnsafeMutableBufferPointer<S>,
    preparedWindow: inout Int, into y: UnsafeMutablePointer<S>
  ) {
    let spatial = height * width
    let c = plane % channels
    let offset = plane * spatial
    let out = y + offset
    for k in 0..<terms.count {
      let term = terms[k]
      var x = term.values + offset
      if term.poolWindow > 0, let pooled = scratch.baseAddress {
        if preparedWindow != term.poolWindow {
          prepareAveragePoolRow(
            width: width, window: term.poolWindow, padding: term.poolPadding,
            row: pooled + spatial)
          preparedWindow = term.poolWindow
        }
        averagePoolPlane(
          x, height: height, width: width, window: term.poolWindow,
          padding: term.poolPadding, row: pooled + spatial, into: pooled)
        x = UnsafePointer(pooled)
      }
      let w = term.weight
      let wv = S.Vector(repeating: w)
      // Four loop variants, so that no select on vectors sits in a loop body.
      if let mean = term.mean, let scale = term.scale, let shift = term.shift {
        let (m, a, b) = (mean[c], scale[c], shift[c])
        let (mv, av, bv) = (
          S.Vector(repeating: m), S.Vector(repeating: a), S.Vector(repeating: b)
        )
        var i = 0
        if k == 0 {
          while i + S.lanes <= spatial {
            storeVector(wv * bv.addingProduct(loadVector(x + i) - mv, av), out + i)
            i += S.lanes
          }
          while i < spatial {
            out[i] = w * b.addingProduct(x[i] - m, a)
            i += 1
          }
        } else {
          while i + S.lanes <= spatial {
            storeVector(
              loadVector(out + i) + wv * bv.addingProduct(loadVector(x + i) - mv, av), out + i)
            i += S.lanes
          }
          while i < spatial {
            out[i] = out[i] + w * b.addingProduct(x[i] - m, a)
            i += 1
          }
        }
      } else {
        var i = 0
        if k == 0 {
          while i + S.lanes <= spatial {
            storeVector(wv * loadVector(x + i), out + i)
            i += S.lanes
          }
          while i < spatial {
            out[i] = w * x[i]
            i += 1
          }
        } else {
          while i + S.lanes <= spatial {
            storeVector(loadVector(out + i) + wv * loadVector(x + i), out + i)
            i += S.lanes
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
  ///
  /// `row` must have been prepared for the window by
  /// ``prepareAveragePoolRow(width:window:padding:row:)``; its zero borders and counts
  /// stay as they are from plane to plane.
  @inline(__always)
  static func averagePoolPlane<S: KernelScalar>(
    _ x: UnsafePointer<S>, height: Int, width: Int, window: Int, padding: Int,
    row: UnsafeMutablePointer<S>, into out: UnsafeMutablePointer<S>
  ) {
    typealias V = S.Vector
    let counts = row + width + window
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
      while i + S.lanes <= width {
        var acc = V()
        for r in 0..<(ye - ys) { acc += loadVector(first + r * width + i) }
        storeVector(acc, sums + i)
        i += S.lanes
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
      while o + S.lanes <= width {
        var acc = loadVector(row + o)
        for t in 1..<max(1, window) { acc += loadVector(row + o + t) }
        storeVector(acc / (loadVector(counts + o) * V(repeating: rows)), y + o)
        o += S.lanes
      }
      while o < width {
        var acc = row[o]
        for t in 1..<max(1, window) { acc += row[o + t] }
        y[o] = acc / (counts[o] * rows)
        o += 1
      }
    }
  }

  /// Zeroes the row of column sums (`width + window` elements) that
  /// ``averagePoolPlane(_:height:width:window:padding:row:into:)`` writes only inside its
  /// borders, and writes the in-bounds column count of each output after it.
  @inline(__always)
  static func prepareAveragePoolRow<S: KernelScalar>(
    width: Int, window: Int, padding: Int, row: UnsafeMutablePointer<S>
  ) {
    let counts = row + width + window
    for o in 0..<width {
      counts[o] = S(max(0, min(width, o - padding + window) - max(0, o - padding)))
    }
    row.update(repeating: 0, count: width + window)
  }

  /// ``averagePoolPlane(_:height:width:window:padding:row:into:)`` for NB201's 3×3 window.
  ///
  /// The window loops are written out: the same additions in the same order (from +0,
  /// top to bottom; then left to right) and the same division, so bitwise the same
  /// plane, at about 30% less time (perf share of the pooling on pooling-heavy cells).
  /// `row` holds the zero-bordered column sums (`sums = row + 1`), then the counts.
  @inline(__always)
  private static func averagePoolPlane3<S: KernelScalar>(
    _ x: UnsafePointer<S>, height: Int, width: Int, row: UnsafeMutablePointer<S>,
    into out: UnsafeMutablePointer<S>
  ) {
    typealias V = S.Vector
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
        while i + S.lanes <= width {
          storeVector(
            ((V() + loadVector(top + i)) + loadVector(middle + i)) + loadVector(bottom + i),
            sums + i)
          i += S.lanes
        }
        while i < width {
          sums[i] = ((0 + top[i]) + middle[i]) + bottom[i]
          i += 1
        }
      } else if rows == 2 {
        while i + S.lanes <= width {
          storeVector((V() + loadVector(top + i)) + loadVector(middle + i), sums + i)
          i += S.lanes
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
      while o + S.lanes <= width {
        let total = (loadVector(row + o) + loadVector(row + o + 1)) + loadVector(row + o + 2)
        storeVector(total / (loadVector(counts + o) * V(repeating: divisor)), y + o)
        o += S.lanes
      }
      while o < width {
        y[o] = ((row[o] + row[o + 1]) + row[o + 2]) / (counts[o] * divisor)
        o += 1
      }
    }
  }

  // Vector loads and stores, private to this file: a generic helper in another file
  // would not be specialised in debug (incremental) builds.

  @inline(__always)
  private static func loadVector<S: KernelScalar>(_ pointer: UnsafePointer<S>) -> S.Vector {
    UnsafeRawPointer(pointer).loadUnaligned(as: S.Vector.self)
  }

  @inline(__always)
  private static func loadVector<S: KernelScalar>(_ pointer: UnsafeMutablePointer<S>) -> S.Vector {
    UnsafeRawPointer(pointer).loadUnaligned(as: S.Vector.self)
  }

  @inline(__always)
  private static func storeVector<S: KernelScalar>(
    _ value: S.Vector, _ pointer: UnsafeMutablePointer<S>
  ) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: S.Vector.self)
  }
}

extension Float {
  /// `y = Σ wₖ · tₖ` (see
  /// ``ElementwiseKernels/normalizedSum(_:planes:channels:height:width:into:)``).
  public static func normalizedSum(
    _ terms: UnsafeBufferPointer<NormalizedTermPointers<Float>>, planes: Int, channels: Int,
    height: Int, width: Int, into y: UnsafeMutablePointer<Float>
  ) {
    ElementwiseKernels.normalizedSum(
      terms, planes: planes, channels: channels, height: height, width: width, into: y)
  }
}

extension Double {
  /// `y = Σ wₖ · tₖ` (see
  /// ``ElementwiseKernels/normalizedSum(_:planes:channels:height:width:into:)``).
  public static func normalizedSum(
    _ terms: UnsafeBufferPointer<NormalizedTermPointers<Double>>, planes: Int, channels: Int,
    height: Int, width: Int, into y: UnsafeMutablePointer<Double>
  ) {
    ElementwiseKernels.normalizedSum(
      terms, planes: planes, channels: channels, height: height, width: width, into: y)
  }
}
