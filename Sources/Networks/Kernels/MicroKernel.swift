/// The register-blocked GEMM micro-kernel every tuned matrix kernel ends in.
///
/// It computes one 4 × (3·lanes) tile of `C` (4 × 24 for `Float`, 4 × 12 for `Double`)
/// from a packed A micro-panel (`depth` steps of 4 row values, k-major) and a packed B
/// micro-panel (`depth` steps of 3·lanes column values). The 12 accumulators are named
/// locals so that they stay in registers (with the 3 B vectors and one broadcast that
/// is all 16 AVX2 registers), and every update is a fused multiply-add
/// (`addingProduct`, which needs a `-target-cpu` with FMA).
///
/// Stores: a full tile goes straight to `c`; a partial tile (`rows < 4` or
/// `columns < 3·lanes`, at the matrix edges) writes only its valid part. With
/// `beta == 0`, `c` is never read, so uninitialised or NaN memory is overwritten.
@inline(__always)
func microKernel<S: KernelScalar>(
  depth: Int, a: UnsafePointer<S>, b: UnsafePointer<S>,
  c: UnsafeMutablePointer<S>, ldc: Int, rows: Int, columns: Int, alpha: S, beta: S
) {
  typealias V = S.Vector
  let vectorBytes = V.scalarCount &* MemoryLayout<S>.stride
  var c00 = V()
  var c01 = V()
  var c02 = V()
  var c10 = V()
  var c11 = V()
  var c12 = V()
  var c20 = V()
  var c21 = V()
  var c22 = V()
  var c30 = V()
  var c31 = V()
  var c32 = V()
  var ap = a
  var bp = UnsafeRawPointer(b)
  var p = 0
  while p < depth {
    let b0 = bp.loadUnaligned(as: V.self)
    let b1 = bp.loadUnaligned(fromByteOffset: vectorBytes, as: V.self)
    let b2 = bp.loadUnaligned(fromByteOffset: 2 &* vectorBytes, as: V.self)
    var x = V(repeating: ap[0])
    c00 = c00.addingProduct(x, b0)
    c01 = c01.addingProduct(x, b1)
    c02 = c02.addingProduct(x, b2)
    x = V(repeating: ap[1])
    c10 = c10.addingProduct(x, b0)
    c11 = c11.addingProduct(x, b1)
    c12 = c12.addingProduct(x, b2)
    x = V(repeating: ap[2])
    c20 = c20.addingProduct(x, b0)
    c21 = c21.addingProduct(x, b1)
    c22 = c22.addingProduct(x, b2)
    x = V(repeating: ap[3])
    c30 = c30.addingProduct(x, b0)
    c31 = c31.addingProduct(x, b1)
    c32 = c32.addingProduct(x, b2)
    ap += 4
    bp += 3 &* vectorBytes
    p &+= 1
  }
  if rows == 4 && columns == 3 &* V.scalarCount {
    storeTileRow(c00, c01, c02, to: c, alpha: alpha, beta: beta)
    storeTileRow(c10, c11, c12, to: c + ldc, alpha: alpha, beta: beta)
    storeTileRow(c20, c21, c22, to: c + 2 &* ldc, alpha: alpha, beta: beta)
    storeTileRow(c30, c31, c32, to: c + 3 &* ldc, alpha: alpha, beta: beta)
    return
  }
  for r in 0..<rows {
    let row: (V, V, V)
    switch r {
    case 0: row = (c00, c01, c02)
    case 1: row = (c10, c11, c12)
    case 2: row = (c20, c21, c22)
    default: row = (c30, c31, c32)
    }
    storePartialTileRow(row, to: c + r &* ldc, columns: columns, alpha: alpha, beta: beta)
  }
}

/// ``microKernel(depth:a:b:c:ldc:rows:columns:alpha:beta:)`` with B read in place:
/// step `p` loads its values from `b + offsets[p]` instead of a packed panel.
///
/// The direct stride-1 convolution uses it with `b` at a run of output positions in a
/// zero-padded image and `offsets[p]` the position of tap `p` (channel, row, column),
/// so no im2col panel is ever written. Computes `c = A·B` (`alpha = 1`, `beta = 0`).
/// Its columns are three ``KernelScalar/WideVector``s (``KernelScalar/directTileColumns``).
@inline(__always)
func offsetMicroKernel<S: KernelScalar>(
  depth: Int, a: UnsafePointer<S>, b: UnsafePointer<S>, offsets: UnsafePointer<Int>,
  c: UnsafeMutablePointer<S>, ldc: Int, rows: Int, columns: Int
) {
  typealias V = S.WideVector
  let vectorBytes = V.scalarCount &* MemoryLayout<S>.stride
  var c00 = V()
  var c01 = V()
  var c02 = V()
  var c10 = V()
  var c11 = V()
  var c12 = V()
  var c20 = V()
  var c21 = V()
  var c22 = V()
  var c30 = V()
  var c31 = V()
  var c32 = V()
  var ap = a
  let base = UnsafeRawPointer(b)
  let stride = MemoryLayout<S>.stride
  var p = 0
  while p < depth {
    let bp = base + offsets[p] &* stride
    let b0 = bp.loadUnaligned(as: V.self)
    let b1 = bp.loadUnaligned(fromByteOffset: vectorBytes, as: V.self)
    let b2 = bp.loadUnaligned(fromByteOffset: 2 &* vectorBytes, as: V.self)
    var x = V(repeating: ap[0])
    c00 = c00.addingProduct(x, b0)
    c01 = c01.addingProduct(x, b1)
    c02 = c02.addingProduct(x, b2)
    x = V(repeating: ap[1])
    c10 = c10.addingProduct(x, b0)
    c11 = c11.addingProduct(x, b1)
    c12 = c12.addingProduct(x, b2)
    x = V(repeating: ap[2])
    c20 = c20.addingProduct(x, b0)
    c21 = c21.addingProduct(x, b1)
    c22 = c22.addingProduct(x, b2)
    x = V(repeating: ap[3])
    c30 = c30.addingProduct(x, b0)
    c31 = c31.addingProduct(x, b1)
    c32 = c32.addingProduct(x, b2)
    ap += 4
    p &+= 1
  }
  if rows == 4 && columns == 3 &* V.scalarCount {
    storeTileRow(c00, c01, c02, to: c, alpha: 1, beta: 0)
    storeTileRow(c10, c11, c12, to: c + ldc, alpha: 1, beta: 0)
    storeTileRow(c20, c21, c22, to: c + 2 &* ldc, alpha: 1, beta: 0)
    storeTileRow(c30, c31, c32, to: c + 3 &* ldc, alpha: 1, beta: 0)
    return
  }
  for r in 0..<rows {
    let row: (V, V, V)
    switch r {
    case 0: row = (c00, c01, c02)
    case 1: row = (c10, c11, c12)
    case 2: row = (c20, c21, c22)
    default: row = (c30, c31, c32)
    }
    storePartialTileRow(row, to: c + r &* ldc, columns: columns, alpha: 1, beta: 0)
  }
}

/// Writes `alpha·(x0, x1, x2) + beta·c` over one full tile row of 3·lanes elements.
@inline(__always)
private func storeTileRow<V: SIMD>(
  _ x0: V, _ x1: V, _ x2: V, to c: UnsafeMutablePointer<V.Scalar>, alpha: V.Scalar,
  beta: V.Scalar
) where V.Scalar: KernelScalar {
  let raw = UnsafeMutableRawPointer(c)
  let bytes = V.scalarCount &* MemoryLayout<V.Scalar>.stride
  var y0 = x0
  var y1 = x1
  var y2 = x2
  if alpha != 1 {
    y0 *= alpha
    y1 *= alpha
    y2 *= alpha
  }
  if beta != 0 {
    let b = V(repeating: beta)
    y0 = y0.addingProduct(raw.loadUnaligned(as: V.self), b)
    y1 = y1.addingProduct(raw.loadUnaligned(fromByteOffset: bytes, as: V.self), b)
    y2 = y2.addingProduct(raw.loadUnaligned(fromByteOffset: 2 &* bytes, as: V.self), b)
  }
  raw.storeBytes(of: y0, as: V.self)
  raw.storeBytes(of: y1, toByteOffset: bytes, as: V.self)
  raw.storeBytes(of: y2, toByteOffset: 2 &* bytes, as: V.self)
}

/// Writes the first `columns` elements of `alpha·row + beta·c` (edge tiles), with the
/// same rounding as ``storeTileRow``.
@inline(__always)
private func storePartialTileRow<V: SIMD>(
  _ row: (V, V, V), to c: UnsafeMutablePointer<V.Scalar>, columns: Int,
  alpha: V.Scalar, beta: V.Scalar
) where V.Scalar: KernelScalar {
  let lanes = V.scalarCount
  for j in 0..<columns {
    let value: V.Scalar
    if j < lanes {
      value = row.0[j]
    } else if j < 2 &* lanes {
      value = row.1[j &- lanes]
    } else {
      value = row.2[j &- 2 &* lanes]
    }
    let x = alpha == 1 ? value : alpha * value
    c[j] = beta == 0 ? x : x.addingProduct(beta, c[j])
  }
}

extension Float {
  static func offsetTile(
    depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, offsets: UnsafePointer<Int>,
    c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int
  ) {
    offsetMicroKernel(
      depth: depth, a: a, b: b, offsets: offsets, c: c, ldc: ldc, rows: rows, columns: columns)
  }

  static func tile(
    depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int, alpha: Float,
    beta: Float
  ) {
    microKernel(
      depth: depth, a: a, b: b, c: c, ldc: ldc, rows: rows, columns: columns, alpha: alpha,
      beta: beta)
  }
}

extension Double {
  static func offsetTile(
    depth: Int, a: UnsafePointer<Double>, b: UnsafePointer<Double>,
    offsets: UnsafePointer<Int>, c: UnsafeMutablePointer<Double>, ldc: Int, rows: Int,
    columns: Int
  ) {
    offsetMicroKernel(
      depth: depth, a: a, b: b, offsets: offsets, c: c, ldc: ldc, rows: rows, columns: columns)
  }

  static func tile(
    depth: Int, a: UnsafePointer<Double>, b: UnsafePointer<Double>,
    c: UnsafeMutablePointer<Double>, ldc: Int, rows: Int, columns: Int, alpha: Double,
    beta: Double
  ) {
    microKernel(
      depth: depth, a: a, b: b, c: c, ldc: ldc, rows: rows, columns: columns, alpha: alpha,
      beta: beta)
  }
}
