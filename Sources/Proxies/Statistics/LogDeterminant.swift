import Foundation

/// log |det A| by LU decomposition with partial pivoting, in Double.
///
/// NASWOT's score (`slogdet` in the reference code, sign ignored). A singular matrix (a
/// zero pivot) gives `-infinity`, which never wins a comparison.
public enum LogDeterminant {
  /// log |det A| of the row-major `order`×`order` matrix `a`.
  public static func ofSymmetric(_ a: [Double], order n: Int) -> Double {
    precondition(a.count == n * n, "matrix size mismatch")
    var m = a
    var logDet = 0.0
    for column in 0..<n {
      var pivot = column
      var largest = abs(m[column * n + column])
      for row in (column + 1)..<max(column + 1, n) where abs(m[row * n + column]) > largest {
        largest = abs(m[row * n + column])
        pivot = row
      }
      guard largest > 0, largest.isFinite else { return -.infinity }
      if pivot != column {
        for k in 0..<n { m.swapAt(column * n + k, pivot * n + k) }
      }
      let p = m[column * n + column]
      logDet += log(abs(p))
      for row in (column + 1)..<max(column + 1, n) {
        let factor = m[row * n + column] / p
        guard factor != 0 else { continue }
        for k in (column + 1)..<n { m[row * n + k] -= factor * m[column * n + k] }
      }
    }
    return logDet
  }
}
