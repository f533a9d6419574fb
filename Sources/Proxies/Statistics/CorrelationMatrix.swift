/// Pearson correlation between the rows of a matrix (NumPy's `np.corrcoef(X)`), in
/// `Double`.
public enum CorrelationMatrix {
  /// The `rows`×`rows` row-major matrix of correlations between the rows of the
  /// row-major `rows`×`columns` matrix `x`, clipped to [−1, 1] as NumPy does; nil when a
  /// row is constant (its correlations are undefined: NaN in NumPy) or `x` holds a
  /// non-finite value.
  ///
  /// - Complexity: O(rows² · columns).
  public static func ofRows(_ x: [Double], rows: Int, columns: Int) -> [Double]? {
    precondition(x.count == rows * columns, "\(x.count) values for \(rows)×\(columns)")
    guard columns > 0, x.allSatisfy(\.isFinite) else { return nil }
    var centred = x
    var norms = [Double](repeating: 0, count: rows)
    for row in 0..<rows {
      let start = row * columns
      var mean = 0.0
      for j in start..<(start + columns) { mean += centred[j] }
      mean /= Double(columns)
      var squares = 0.0
      for j in start..<(start + columns) {
        centred[j] -= mean
        squares += centred[j] * centred[j]
      }
      guard squares > 0 else { return nil }
      norms[row] = squares.squareRoot()
    }
    var correlation = [Double](repeating: 0, count: rows * rows)
    centred.withUnsafeBufferPointer { c in
      for i in 0..<rows {
        correlation[i * rows + i] = 1
        for j in 0..<i {
          var dot = 0.0
          let (a, b) = (i * columns, j * columns)
          for k in 0..<columns { dot += c[a + k] * c[b + k] }
          let r = min(1, max(-1, dot / (norms[i] * norms[j])))
          correlation[i * rows + j] = r
          correlation[j * rows + i] = r
        }
      }
    }
    return correlation
  }
}
