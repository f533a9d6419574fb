import Foundation
import Proxies
import Search

/// What `nas-search score` prints: one row per architecture, then a summary with the rank
/// correlations between score and metric.
struct ScoreReport {
  var rows: [ScoreTable.Row]
  var metric: String?
  var metricValues: [Double]?
  var totalSeconds: Double
  var jobs: Int

  var failures: Int { rows.filter { $0.failure != nil }.count }

  var spearman: Double? {
    metricValues.flatMap { RankCorrelation.spearman(rows.map(\.score), $0) }
  }

  var kendall: Double? {
    metricValues.flatMap { RankCorrelation.kendall(rows.map(\.score), $0) }
  }

  /// `# key=value` lines: counts, correlations, time.
  var summaryLines: [String] {
    var lines = ["# architectures=\(rows.count) failed=\(failures)"]
    if metric != nil, missingMetrics > 0 {
      lines.append(
        "# \(missingMetrics) architectures are not in the benchmark (their metric is nan)")
    }
    if let metric {
      lines.append(
        "# spearman(score, \(metric))=\(format(spearman)) kendall=\(format(kendall)) "
          + "(\(rows.count - failures) finite scores)")
    }
    let perArchitecture = rows.isEmpty ? 0 : rows.map(\.seconds).sorted()[rows.count / 2]
    lines.append(
      String(
        format: "# total %.2f s, median %.1f ms per architecture, %d jobs", totalSeconds,
        perArchitecture * 1000, jobs))
    return lines
  }

  /// Architectures whose metric the benchmark does not have.
  var missingMetrics: Int { metricValues?.filter(\.isNaN).count ?? 0 }

  /// Plain CSV, one header and one row per architecture, every row with the same
  /// columns: `arch,score,seconds[,METRIC],failure` (the summary goes to stderr).
  var csv: String {
    var lines = ["arch,score,seconds" + (metric.map { "," + CSVText.field($0) } ?? "") + ",failure"]
    for (index, row) in rows.enumerated() {
      var fields = [
        CSVText.field(row.architecture), CSVText.number(row.score), CSVText.number(row.seconds),
      ]
      if let metricValues { fields.append(CSVText.number(metricValues[index])) }
      fields.append(CSVText.field(row.failure ?? ""))
      lines.append(fields.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  var json: JSONValue {
    var summary: [(String, JSONValue)] = [
      ("architectures", .int(rows.count)), ("failed", .int(failures)),
      ("total_seconds", .number(totalSeconds)),
    ]
    if let metric {
      summary.append(("metric", .string(metric)))
      summary.append(("spearman", spearman.map(JSONValue.number) ?? .null))
      summary.append(("kendall", kendall.map(JSONValue.number) ?? .null))
    }
    let items: [JSONValue] = rows.enumerated().map { index, row in
      var fields: [(String, JSONValue)] = [
        ("arch", .string(row.architecture)), ("score", .number(row.score)),
        ("seconds", .number(row.seconds)),
      ]
      if let failure = row.failure { fields.append(("failure", .string(failure))) }
      if let metric, let metricValues { fields.append((metric, .number(metricValues[index]))) }
      return .object(fields)
    }
    return .object([("rows", .array(items)), ("summary", .object(summary))])
  }

  private func format(_ value: Double?) -> String {
    value.map { String(format: "%.4f", $0) } ?? "n/a"
  }
}
