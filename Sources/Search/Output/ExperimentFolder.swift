import Foundation

/// The output directory of one experiment (one or many runs, or a range of them):
/// `experiment.json`, `journal.jsonl`, then `history.csv`, `runs.csv`, `summary.json`,
/// `summary.md` and `best_so_far.svg`, each written once, atomically.
///
/// A directory holds exactly one experiment: starting one over anything else is refused
/// without `--resume`, and resuming one with another config, seed, run count or run range
/// is refused naming the difference, so no file of another experiment is left behind.
public struct ExperimentFolder: Sendable {
  /// The directory.
  public let directory: URL

  /// The files in `directory`.
  public init(directory: URL) {
    self.directory = directory
  }

  /// `experiment.json`: the config, the seed, the run count and the run range.
  public var manifestURL: URL { url("experiment.json") }
  /// The append-only evaluation journal of every run.
  public var journalURL: URL { url("journal.jsonl") }
  /// One row per evaluation of every run.
  public var historyURL: URL { url("history.csv") }
  /// One row per run.
  public var runsURL: URL { url("runs.csv") }
  /// Mean ± std of every metric, as JSON.
  public var summaryJSONURL: URL { url("summary.json") }
  /// Mean ± std of every metric, as a Markdown table.
  public var summaryMarkdownURL: URL { url("summary.md") }
  /// The best-so-far plot.
  public var plotURL: URL { url("best_so_far.svg") }

  /// The file `name` in the directory.
  public func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

  /// The visible entries of the directory (none when it does not exist), sorted.
  public func entries() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted()
  }

  /// Makes the directory ready for `manifest`: creates it and writes `experiment.json`
  /// for a new experiment; checks that it holds this very experiment when resuming.
  ///
  /// - Returns: whether the directory already held the experiment (a resume).
  public func open(_ manifest: ExperimentManifest, resume: Bool) throws(SearchInterruption)
    -> Bool
  {
    let present = entries()
    let path = directory.path
    if !present.isEmpty {
      guard resume else {
        throw .outputConflict(
          "\(path) already holds \(Self.list(present)): pass --resume to continue the "
            + "experiment there, or choose another --output")
      }
      guard present.contains("experiment.json") else {
        throw .outputConflict(
          "\(path) holds \(Self.list(present)) but no experiment.json: not an experiment "
            + "to resume; choose another --output")
      }
      let stored: ExperimentManifest
      do {
        stored = try ExperimentManifest.read(manifestURL)
      } catch {
        throw .outputConflict(error.description)
      }
      if let difference = stored.normalized.difference(to: manifest.normalized) {
        throw .outputConflict(
          "\(path) holds another experiment (\(difference)); choose another --output")
      }
      let known = Set(Self.fileNames)
      let foreign = present.filter { !known.contains($0) }
      if !foreign.isEmpty {
        throw .outputConflict(
          "\(path) also holds \(Self.list(foreign)), which is not part of the experiment")
      }
      return true
    }
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try AtomicFile.write(manifest.text, to: manifestURL)
    } catch let error as EvaluationError {
      throw .evaluationFailed(error)
    } catch {
      throw .evaluationFailed(
        EvaluationError("cannot create \(path): \((error as NSError).localizedDescription)"))
    }
    return false
  }

  /// The names of an experiment's files.
  public static let fileNames = [
    "experiment.json", "journal.jsonl", "history.csv", "runs.csv", "summary.json",
    "summary.md", "best_so_far.svg",
  ]

  static func list(_ names: [String]) -> String {
    let shown = names.prefix(6).joined(separator: ", ")
    return names.count > 6 ? "\(shown) and \(names.count - 6) more" : shown
  }
}
