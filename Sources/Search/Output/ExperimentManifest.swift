import Foundation

/// `experiment.json`: what an output directory holds — the config, the strategy, the
/// seed of run 0, the run count and the range of runs this directory computes — so that
/// `--resume` and `merge-runs` can tell whether two directories hold the same experiment.
public struct ExperimentManifest: Sendable, Equatable {
  /// The config, without its `output` key (where the folder is does not change what is in it).
  public var config: JSONValue
  /// The strategy's name, as in plot titles.
  public var strategy: String
  /// The seed of run 0; run r uses `seed + r`.
  public var seed: UInt64
  /// The experiment's run count.
  public var runs: Int
  /// The runs this directory computes (all of them unless a run range was asked for).
  public var runRange: Range<Int>
  /// The plotted metric, or nil when nothing is plotted.
  public var plotMetric: String?
  /// Whether the plot's x axis is simulated seconds (else evaluations).
  public var plotsSimulatedSeconds: Bool

  /// Creates a manifest.
  public init(
    config: JSONValue, strategy: String, seed: UInt64, runs: Int, runRange: Range<Int>,
    plotMetric: String?, plotsSimulatedSeconds: Bool
  ) {
    if case .object(let pairs) = config {
      self.config = .object(pairs.filter { $0.0 != "output" })
    } else {
      self.config = config
    }
    self.strategy = strategy
    self.seed = seed
    self.runs = runs
    self.runRange = runRange
    self.plotMetric = plotMetric
    self.plotsSimulatedSeconds = plotsSimulatedSeconds
  }

  /// The file's JSON.
  public var json: JSONValue {
    .object([
      ("config", config),
      ("strategy", .string(strategy)),
      ("seed", seed <= UInt64(Int.max) ? .int(Int(seed)) : .string(String(seed))),
      ("runs", .int(runs)),
      ("run_range", .array([.int(runRange.lowerBound), .int(runRange.upperBound)])),
      ("plot_metric", plotMetric.map(JSONValue.string) ?? .null),
      ("plot_axis", .string(plotsSimulatedSeconds ? "simulated_seconds" : "evaluations")),
    ])
  }

  /// The file's text.
  public var text: String { json.prettyText + "\n" }

  /// Reads `experiment.json` at `url`.
  public static func read(_ url: URL) throws(EvaluationError) -> ExperimentManifest {
    let object: [String: Any]
    do {
      let data = try Data(contentsOf: url)
      guard let parsed = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw EvaluationError("\(url.path): not a JSON object")
      }
      object = parsed
    } catch let error as EvaluationError {
      throw error
    } catch {
      throw EvaluationError("cannot read \(url.path): \(error.localizedDescription)")
    }
    let seed =
      (object["seed"] as? NSNumber)?.uint64Value
      ?? (object["seed"] as? String).flatMap {
        UInt64($0)
      }
    guard let config = object["config"], let strategy = object["strategy"] as? String,
      let seed, let runs = object["runs"] as? Int,
      let range = object["run_range"] as? [Int], range.count == 2, range[0] <= range[1],
      let axis = object["plot_axis"] as? String
    else { throw EvaluationError("\(url.path): not an experiment.json of nas-search") }
    return ExperimentManifest(
      config: JSONValue(any: config), strategy: strategy, seed: seed, runs: runs,
      runRange: range[0]..<range[1], plotMetric: object["plot_metric"] as? String,
      plotsSimulatedSeconds: axis == "simulated_seconds")
  }

  /// This manifest as it reads back from its file (numbers and key order normalised), so
  /// that a fresh manifest compares equal to a stored one.
  public var normalized: ExperimentManifest {
    guard let data = text.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let config = object["config"]
    else { return self }
    var copy = self
    copy.config = JSONValue(any: config)
    return copy
  }

  /// The first difference between `self` (stored) and `other` (asked for), in words,
  /// or nil when they describe the same experiment; `ignoringRange` for merging.
  public func difference(to other: ExperimentManifest, ignoringRange: Bool = false) -> String? {
    if let path = JSONValue.firstDifference(config, other.config, path: "config") {
      return path
    }
    func describe(_ key: String, _ a: String, _ b: String) -> String {
      "\(key): \(a) in the folder, \(b) now"
    }
    if strategy != other.strategy { return describe("strategy", strategy, other.strategy) }
    if seed != other.seed { return describe("seed", "\(seed)", "\(other.seed)") }
    if runs != other.runs { return describe("runs", "\(runs)", "\(other.runs)") }
    if !ignoringRange, runRange != other.runRange {
      return describe(
        "run range", "\(runRange.lowerBound)..<\(runRange.upperBound)",
        "\(other.runRange.lowerBound)..<\(other.runRange.upperBound)")
    }
    if plotMetric != other.plotMetric || plotsSimulatedSeconds != other.plotsSimulatedSeconds {
      return "plot: differs between the folder and now"
    }
    return nil
  }
}

extension JSONValue {
  /// The key path of the first place where `a` and `b` differ, with both values, or nil.
  static func firstDifference(_ a: JSONValue, _ b: JSONValue, path: String) -> String? {
    switch (a, b) {
    case (.object(let left), .object(let right)):
      let keys = (left.map(\.0) + right.map(\.0)).reduce(into: [String]()) {
        if !$0.contains($1) { $0.append($1) }
      }
      for key in keys {
        let l = left.first { $0.0 == key }?.1
        let r = right.first { $0.0 == key }?.1
        switch (l, r) {
        case (let l?, let r?):
          if let found = firstDifference(l, r, path: path + "." + key) { return found }
        case (let l?, nil): return "\(path).\(key): \(l.text) in the folder, absent now"
        case (nil, let r?): return "\(path).\(key): absent in the folder, \(r.text) now"
        case (nil, nil): break
        }
      }
      return nil
    default:
      return a == b ? nil : "\(path): \(a.text) in the folder, \(b.text) now"
    }
  }
}
