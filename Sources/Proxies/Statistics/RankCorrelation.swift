/// Rank correlations between a proxy's scores and trained accuracies: how the papers
/// judge a proxy.
public enum RankCorrelation {
  /// Spearman's ρ: Pearson correlation of the ranks, ties given their average rank.
  ///
  /// Pairs where either value is not finite are dropped; nil when fewer than 2 remain
  /// or a side is constant.
  public static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
    let (a, b) = finitePairs(x, y)
    guard a.count >= 2 else { return nil }
    return pearson(ranks(a), ranks(b))
  }

  /// Kendall's τ-b (tie-corrected), O(n²); nil when fewer than 2 finite pairs or a side
  /// is constant.
  public static func kendall(_ x: [Double], _ y: [Double]) -> Double? {
    let (a, b) = finitePairs(x, y)
    guard a.count >= 2 else { return nil }
    var concordant = 0.0
    var discordant = 0.0
    var tiesA = 0.0
    var tiesB = 0.0
    for i in 0..<a.count {
      for j in (i + 1)..<a.count {
        let da = a[i] - a[j]
        let db = b[i] - b[j]
        if da == 0 && db == 0 { continue }
        if da == 0 {
          tiesA += 1
        } else if db == 0 {
          tiesB += 1
        } else if (da > 0) == (db > 0) {
          concordant += 1
        } else {
          discordant += 1
        }
      }
    }
    let denominator = ((concordant + discordant + tiesA) * (concordant + discordant + tiesB))
      .squareRoot()
    return denominator > 0 ? (concordant - discordant) / denominator : nil
  }

  /// Pearson's correlation; nil for a constant side.
  public static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n
    let my = y.reduce(0, +) / n
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for i in x.indices {
      sxy += (x[i] - mx) * (y[i] - my)
      sxx += (x[i] - mx) * (x[i] - mx)
      syy += (y[i] - my) * (y[i] - my)
    }
    return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : nil
  }

  /// 1-based ranks with ties averaged.
  public static func ranks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
      let average = Double(start + end) / 2 + 1
      for k in start...end { ranks[order[k]] = average }
      start = end + 1
    }
    return ranks
  }

  private static func finitePairs(_ x: [Double], _ y: [Double]) -> ([Double], [Double]) {
    precondition(x.count == y.count, "rank correlation of unequal lengths")
    var a: [Double] = []
    var b: [Double] = []
    for i in x.indices where x[i].isFinite && y[i].isFinite {
      a.append(x[i])
      b.append(y[i])
    }
    return (a, b)
  }
}
