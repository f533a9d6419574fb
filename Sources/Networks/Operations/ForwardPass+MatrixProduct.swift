extension ForwardPass {
  /// The matrix product `a · b` of `a[m, k]` and `b[k, n]`: `[m, n]`.
  ///
  /// With `b` already laid out `[k, n]` (see ``transpose(_:)``), the kernel reads `b`'s
  /// rows in place; for few rows `m` (a recurrent step of a small batch) this is markedly
  /// faster than ``linear(_:weight:bias:)``, which reads its weight transposed. Adds its
  /// multiply-accumulates to ``multiplyAccumulates``.
  public func matmul(_ a: Tensor<Scalar>, _ b: Tensor<Scalar>) -> Tensor<Scalar> {
    precondition(
      a.rank == 2 && b.rank == 2 && a.shape[1] == b.shape[0],
      "matmul of \(a.shape) and \(b.shape)")
    let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
    var output = Tensor<Scalar>(uninitializedShape: [m, n])
    Scalar.gemm(
      transposeA: false, transposeB: false, m: m, n: n, k: k, alpha: 1, a: a.storage.base,
      lda: k, b: b.storage.base, ldb: n, beta: 0, c: output.storage.base, ldc: n)
    multiplyAccumulates += m * n * k
    if shouldRecord(a, b) {
      record(&output, inputs: [a, b]) { gradient, needed in
        var result: [Tensor<Scalar>?] = [nil, nil]
        if needed[0] {
          // dA = dC · bᵀ.
          let da = Tensor<Scalar>(uninitializedShape: [m, k])
          Scalar.gemm(
            transposeA: false, transposeB: true, m: m, n: k, k: n, alpha: 1,
            a: gradient.storage.base, lda: n, b: b.storage.base, ldb: n, beta: 0,
            c: da.storage.base, ldc: k)
          result[0] = da
        }
        if needed[1] {
          // dB = aᵀ · dC.
          let db = Tensor<Scalar>(uninitializedShape: [k, n])
          Scalar.gemm(
            transposeA: true, transposeB: false, m: k, n: n, k: m, alpha: 1,
            a: a.storage.base, lda: k, b: gradient.storage.base, ldb: n, beta: 0,
            c: db.storage.base, ldc: n)
          result[1] = db
        }
        return result
      }
    }
    return output
  }

  /// The transpose of a matrix `[r, c]`: `[c, r]` (a copy).
  public func transpose(_ matrix: Tensor<Scalar>) -> Tensor<Scalar> {
    precondition(matrix.rank == 2, "transpose of \(matrix.shape)")
    var output = Self.transposed(matrix)
    if shouldRecord(matrix) {
      record(&output, inputs: [matrix]) { gradient, _ in [Self.transposed(gradient)] }
    }
    return output
  }

  /// A transposed copy of `matrix[r, c]`, in tiles that stay in cache.
  private static func transposed(_ matrix: Tensor<Scalar>) -> Tensor<Scalar> {
    let (rows, columns) = (matrix.shape[0], matrix.shape[1])
    let output = Tensor<Scalar>(uninitializedShape: [columns, rows])
    let (x, y) = (matrix.storage.base, output.storage.base)
    let tile = 32
    for rowStart in stride(from: 0, to: rows, by: tile) {
      for columnStart in stride(from: 0, to: columns, by: tile) {
        for r in rowStart..<min(rowStart + tile, rows) {
          for c in columnStart..<min(columnStart + tile, columns) {
            y[c * rows + r] = x[r * columns + c]
          }
        }
      }
    }
    return output
  }
}
