/// The arithmetic of the epsilon score on two output vectors, separated from the
/// networks so that it can be checked by hand.
///
/// As egracheva/epsinas `compute_epsinas`: each vector is min-max normalised in the
/// network's precision; entries equal to 0 (the minimum) are dropped from both
/// statistics; ε = mean|p − q| over the positions where both remain, divided by the
/// mean of every remaining entry of p and q together.
enum EpsilonStatistic {
  /// `(x − min) / (max − min)` computed in `Scalar` (the reference normalises in the
  /// network's float32), or nil when `values` is empty, holds a non-finite value, or
  /// is constant (the reference's 0/0).
  static func normalised<Scalar: BinaryFloatingPoint>(_ values: [Scalar]) -> [Double]? {
    guard var low = values.first, var high = values.first else { return nil }
    for value in values {
      guard value.isFinite else { return nil }
      low = min(low, value)
      high = max(high, value)
    }
    let range = high - low
    guard range > 0 else { return nil }
    return values.map { Double(($0 - low) / range) }
  }

  /// ε of two normalised vectors of equal length, or nil when no position keeps a
  /// nonzero entry in both.
  static func epsilon(_ p: [Double], _ q: [Double]) -> Double? {
    precondition(p.count == q.count, "epsilon of unequal lengths")
    var absoluteDifference = 0.0
    var pairs = 0
    var total = 0.0
    var kept = 0
    for i in p.indices {
      if p[i] != 0 {
        total += p[i]
        kept += 1
      }
      if q[i] != 0 {
        total += q[i]
        kept += 1
      }
      if p[i] != 0 && q[i] != 0 {
        absoluteDifference += abs(p[i] - q[i])
        pairs += 1
      }
    }
    guard pairs > 0, kept > 0, total > 0 else { return nil }
    return (absoluteDifference / Double(pairs)) / (total / Double(kept))
  }
}
