import Foundation

/// Joins the directories of one experiment's run ranges (a job array's parts) into one
/// directory with the files a single process running all those runs writes: the same
/// `history.csv`, `runs.csv`, `summary.json`, `summary.md` and plot, except for wall times.
///
/// The parts must hold the same experiment (config, strategy, seed, run count), be
/// finished (have a `runs.csv`), and their ranges must follow each other without gap or
/// overlap. The merged journal is the parts' journals one after the other (their lines
/// carry global run indices), so the merged directory is a finished experiment like any.
public enum ExperimentMerge {
  /// Merges `parts` into `output` (which must be absent or empty) and returns the merged
  /// directory's manifest.
  public static func merge(_ parts: [URL], into output: URL) throws(EvaluationError)
    -> ExperimentManifest
  {
    guard !parts.isEmpty else { throw EvaluationError("no directories to merge") }
    var loaded: [(folder: ExperimentFolder, manifest: ExperimentManifest)] = []
    for part in parts {
      let folder = ExperimentFolder(directory: part)
      let manifest = try ExperimentManifest.read(folder.manifestURL).normalized
      guard FileManager.default.fileExists(atPath: folder.runsURL.path) else {
        throw EvaluationError(
          "\(part.path): the experiment has not finished (no runs.csv); resume it first")
      }
      if let first = loaded.first,
        let difference = first.manifest.difference(to: manifest, ignoringRange: true)
      {
        throw EvaluationError(
          "\(part.path) holds another experiment than \(first.folder.directory.path): "
            + difference.replacingOccurrences(of: "in the folder", with: "in the first")
            .replacingOccurrences(of: " now", with: " here"))
      }
      loaded.append((folder, manifest))
    }
    loaded.sort { $0.manifest.runRange.lowerBound < $1.manifest.runRange.lowerBound }
    for (a, b) in zip(loaded, loaded.dropFirst())
    where a.manifest.runRange.upperBound != b.manifest.runRange.lowerBound {
      let ra = a.manifest.runRange
      let rb = b.manifest.runRange
      throw EvaluationError(
        "run ranges \(ra.lowerBound)..<\(ra.upperBound) (\(a.folder.directory.path)) and "
          + "\(rb.lowerBound)..<\(rb.upperBound) (\(b.folder.directory.path)) "
          + (ra.upperBound > rb.lowerBound ? "overlap" : "leave a gap"))
    }
    let destination = ExperimentFolder(directory: output)
    let present = destination.entries()
    guard present.isEmpty else {
      throw EvaluationError(
        "\(output.path) already holds \(ExperimentFolder.list(present)); choose an empty --output")
    }
    var manifest = loaded[0].manifest
    manifest.runRange =
      loaded[0].manifest.runRange
      .lowerBound..<loaded[loaded.count - 1].manifest.runRange
      .upperBound

    var records: [RunRecord] = []
    var historyRows = ByteText()
    var journal = ""
    for (folder, part) in loaded {
      let history = try read(folder.historyURL)
      guard history.hasPrefix(HistoryCSV.header) else {
        throw EvaluationError("\(folder.historyURL.path): unexpected header")
      }
      historyRows.append(String(history.dropFirst(HistoryCSV.header.count)))
      let curves = try HistoryCSV.curves(history)
      var partRecords = try RunsCSV.records(try read(folder.runsURL))
      guard partRecords.map(\.run) == Array(part.runRange) else {
        throw EvaluationError(
          "\(folder.runsURL.path): expected runs \(part.runRange.lowerBound)..<\(part.runRange.upperBound)"
        )
      }
      for i in partRecords.indices { partRecords[i].curve = curves[partRecords[i].run] ?? [] }
      records += partRecords
      journal += try read(folder.journalURL)
    }
    do {
      try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    } catch {
      throw EvaluationError(
        "cannot create \(output.path): \((error as NSError).localizedDescription)")
    }
    try AtomicFile.write(manifest.text, to: destination.manifestURL)
    try AtomicFile.write(journal, to: destination.journalURL)
    try ExperimentReport(manifest: manifest, records: records, historyRows: [historyRows])
      .write(to: destination)
    return manifest
  }

  private static func read(_ url: URL) throws(EvaluationError) -> String {
    do {
      return try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw EvaluationError("cannot read \(url.path): \((error as NSError).localizedDescription)")
    }
  }
}
