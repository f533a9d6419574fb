import Foundation

/// Mean ± standard deviation of the best architecture's metrics over repeated runs, the
/// way the papers' tables report searches.
///
/// The standard deviation is the population one (NumPy's default `np.std`, used by the
/// NB201 and NASWOT code).
public struct RunSummary: Sendable {
  /// One metric's statistics.
  public struct Statistic: Sendable, Equatable {
    /// The column name.
    public var name: String
    /// The mean over runs.
    public var mean: Double
    /// The population standard deviation over runs.
    public var standardDeviation: Double
    /// How many runs had a value.
    public var count: Int
  }

  /// Statistics per metric, in the table's column order.
  public var statistics: [Statistic]
  /// Runs summarised.
  public var runs: Int
  /// Mean evaluations per run.
  public var meanEvaluations: Double
  /// Mean simulated seconds per run.
  public var meanSimulatedSeconds: Double
  /// Total wall-clock seconds of all runs.
  public var totalWallSeconds: Double

  /// Summarises `outcomes`.
  public init(_ outcomes: [RunOutcome]) {
    self.init(
      records: outcomes.enumerated().map { RunRecord(run: $0, outcome: $1, curve: false) })
  }

  /// Summarises the runs of `records`, in their order.
  public init(records: [RunRecord]) {
    runs = records.count
    var order: [String] = []
    var columns: [String: Int] = [:]
    var values: [[Double]] = []
    for record in records {
      for (position, (name, value)) in record.metrics.enumerated() where value.isFinite {
        // Records list their metrics in one order: the position finds the column
        // without hashing the name, unless the orders differ.
        let column: Int
        if position < order.count && order[position] == name {
          column = position
        } else if let known = columns[name] {
          column = known
        } else {
          column = order.count
          columns[name] = column
          order.append(name)
          values.append([])
        }
        values[column].append(value)
      }
    }
    statistics = order.enumerated().map { column, name in
      let v = values[column]
      let mean = v.reduce(0, +) / Double(max(1, v.count))
      let variance = v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, v.count))
      return Statistic(
        name: name, mean: mean, standardDeviation: variance.squareRoot(), count: v.count)
    }
    let n = Double(max(1, records.count))
    meanEvaluations = records.reduce(0) { $0 + Double($1.evaluations) } / n
    meanSimulatedSeconds = records.reduce(0) { $0 + $1.simulatedSeconds } / n
    totalWallSeconds = records.reduce(0) { $0 + $1.wallSeconds }
  }

  /// The statistic of column `name`.
  public func statistic(_ name: String) -> Statistic? { statistics.first { $0.name == name } }

  /// `summary.json`.
  public var json: JSONValue {
    .object([
      ("runs", .int(runs)),
      ("mean_evaluations", .number(meanEvaluations)),
      ("mean_simulated_seconds", .number(meanSimulatedSeconds)),
      ("total_wall_seconds", .number(totalWallSeconds)),
      (
        "metrics",
        .object(
          statistics.map {
            (
              $0.name,
              .object([
                ("mean", .number($0.mean)), ("std", .number($0.standardDeviation)),
                ("runs", .int($0.count)),
              ])
            )
          })
      ),
    ])
  }

  /// A Markdown table of `columns` (all when empty) as `mean ± std`.
  public func markdown(columns: [String] = []) -> String {
    let chosen = columns.isEmpty ? statistics : columns.compactMap { statistic($0) }
    var lines = ["| metric | mean ± std | runs |", "|---|---|---|"]
    for s in chosen {
      lines.append(
        "| \(s.name) | \(String(format: "%.2f ± %.2f", s.mean, s.standardDeviation)) | \(s.count) |"
      )
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
