import Foundation

/// The runs of NAS-Bench-NLP's WikiText-2 training logs
/// (`nasbench_nlp/nb_nlp_wikitext2_logs.json`), read with Foundation's `JSONDecoder`
/// rather than the package's own JSON reader, so that tests compare two independent
/// readings of the file.
public enum NLPLogs {
  /// One logged run.
  public struct Run: Sendable {
    /// `recepie_id` of the run.
    public var recipeID: Int
    /// `status`: `OK` when training completed.
    public var status: String
    /// `num_params`: the trained model's parameter count.
    public var parameterCount: Int
    /// The recipe as node name → (op name, input names), as Foundation decoded it.
    public var nodes: [String: Node]
    /// The recipe re-serialised by Foundation (key order is Foundation's, not the file's).
    public var recipe: String
  }

  /// A recipe node as decoded by Foundation.
  public struct Node: Codable, Equatable, Sendable {
    /// The operation's name in the recipe (`linear`, `activation_tanh`, …).
    public var op: String
    /// The names of the nodes it reads.
    public var input: [String]
  }

  private struct LoggedRun: Decodable {
    var recipeID: Int
    var status: String
    var parameterCount: Int
    var recipe: [String: Node]

    enum CodingKeys: String, CodingKey {
      case recipeID = "recepie_id"
      case status
      case parameterCount = "num_params"
      case recipe = "recepie"
    }
  }

  /// All 345 runs in file order (empty without the reference data).
  public static let runs: [Run] = {
    guard let url = try? TestData.url("nasbench_nlp/nb_nlp_wikitext2_logs.json"),
      let data = try? Data(contentsOf: url)
    else { return [] }
    let decoder = JSONDecoder()
    decoder.allowsJSON5 = true  // the logs contain Python's NaN
    guard let runs = try? decoder.decode([LoggedRun].self, from: data) else { return [] }
    return runs.map { run in
      let object = run.recipe.mapValues { ["op": $0.op, "input": $0.input] as [String: Any] }
      let json = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
      return Run(
        recipeID: run.recipeID, status: run.status, parameterCount: run.parameterCount,
        nodes: run.recipe, recipe: String(decoding: json, as: UTF8.self))
    }
  }()

  /// The runs whose training completed (status `OK`).
  public static var completed: [Run] { runs.filter { $0.status == "OK" } }
}
