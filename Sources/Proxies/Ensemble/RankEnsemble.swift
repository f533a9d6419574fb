/// Rank averaging of several scorers over a set of architectures: each member's
/// scores are turned into ranks within the set, and an architecture's ensemble score
/// is its mean rank across members.
///
/// Ranks run from 1 (worst) to n (best), ties share their average rank, and failed
/// scores (``ProxyScore/isValid`` false, or non-finite values) all tie below every
/// computed score. A higher mean rank is better, like every score in nas-search.
///
/// ```swift
/// let naswot: [ProxyScore] = ...   // one per architecture
/// let synflow: [ProxyScore] = ...
/// let combined = RankEnsemble.averageRanks([naswot, synflow])
/// ```
///
/// - Complexity: O(m·n log n) for m members and n architectures.
public enum RankEnsemble {
  /// The rank of each score within `scores`: 1 for the worst, `scores.count` for the
  /// best, ties averaged, failures tied below every valid score.
  public static func ranks(_ scores: [ProxyScore]) -> [Double] {
    let keys = scores.map { $0.isValid && $0.value.isFinite ? $0.value : -Double.infinity }
    let order = keys.indices.sorted { keys[$0] < keys[$1] }
    var ranks = [Double](repeating: 0, count: keys.count)
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count && keys[order[end + 1]] == keys[order[start]] { end += 1 }
      let average = Double(start + end) / 2 + 1
      for k in start...end { ranks[order[k]] = average }
      start = end + 1
    }
    return ranks
  }

  /// The mean over members of each architecture's rank: `memberScores[m][i]` is
  /// member m's score of architecture i; every member must score the same set.
  public static func averageRanks(_ memberScores: [[ProxyScore]]) -> [Double] {
    guard let count = memberScores.first?.count else { return [] }
    precondition(
      memberScores.allSatisfy { $0.count == count },
      "every ensemble member must score the same architectures")
    var total = [Double](repeating: 0, count: count)
    for scores in memberScores {
      for (i, rank) in ranks(scores).enumerated() { total[i] += rank }
    }
    return total.map { $0 / Double(memberScores.count) }
  }

  /// The fraction of `reference` that `score` beats, counting ties as half.
  ///
  /// It is the position `score` would take in the reference set, in [0, 1]. A failed score
  /// beats only nothing (it ties with failed reference scores).
  public static func percentile(of score: ProxyScore, among reference: [ProxyScore]) -> Double {
    guard !reference.isEmpty else { return 0.5 }
    let key = score.isValid && score.value.isFinite ? score.value : -Double.infinity
    var below = 0.0
    for other in reference {
      let otherKey = other.isValid && other.value.isFinite ? other.value : -Double.infinity
      if otherKey < key {
        below += 1
      } else if otherKey == key {
        below += 0.5
      }
    }
    return below / Double(reference.count)
  }
}
