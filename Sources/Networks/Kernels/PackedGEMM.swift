/// General matrix multiply `C = alpha·op(A)·op(B) + beta·C` in the BLIS style.
///
/// Loops, outermost first: column blocks of `C` (``gemmColumnBlock``), depth blocks
/// (``gemmDepthBlock``, B block packed into micro-panels of 3·lanes columns), row blocks
/// (``gemmRowBlock``, A block packed into micro-panels of 4 rows), then every micro-panel
/// pair goes through ``microKernel(depth:a:b:c:ldc:rows:columns:alpha:beta:)``.
/// Packing makes every transpose combination read the same contiguous panels and pads
/// the edges with zeros. Large problems are split into column (or row) slices aligned
/// to the register tile and handed out to the threads from a shared queue, so every
/// element of `C` is computed by the same sequence of operations whatever the thread
/// count.
///
/// - Complexity: 2·m·n·k flops; packing buffers of about 0.6 MB per thread.
@inline(__always)
func packedGEMM<S: KernelScalar>(
  transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
  alpha: S, a: UnsafePointer<S>, lda: Int, b: UnsafePointer<S>, ldb: Int,
  beta: S, c: UnsafeMutablePointer<S>, ldc: Int
) {
  guard m > 0 && n > 0 else { return }
  if k == 0 || alpha == 0 {
    scaleMatrix(m: m, n: n, by: beta, c: c, ldc: ldc)
    return
  }
  let splitColumns = n >= m
  let tileExtent = splitColumns ? S.microTileColumns : S.microTileRows
  let extent = splitColumns ? n : m
  let parts = threadCount(
    work: m * n * k, threshold: 1 << 21, limit: (extent + tileExtent - 1) / tileExtent)
  nonisolated(unsafe) let (a, b, c) = (a, b, c)
  // Slices of whole column (or row) blocks from a shared queue; every slice starts on
  // the register-tile grid, so each element is computed the same way by any thread.
  let block = splitColumns ? gemmColumnBlock / tileExtent : gemmRowBlock / tileExtent
  let units = (extent + tileExtent - 1) / tileExtent
  forEachChunk(units, threads: parts, chunk: max(block, units / (4 * parts))) { queue in
    while let unitRange = queue.take() {
      let lower = unitRange.lowerBound * tileExtent
      let range = lower..<min(extent, unitRange.upperBound * tileExtent)
      if splitColumns {
        let bStart = transposeB ? b + range.lowerBound * ldb : b + range.lowerBound
        serialGEMM(
          transposeA: transposeA, transposeB: transposeB, m: m, n: range.count, k: k,
          alpha: alpha, a: a, lda: lda, b: bStart, ldb: ldb, beta: beta,
          c: c + range.lowerBound, ldc: ldc)
      } else {
        let aStart = transposeA ? a + range.lowerBound : a + range.lowerBound * lda
        serialGEMM(
          transposeA: transposeA, transposeB: transposeB, m: range.count, n: n, k: k,
          alpha: alpha, a: aStart, lda: lda, b: b, ldb: ldb, beta: beta,
          c: c + range.lowerBound * ldc, ldc: ldc)
      }
    }
  }
}

/// Columns of `C` per column block: the packed B block (depth block × 504) sits in L3.
let gemmColumnBlock = 512
/// Depth of one packed block.
///
/// A B micro-panel of 512 × 24 floats (48 KB) lives in L2:
/// the 4 × 24 kernel needs only 16 bytes of B per cycle, and deeper blocks mean fewer
/// passes over C (measured on 2048³: 512 or 1024 beat 256 by 10–20 %).
let gemmDepthBlock = 512
/// Rows of `C` per row block: a packed A block of 64 × 512 floats (128 KB) stays in L2.
let gemmRowBlock = 64

/// `C = beta·C` (zero when `beta == 0`, without reading `C`).
@inline(__always)
private func scaleMatrix<S: KernelScalar>(
  m: Int, n: Int, by beta: S, c: UnsafeMutablePointer<S>, ldc: Int
) {
  for i in 0..<m {
    let row = c + i * ldc
    if beta == 0 {
      row.update(repeating: 0, count: n)
    } else if beta != 1 {
      for j in 0..<n { row[j] *= beta }
    }
  }
}

/// One thread's share of ``packedGEMM``: the full blocked loop nest.
@inline(__always)
private func serialGEMM<S: KernelScalar>(
  transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
  alpha: S, a: UnsafePointer<S>, lda: Int, b: UnsafePointer<S>, ldb: Int,
  beta: S, c: UnsafeMutablePointer<S>, ldc: Int
) {
  let mr = S.microTileRows
  let nr = S.microTileColumns
  let depthBlocks = (k + gemmDepthBlock - 1) / gemmDepthBlock
  let kcMax = (k + depthBlocks - 1) / depthBlocks
  let mcMax = min(gemmRowBlock / mr * mr, (m + mr - 1) / mr * mr)
  let ncMax = min(gemmColumnBlock / nr * nr, (n + nr - 1) / nr * nr)
  let packedA = Scratch<S>(count: mcMax * kcMax)
  let packedB = Scratch<S>(count: ncMax * kcMax)
  defer {
    packedA.deallocate()
    packedB.deallocate()
  }
  var jc = 0
  while jc < n {
    let nc = min(ncMax, n - jc)
    var pc = 0
    while pc < k {
      let kc = min(kcMax, k - pc)
      packPanelsOfB(
        transposed: transposeB, depth: kc, columns: nc,
        b: transposeB ? b + jc * ldb + pc : b + pc * ldb + jc, ldb: ldb, into: packedB.base)
      let blockBeta = pc == 0 ? beta : 1
      var ic = 0
      while ic < m {
        let mc = min(mcMax, m - ic)
        packPanelsOfA(
          transposed: transposeA, rows: mc, depth: kc,
          a: transposeA ? a + pc * lda + ic : a + ic * lda + pc, lda: lda, into: packedA.base)
        var jr = 0
        while jr < nc {
          let columns = min(nr, nc - jr)
          let bPanel = packedB.base + jr * kc
          var ir = 0
          while ir < mc {
            S.tile(
              depth: kc, a: packedA.base + ir * kc, b: bPanel,
              c: c + (ic + ir) * ldc + jc + jr, ldc: ldc, rows: min(mr, mc - ir),
              columns: columns, alpha: alpha, beta: blockBeta)
            ir += mr
          }
          jr += nr
        }
        ic += mc
      }
      pc += kc
    }
    jc += nc
  }
}

/// Packs `rows × depth` of op(A) into micro-panels of 4 rows, k-major
/// (`dst[panel][p][r]`), zero-padding the last panel.
@inline(__always)
func packPanelsOfA<S: KernelScalar>(
  transposed: Bool, rows: Int, depth: Int, a: UnsafePointer<S>, lda: Int,
  into dst: UnsafeMutablePointer<S>
) {
  let mr = S.microTileRows
  var i0 = 0
  var panel = dst
  while i0 < rows {
    let valid = min(mr, rows - i0)
    if transposed {
      for p in 0..<depth {
        let src = a + p * lda + i0
        let out = panel + p * mr
        for r in 0..<valid { out[r] = src[r] }
        for r in valid..<mr { out[r] = 0 }
      }
    } else {
      for r in 0..<valid {
        let src = a + (i0 + r) * lda
        var out = panel + r
        for p in 0..<depth {
          out.pointee = src[p]
          out += mr
        }
      }
      if valid < mr {
        for p in 0..<depth {
          for r in valid..<mr { panel[p * mr + r] = 0 }
        }
      }
    }
    panel += mr * depth
    i0 += mr
  }
}

/// Packs `depth × columns` of op(B) into micro-panels of 3·lanes columns
/// (`dst[panel][p][j]`), zero-padding the last panel.
@inline(__always)
func packPanelsOfB<S: KernelScalar>(
  transposed: Bool, depth: Int, columns: Int, b: UnsafePointer<S>, ldb: Int,
  into dst: UnsafeMutablePointer<S>
) {
  let nr = S.microTileColumns
  var j0 = 0
  var panel = dst
  while j0 < columns {
    let valid = min(nr, columns - j0)
    if transposed {
      for j in 0..<valid {
        let src = b + (j0 + j) * ldb
        var out = panel + j
        for p in 0..<depth {
          out.pointee = src[p]
          out += nr
        }
      }
      if valid < nr {
        for p in 0..<depth {
          for j in valid..<nr { panel[p * nr + j] = 0 }
        }
      }
    } else if valid == nr {
      for p in 0..<depth {
        copyTileRow(from: b + p * ldb + j0, to: panel + p * nr, as: S.self)
      }
    } else {
      for p in 0..<depth {
        let src = b + p * ldb + j0
        let out = panel + p * nr
        for j in 0..<valid { out[j] = src[j] }
        for j in valid..<nr { out[j] = 0 }
      }
    }
    panel += nr * depth
    j0 += nr
  }
}

/// Copies one micro-panel row (3·lanes contiguous elements) with unaligned vector moves.
@inline(__always)
func copyTileRow<S: KernelScalar>(
  from src: UnsafePointer<S>, to dst: UnsafeMutablePointer<S>, as: S.Type
) {
  let s = UnsafeRawPointer(src)
  let d = UnsafeMutableRawPointer(dst)
  let bytes = S.lanes * MemoryLayout<S>.stride
  d.storeBytes(of: s.loadUnaligned(as: S.Vector.self), as: S.Vector.self)
  d.storeBytes(
    of: s.loadUnaligned(fromByteOffset: bytes, as: S.Vector.self), toByteOffset: bytes,
    as: S.Vector.self)
  d.storeBytes(
    of: s.loadUnaligned(fromByteOffset: 2 * bytes, as: S.Vector.self),
    toByteOffset: 2 * bytes, as: S.Vector.self)
}

extension Float {
  /// The tuned single-precision GEMM (see ``packedGEMM``).
  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Float, a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    packedGEMM(
      transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
      a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
  }

  static func packA(
    transposed: Bool, rows: Int, depth: Int, a: UnsafePointer<Float>, lda: Int,
    into dst: UnsafeMutablePointer<Float>
  ) {
    packPanelsOfA(transposed: transposed, rows: rows, depth: depth, a: a, lda: lda, into: dst)
  }
}

extension Double {
  /// The tuned double-precision GEMM (see ``packedGEMM``).
  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Double, a: UnsafePointer<Double>, lda: Int,
    b: UnsafePointer<Double>, ldb: Int,
    beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    packedGEMM(
      transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
      a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
  }

  static func packA(
    transposed: Bool, rows: Int, depth: Int, a: UnsafePointer<Double>, lda: Int,
    into dst: UnsafeMutablePointer<Double>
  ) {
    packPanelsOfA(transposed: transposed, rows: rows, depth: depth, a: a, lda: lda, into: dst)
  }
}
