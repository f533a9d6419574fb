import Foundation
import TabularBenchmarks
import Testing

/// Broken log files give errors naming the file, the run, the field and the rule.
struct NLPBenchmarkErrorTests {
  /// A one-run log; `replace` swaps pieces of the run's JSON to break it.
  private func log(_ replace: [(String, String)] = []) -> String {
    var run = """
      {"recepie_id": 7, "experiment_id": 8, "status": "OK", "num_params": 100,
       "recepie": {"f": {"op": "linear", "input": ["x", "h_prev_0"]},
                   "h_new_0": {"op": "activation_tanh", "input": ["f"]}},
       "hyperparams": {"emsize": 400, "nhid": 600, "nlayers": 3, "dropout": 0.1,
                       "dropouth": 0.25, "dropouti": 0.4, "dropoute": 0.0, "wdrop": 0.1,
                       "batch_size": 20, "bptt": 70},
       "wall_times": [10.0, 12.0], "train_losses": [6.0, 5.0],
       "val_losses": [5.5, 5.25], "test_losses": [5.4, 5.2]}
      """
    for (old, new) in replace { run = run.replacingOccurrences(of: old, with: new) }
    return "[" + run + "]"
  }

  private func load(_ text: String) throws(NLPBenchmarkError) -> NLPBenchmark {
    try NLPBenchmark(bytes: Array(text.utf8), fileName: "logs.json")
  }

  private func error(_ text: String) -> NLPBenchmarkError? {
    do {
      _ = try load(text)
      return nil
    } catch {
      return error
    }
  }

  @Test func minimalLogLoads() throws {
    let run = try #require(try load(log()).runs.first)
    #expect(run.recipeID == 7 && run.experimentID == 8 && run.parameterCount == 100)
    #expect(run.epochCount == 2)
    #expect(run.finalValidationPerplexity == exp(5.25))
    #expect(run.bestValidationEpoch == 2)
    #expect(run.totalWallTime == 22 && run.meanEpochWallTime == 11)
    #expect(run.hyperparameters.learningRate == nil)
    #expect(run.validationPerplexity(atEpoch: 1) == exp(5.5))
    #expect(run.validationPerplexity(atEpoch: 3) == nil)
    #expect(run.wallTime(epochs: 1) == 10 && run.wallTime(epochs: 9) == 22)
  }

  @Test func malformedJSONGivesLineAndColumn() {
    let found = error(log([("\"status\": \"OK\",", "\"status\": \"OK\"")]))
    #expect(found?.line == 1 && found?.column == 55)
    #expect(found?.runIndex == nil)
    #expect(found?.message.contains("expected ',' or '}'") == true)
    #expect(error("{\"runs\": []}")?.message == "expected an array of runs, found an object")
  }

  @Test func missingField() {
    let found = error(log([("\"num_params\": 100,", "")]))
    #expect(
      found
        == NLPBenchmarkError(
          file: "logs.json", runIndex: 0, recipeID: 7, field: "num_params",
          message: "missing field"))
    #expect(found?.description == "logs.json: run 0 (recepie_id 7): 'num_params': missing field")
    #expect(error(log([("\"bptt\": 70", "\"bptt_\": 70")]))?.field == "hyperparams.bptt")
  }

  @Test func wrongTypes() {
    #expect(
      error(log([("\"num_params\": 100", "\"num_params\": 100.5")]))?.message
        == "expected an integer, found the number 100.5")
    #expect(
      error(log([("\"val_losses\": [5.5, 5.25]", "\"val_losses\": \"5.5\"")]))?.message
        == "expected an array of numbers, found a string")
    let element = error(log([("[5.5, 5.25]", "[5.5, null]")]))
    #expect(
      element?.field == "val_losses[1]" && element?.message == "expected a number, found null")
    #expect(error(log([("\"status\": \"OK\"", "\"status\": 1")]))?.field == "status")
    #expect(error(log([("\"recepie_id\": 7", "\"recepie_id\": \"7\"")]))?.recipeID == nil)
  }

  @Test func brokenRecipesAreRejectedWithTheCellsReason() {
    let unknown = error(log([("activation_tanh", "activation_relu")]))
    #expect(unknown?.field == "recepie")
    #expect(unknown?.message.contains("unknown op 'activation_relu'") == true)
    let cycle = error(log([("[\"x\", \"h_prev_0\"]", "[\"x\", \"h_new_0\"]")]))
    #expect(cycle?.message.contains("cycle") == true)
    let dangling = error(log([("[\"f\"]", "[\"g\"]")]))
    #expect(dangling?.message.contains("input 'g' is not a node") == true)
  }

  @Test func seriesMustHaveOneEntryPerEpoch() {
    let found = error(log([("\"test_losses\": [5.4, 5.2]", "\"test_losses\": [5.4]")]))
    #expect(found?.field == "test_losses")
    #expect(found?.message == "expected one entry per epoch like 'train_losses' (2), found 1")
    #expect(error(log([("[10.0, 12.0]", "[10.0, -1]")]))?.field == "wall_times[1]")
  }

  @Test func divergedRunsAreDataNotErrors() throws {
    let text = log([
      ("\"status\": \"OK\"", "\"status\": \"loss is nan!\""),
      ("\"val_losses\": [5.5, 5.25]", "\"val_losses\": [5.5, NaN]"),
      ("\"test_losses\": [5.4, 5.2]", "\"test_losses\": [5.4, NaN]"),
    ])
    let run = try #require(try load(text).runs.first)
    #expect(run.status == .failed("loss is nan!"))
    #expect(run.finalValidationPerplexity == nil && run.finalTestPerplexity == nil)
    #expect(run.bestValidationEpoch == 1)
    #expect(run.bestValidationPerplexity == exp(5.5))
    #expect(run.testPerplexityAtBestValidation == exp(5.4))
    #expect(run.validationPerplexity(atEpoch: 2) == nil)
  }

  @Test func missingFileSaysSo() {
    let url = URL(fileURLWithPath: "/nonexistent/nb_nlp_logs.json")
    #expect(throws: NLPBenchmarkError.self) { try NLPBenchmark(contentsOf: url) }
    do {
      _ = try NLPBenchmark(contentsOf: url)
    } catch {
      #expect(error.file == "nb_nlp_logs.json")
      #expect(error.message.hasPrefix("cannot read the file"))
    }
  }
}
