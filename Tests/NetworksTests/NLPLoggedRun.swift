import Foundation
import NASTestSupport
import SearchSpace

/// A completed run of `nasbench_nlp/nb_nlp_wikitext2_logs.json` (read with Foundation
/// by ``NLPLogs``): the recipe as a cell and the logged parameter count.
struct NLPLoggedRun {
  var recipeID: Int
  var parameterCount: Int
  var cell: NLPCell

  /// The runs whose training completed (status `OK`), in file order (empty without
  /// the reference data); the cells decoded from the recipes with `JSONDecoder`.
  static let completed: [NLPLoggedRun] = NLPLogs.completed.compactMap { run in
    guard let cell = try? JSONDecoder().decode(NLPCell.self, from: Data(run.recipe.utf8))
    else { return nil }
    return NLPLoggedRun(recipeID: run.recipeID, parameterCount: run.parameterCount, cell: cell)
  }
}
