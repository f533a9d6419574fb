import Foundation
import NASTestSupport
import SearchSpace

/// A run of `nasbench_nlp/nb_nlp_wikitext2_logs.json`, read with Foundation: the recipe,
/// the status and the logged parameter count.
struct NLPLoggedRun: Decodable {
  var recipeID: Int
  var status: String
  var parameterCount: Int
  var cell: NLPCell

  enum CodingKeys: String, CodingKey {
    case recipeID = "recepie_id"
    case status
    case parameterCount = "num_params"
    case cell = "recepie"
  }

  /// Every run in file order (empty without the reference data).
  static let all: [NLPLoggedRun] = {
    guard let url = try? TestData.url("nasbench_nlp/nb_nlp_wikitext2_logs.json"),
      let data = try? Data(contentsOf: url)
    else { return [] }
    let decoder = JSONDecoder()
    decoder.allowsJSON5 = true  // the logs contain Python's NaN
    return (try? decoder.decode([NLPLoggedRun].self, from: data)) ?? []
  }()

  /// The runs whose training completed (status `OK`).
  static var completed: [NLPLoggedRun] { all.filter { $0.status == "OK" } }
}
