import Foundation

/// The result files of an experiment, made from its runs' records and history rows:
/// `history.csv`, `runs.csv`, `summary.json`, `summary.md` and `best_so_far.svg`.
///
/// Both `nas-search run` and `merge-runs` write through here, so that directories
/// merged from run ranges hold the same files as one process running every run.
public struct ExperimentReport {
  /// What the directory holds.
  public var manifest: ExperimentManifest
  /// Every run's record, in run order.
  public var records: [RunRecord]
  /// The rows of `history.csv` (no header), in run order, in pieces (such as one per run)
  /// that are written one after the other.
  public var historyRows: [ByteText]

  /// Creates a report.
  public init(manifest: ExperimentManifest, records: [RunRecord], historyRows: [ByteText]) {
    self.manifest = manifest
    self.records = records
    self.historyRows = historyRows
  }

  /// The summary of the records.
  public var summary: RunSummary { RunSummary(records: records) }

  /// The plot, when a metric is plotted.
  public var plot: String? {
    guard let metric = manifest.plotMetric else { return nil }
    return SVGPlot.bestSoFar(
      records: records, metric: metric,
      axis: manifest.plotsSimulatedSeconds ? .simulatedSeconds : .evaluations,
      title: "\(manifest.strategy): best so far over \(records.count) runs")
  }

  /// Writes every file into `folder`, each atomically, all flushed to disk at once
  /// together with `alongside` (the journal's flush), then the directory entry.
  public func write(
    to folder: ExperimentFolder, alongside: [@Sendable () -> EvaluationError?] = []
  ) throws(EvaluationError) {
    var header = ByteText()
    header.append(HistoryCSV.header)
    let batch = AtomicFileBatch()
    try batch.add(parts: [header] + historyRows, to: folder.historyURL)
    try batch.add(RunsCSV.text(records), to: folder.runsURL)
    let summary = self.summary
    try batch.add(summary.json.prettyText + "\n", to: folder.summaryJSONURL)
    try batch.add(summary.markdown(), to: folder.summaryMarkdownURL)
    if let plot {
      try batch.add(plot, to: folder.plotURL)
    }
    try batch.commit(alongside: alongside)
    AtomicFile.synchronizeDirectory(folder.directory)
  }
}
