/// The eigenvalues of a real symmetric matrix, in `Double`: Householder reduction to
/// tridiagonal form, then implicit QR steps with Wilkinson shifts (Golub & Van Loan,
/// "Matrix Computations", algorithms 8.3.1 and 8.3.3), eigenvalues only.
///
/// jacob_cov needs the spectrum of a B×B correlation matrix (B = 64 on NB201, 256 on
/// NB101). Eigenvalues are accurate to a few ulps of the matrix's norm.
///
/// - Complexity: O(n³) for the reduction (≈ 4n³/3 flops), O(n²) for the QR iterations.
public enum SymmetricEigenvalues {
  /// The eigenvalues of the row-major `order`×`order` symmetric matrix `a`, ascending.
  ///
  /// Only the lower triangle is read. Nil when `a` holds a non-finite value or the
  /// iteration does not converge (30 steps per eigenvalue).
  public static func of(_ a: [Double], order n: Int) -> [Double]? {
    precondition(a.count == n * n, "\(a.count) elements for a \(n)×\(n) matrix")
    guard n > 0 else { return [] }
    guard a.allSatisfy(\.isFinite) else { return nil }
    var (diagonal, offDiagonal) = tridiagonalize(a, order: n)
    guard diagonalize(&diagonal, &offDiagonal) else { return nil }
    return diagonal.sorted()
  }

  /// Householder reduction `QᵀAQ = T`: the diagonal of `T` and its `n − 1`
  /// off-diagonal entries (`offDiagonal[i]` couples rows `i` and `i + 1`).
  static func tridiagonalize(_ a: [Double], order n: Int) -> ([Double], [Double]) {
    // Work on a full symmetric copy built from the lower triangle.
    var m = a
    for row in 0..<n {
      for column in (row + 1)..<max(row + 1, n) { m[row * n + column] = m[column * n + row] }
    }
    var offDiagonal = [Double](repeating: 0, count: max(0, n - 1))
    var v = [Double](repeating: 0, count: n)
    var w = [Double](repeating: 0, count: n)
    for k in 0..<max(0, n - 2) {
      // x = m[k+1..<n, k]; reflect it onto α·e₁.
      var norm = 0.0
      var largest = 0.0
      for i in (k + 1)..<n { largest = max(largest, abs(m[i * n + k])) }
      guard largest > 0 else {
        offDiagonal[k] = 0
        continue
      }
      for i in (k + 1)..<n {
        let x = m[i * n + k] / largest
        norm += x * x
      }
      norm = norm.squareRoot() * largest
      let x0 = m[(k + 1) * n + k]
      let alpha = x0 > 0 ? -norm : norm
      offDiagonal[k] = alpha
      // v = x − α·e₁, normalised to ‖v‖ = 1 (‖v‖² = 2‖x‖(‖x‖ + |x₀|)).
      for i in (k + 1)..<n { v[i] = m[i * n + k] }
      v[k + 1] -= alpha
      let vNorm = (2 * norm * (norm + abs(x0))).squareRoot()
      for i in (k + 1)..<n { v[i] /= vNorm }
      // Trailing block A₂₂ ← H A₂₂ H = A₂₂ − 2 v wᵀ − 2 w vᵀ with p = A₂₂v,
      // w = p − (vᵀp) v.
      var vp = 0.0
      for i in (k + 1)..<n {
        var p = 0.0
        for j in (k + 1)..<n { p += m[i * n + j] * v[j] }
        w[i] = p
        vp += v[i] * p
      }
      for i in (k + 1)..<n { w[i] -= vp * v[i] }
      for i in (k + 1)..<n {
        for j in (k + 1)..<n { m[i * n + j] -= 2 * (v[i] * w[j] + w[i] * v[j]) }
      }
    }
    if n >= 2 { offDiagonal[n - 2] = m[(n - 1) * n + (n - 2)] }
    let diagonal = (0..<n).map { m[$0 * n + $0] }
    return (diagonal, offDiagonal)
  }

  /// Diagonalises the tridiagonal `(d, e)` by implicit symmetric QR steps.
  ///
  /// Leaves the eigenvalues in `d`; false when it does not converge.
  static func diagonalize(_ d: inout [Double], _ e: inout [Double]) -> Bool {
    let n = d.count
    var high = n - 1
    var steps = 0
    while high > 0 {
      for i in 0..<high where abs(e[i]) <= Double.ulpOfOne * (abs(d[i]) + abs(d[i + 1])) {
        e[i] = 0
      }
      if e[high - 1] == 0 {
        high -= 1
        continue
      }
      steps += 1
      guard steps <= 30 * n else { return false }
      var low = high - 1
      while low > 0 && e[low - 1] != 0 { low -= 1 }
      // Wilkinson shift: the eigenvalue of the trailing 2×2 block nearer to d[high].
      let half = (d[high - 1] - d[high]) / 2
      let coupling = e[high - 1]
      let root = (half * half + coupling * coupling).squareRoot()
      let shift = d[high] - coupling * coupling / (half + (half >= 0 ? root : -root))
      // Chase the bulge from `low` to `high` with Givens rotations.
      var x = d[low] - shift
      var z = e[low]
      var bulge = 0.0
      for k in low..<high {
        let r = (x * x + z * z).squareRoot()
        let (c, s) = r == 0 ? (1.0, 0.0) : (x / r, -z / r)
        if k > low { e[k - 1] = r }
        let (a, b, cc) = (d[k], e[k], d[k + 1])
        d[k] = a * c * c - 2 * b * c * s + cc * s * s
        d[k + 1] = a * s * s + 2 * b * c * s + cc * c * c
        e[k] = (a - cc) * c * s + b * (c * c - s * s)
        if k + 1 < high {
          bulge = -s * e[k + 1]
          e[k + 1] *= c
        }
        x = e[k]
        z = bulge
      }
    }
    return d.allSatisfy(\.isFinite)
  }
}
