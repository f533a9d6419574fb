import SearchSpace

/// Fitness and cost from a table that holds several training repeats per architecture
/// (NAS-Bench-101: 3 per cell; NAS-Bench-NLP: some recipes were trained twice).
///
/// A query reads the mean over the repeats, or one repeat drawn at random, as the NB101
/// API's `query` does: fitness and cost then come from the same repeat. The draw is a
/// function of the run's seed and the architecture's network (not of the run's random
/// generator), so a run stays reproducible and resumable, the same network gets the same
/// repeat within a run, and different runs draw independently.
struct RepeatTableLookup<Architecture: Hashable & Sendable>: Sendable {
  /// `file:column`, for logs and errors.
  var name: String
  /// The repeats of an architecture (values aligned with the table's columns) and a
  /// key identifying its network; no rows when the table lacks it.
  var repeats: @Sendable (Architecture) -> (key: UInt64, rows: [[Double]])
  /// The fitness column.
  var fitness: Int
  /// The cost column, if any.
  var cost: Int?
  /// The factor on the cost column.
  var costMultiplier: Double
  /// -1 when lower values are better.
  var sign: Double
  /// The architecture's text (and identity), for the missing-row error.
  var describe: @Sendable (Architecture) -> String

  /// The evaluator of one run: means when `seed` is nil, else one repeat per network
  /// drawn with `seed`.
  func evaluator(seed: UInt64?) -> TableEvaluator<Architecture> {
    let lookup = self
    return TableEvaluator(
      name: name,
      lookUp: { architecture in
        let (key, rows) = lookup.repeats(architecture)
        guard !rows.isEmpty else { return nil }
        let row: [Double]
        if let seed {
          var rng = SplitMix64(seed: seed ^ key)
          row = rows[Int(rng.next() % UInt64(rows.count))]
        } else {
          row = Self.means(rows)
        }
        let charged = lookup.cost.map { row[$0] * lookup.costMultiplier } ?? 0
        return (lookup.sign * row[lookup.fitness], charged.isNaN ? 0 : charged)
      },
      describe: describe)
  }

  /// Column-wise means, skipping NaN (NaN when a column has no value).
  static func means(_ rows: [[Double]]) -> [Double] {
    columnMeans(rows)
  }
}

/// Column-wise means of repeats, skipping NaN (NaN when a column has no value).
///
/// Equal values give exactly that value (`(a + a + a) / 3` is not always `a` in floating
/// point, which would break ties between networks in rank correlations).
func columnMeans(_ rows: [[Double]]) -> [Double] {
  guard let width = rows.first?.count else { return [] }
  return (0..<width).map { column in
    let values = rows.map { $0[column] }.filter { !$0.isNaN }
    guard let first = values.first else { return .nan }
    if values.allSatisfy({ $0 == first }) { return first }
    return values.reduce(0, +) / Double(values.count)
  }
}
