/// The direct convolution's tile for outputs whose rows are whole vectors: 8 output
/// channels × two runs of `V` (``KernelScalar/WideVector`` or, for rows of 8 `Float`s,
/// ``KernelScalar/Vector``) consecutive output positions, B read in place.
///
/// ``offsetMicroKernel(depth:a:b:offsets:c:ldc:rows:columns:)`` covers 3 vectors of
/// consecutive positions in the zero-padded image, so its tiles cross rows, compute the
/// padding columns and go through a scratch tile. When the output width is a multiple of
/// the vector, every run of one vector is real output inside one row: this kernel takes
/// two such runs anywhere in the image (`b0`, `b1`: their first position in the padded
/// image; `c0`, `c1`: their first output), so nothing is computed twice or dropped and
/// every store is a full vector into the output. Step `p` loads the runs at
/// `b0 + offsets[p]` and `b1 + offsets[p]` and multiplies them by 8 broadcast weights of
/// a ``packRunPairWeights(rows:depth:a:into:)`` panel.
///
/// Each output is the same chain of fused multiply-adds as in every other tile shape
/// (from zero, `p` in order), so the results are bitwise those of the other kernels.
/// 16 accumulators need 32 vector registers: only with `NAS_WIDE_TILES`
/// (``KernelScalar/hasRunPairTiles``).
@inline(__always)
func runPairMicroKernel<S: KernelScalar, V: SIMD>(
  _: V.Type, depth: Int, a: UnsafePointer<S>, b0: UnsafePointer<S>, b1: UnsafePointer<S>,
  offsets: UnsafePointer<Int>, c0: UnsafeMutablePointer<S>, c1: UnsafeMutablePointer<S>,
  ldc: Int
) where V.Scalar == S {
  var c00 = V()
  var c01 = V()
  var c10 = V()
  var c11 = V()
  var c20 = V()
  var c21 = V()
  var c30 = V()
  var c31 = V()
  var c40 = V()
  var c41 = V()
  var c50 = V()
  var c51 = V()
  var c60 = V()
  var c61 = V()
  var c70 = V()
  var c71 = V()
  var ap = a
  let base0 = UnsafeRawPointer(b0)
  let base1 = UnsafeRawPointer(b1)
  let stride = MemoryLayout<S>.stride
  var p = 0
  while p < depth {
    let offset = offsets[p] &* stride
    let x0 = base0.loadUnaligned(fromByteOffset: offset, as: V.self)
    let x1 = base1.loadUnaligned(fromByteOffset: offset, as: V.self)
    var w = V(repeating: ap[0])
    c00 = c00.addingProduct(w, x0)
    c01 = c01.addingProduct(w, x1)
    w = V(repeating: ap[1])
    c10 = c10.addingProduct(w, x0)
    c11 = c11.addingProduct(w, x1)
    w = V(repeating: ap[2])
    c20 = c20.addingProduct(w, x0)
    c21 = c21.addingProduct(w, x1)
    w = V(repeating: ap[3])
    c30 = c30.addingProduct(w, x0)
    c31 = c31.addingProduct(w, x1)
    w = V(repeating: ap[4])
    c40 = c40.addingProduct(w, x0)
    c41 = c41.addingProduct(w, x1)
    w = V(repeating: ap[5])
    c50 = c50.addingProduct(w, x0)
    c51 = c51.addingProduct(w, x1)
    w = V(repeating: ap[6])
    c60 = c60.addingProduct(w, x0)
    c61 = c61.addingProduct(w, x1)
    w = V(repeating: ap[7])
    c70 = c70.addingProduct(w, x0)
    c71 = c71.addingProduct(w, x1)
    ap += 8
    p &+= 1
  }
  storeRun(c00, c01, row: 0, c0, c1, ldc)
  storeRun(c10, c11, row: 1, c0, c1, ldc)
  storeRun(c20, c21, row: 2, c0, c1, ldc)
  storeRun(c30, c31, row: 3, c0, c1, ldc)
  storeRun(c40, c41, row: 4, c0, c1, ldc)
  storeRun(c50, c51, row: 5, c0, c1, ldc)
  storeRun(c60, c61, row: 6, c0, c1, ldc)
  storeRun(c70, c71, row: 7, c0, c1, ldc)
}

/// Stores one channel's two runs: `x0` at `c0 + row·ldc`, `x1` at `c1 + row·ldc`.
@inline(__always)
private func storeRun<V: SIMD>(
  _ x0: V, _ x1: V, row: Int, _ c0: UnsafeMutablePointer<V.Scalar>,
  _ c1: UnsafeMutablePointer<V.Scalar>, _ ldc: Int
) {
  UnsafeMutableRawPointer(c0 + row &* ldc).storeBytes(of: x0, as: V.self)
  UnsafeMutableRawPointer(c1 + row &* ldc).storeBytes(of: x1, as: V.self)
}

/// Packs the row-major `rows × depth` matrix `a` into panels of 8 rows, k-major
/// (`dst[panel][p][r]`), as ``runPairMicroKernel`` reads them.
///
/// - Precondition: `rows` is a multiple of 8.
@inline(__always)
func packRunPairWeights<S: KernelScalar>(
  rows: Int, depth: Int, a: UnsafePointer<S>, into dst: UnsafeMutablePointer<S>
) {
  precondition(rows % S.runPairRows == 0, "run-pair panels of \(rows) rows")
  let mr = S.runPairRows
  for i0 in stride(from: 0, to: rows, by: mr) {
    let panel = dst + i0 * depth
    for r in 0..<mr {
      let src = a + (i0 + r) * depth
      for p in 0..<depth { panel[p * mr + r] = src[p] }
    }
  }
}

extension KernelScalar {
  /// Output channels in one ``runPairMicroKernel`` tile.
  @inline(__always) static var runPairRows: Int { 8 }

  /// Whether the build has the 32 vector registers ``runPairMicroKernel`` needs.
  @inline(__always) static var hasRunPairTiles: Bool {
    #if NAS_WIDE_TILES
    true
    #else
    false
    #endif
  }
}

extension Float {
  static func runPairTile(
    wide: Bool, depth: Int, a: UnsafePointer<Float>, b0: UnsafePointer<Float>,
    b1: UnsafePointer<Float>, offsets: UnsafePointer<Int>, c0: UnsafeMutablePointer<Float>,
    c1: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    if wide {
      runPairMicroKernel(
        WideVector.self, depth: depth, a: a, b0: b0, b1: b1, offsets: offsets, c0: c0, c1: c1,
        ldc: ldc)
    } else {
      runPairMicroKernel(
        Vector.self, depth: depth, a: a, b0: b0, b1: b1, offsets: offsets, c0: c0, c1: c1,
        ldc: ldc)
    }
  }
}

extension Double {
  static func runPairTile(
    wide: Bool, depth: Int, a: UnsafePointer<Double>, b0: UnsafePointer<Double>,
    b1: UnsafePointer<Double>, offsets: UnsafePointer<Int>, c0: UnsafeMutablePointer<Double>,
    c1: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    if wide {
      runPairMicroKernel(
        WideVector.self, depth: depth, a: a, b0: b0, b1: b1, offsets: offsets, c0: c0, c1: c1,
        ldc: ldc)
    } else {
      runPairMicroKernel(
        Vector.self, depth: depth, a: a, b0: b0, b1: b1, offsets: offsets, c0: c0, c1: c1,
        ldc: ldc)
    }
  }
}
