import Foundation
import NASTestSupport
import SearchSpace
import TabularBenchmarks
import Testing

/// The released WikiText-2 logs, loaded once for all tests.
private let logs: Result<NLPBenchmark, NLPBenchmarkError>? = {
  guard let url = try? TestData.url("nasbench_nlp/" + NLPBenchmark.wikiText2FileName) else {
    return nil
  }
  return Result { () throws(NLPBenchmarkError) in try NLPBenchmark(contentsOf: url) }
}()

/// One row of `nb_nlp_wikitext2_summary.csv`, the benchmark's per-run summary.
private struct SummaryRow {
  var fields: [String: String]

  func number(_ key: String) -> Double? { fields[key].flatMap(Double.init) }
}

private func summaryRows() throws -> [SummaryRow] {
  try ReferenceRows.dataFile("nasbench_nlp/nb_nlp_wikitext2_summary.csv").records.map(
    SummaryRow.init)
}

/// The numbers of the summary are printed with 6 decimals.
private func matches(_ value: Double?, _ printed: Double?) -> Bool {
  switch (value, printed) {
  case (nil, nil): true
  case (let value?, let printed?): abs(value - printed) <= 1e-6
  default: false
  }
}

struct NLPBenchmarkTests {
  private func loaded() throws -> NLPBenchmark {
    try #require(logs).get()
  }

  @Test(.requiresData) func loadsEveryRunKeepingTheDivergedOnes() throws {
    let benchmark = try loaded()
    #expect(benchmark.runs.count == 345)
    let failed = benchmark.runs.filter { !$0.isCompleted }
    #expect(failed.map(\.recipeID) == [1_007_257, 1_009_182, 1_009_257, 1_009_703])
    for run in failed {
      #expect(run.status == .failed("loss is nan!"))
      #expect(run.validationLosses.last?.isNaN == true)
      #expect(run.finalValidationPerplexity == nil)
    }
  }

  /// Every run's numbers equal the benchmark's summary table.
  @Test(.requiresData) func numbersEqualTheSummaryTable() throws {
    let benchmark = try loaded()
    let rows = try summaryRows()
    #expect(rows.count == benchmark.runs.count)
    for (run, row) in zip(benchmark.runs, rows) {
      let context = Comment(rawValue: "recepie_id \(run.recipeID)")
      #expect(row.fields["recepie_id"] == String(run.recipeID), context)
      #expect(row.fields["experiment_id"] == String(run.experimentID), context)
      #expect(row.fields["status"] == run.status.logText, context)
      #expect(row.fields["num_params"] == String(run.parameterCount), context)
      #expect(row.fields["n_epochs_logged"] == String(run.epochCount), context)
      #expect(matches(run.finalValidationPerplexity, row.number("final_val_ppl")), context)
      #expect(matches(run.finalTestPerplexity, row.number("final_test_ppl")), context)
      #expect(matches(run.bestValidationPerplexity, row.number("best_val_ppl")), context)
      #expect(
        matches(run.testPerplexityAtBestValidation, row.number("test_ppl_at_best_val")), context)
      #expect(
        matches(run.bestValidationEpoch.map(Double.init), row.number("best_val_epoch")), context)
      #expect(matches(run.totalWallTime, row.number("total_wall_time_s")), context)
      #expect(matches(run.meanEpochWallTime, row.number("mean_epoch_time_s")), context)
      #expect(row.fields["n_nodes"] == String(run.cell.nodes.count), context)
    }
  }

  /// The model's parameter count follows from the cell: embedding 33,278 × 400 plus the
  /// decoder bias (weights tied), and layers 400 → 600, 600 → 600, 600 → 400.
  @Test(.requiresData) func parameterCountFollowsFromTheCell() throws {
    let vocabulary = 33_278  // WikiText-2
    for run in try loaded().runs {
      let settings = run.hyperparameters
      #expect(settings.layerCount == 3 && settings.tiedWeights == true)
      let cell = run.cell
      let layers =
        cell.parameterCount(inputSize: settings.embeddingSize, hiddenSize: settings.hiddenSize)
        + cell.parameterCount(inputSize: settings.hiddenSize, hiddenSize: settings.hiddenSize)
        + cell.parameterCount(inputSize: settings.hiddenSize, hiddenSize: settings.embeddingSize)
      let model = vocabulary * settings.embeddingSize + vocabulary + layers
      #expect(model == run.parameterCount, "recepie_id \(run.recipeID)")
    }
  }

  @Test(.requiresData) func hyperparametersAreTheLoggedOnes() throws {
    let expected = NLPTrainingHyperparameters(
      embeddingSize: 400, hiddenSize: 600, layerCount: 3, outputDropout: 0.1,
      hiddenDropout: 0.25, inputDropout: 0.4, embeddingDropout: 0.0, weightDropout: 0.1,
      batchSize: 20, bptt: 70, learningRate: 0.001, weightDecay: 1.2e-6, epochs: 50,
      tiedWeights: true, gradientClip: 0.25, activationRegularization: 2,
      temporalActivationRegularization: 1, evaluationBatchSize: 50, dataset: "data/wikitext-2",
      model: "CustomRNN")
    for run in try loaded().runs { #expect(run.hyperparameters == expected) }
  }

  @Test(.requiresData) func lookupByRecipeIDAndByCell() throws {
    let benchmark = try loaded()
    #expect(benchmark.runs(recipeID: 1_002_429).count == 2)  // trained twice
    #expect(benchmark.runs(recipeID: 42).isEmpty)
    let lstm = try #require(benchmark.runs(recipeID: 1_000_001).first)
    #expect(abs((lstm.bestValidationPerplexity ?? 0) - 96.310955) < 1e-5)
    let best = benchmark.runs.min {
      ($0.bestValidationPerplexity ?? .infinity) < ($1.bestValidationPerplexity ?? .infinity)
    }
    #expect(best?.recipeID == 1_000_001)

    let rnn = try NLPCell(
      recipe:
        #"{"h_new_0": {"op": "activation_tanh", "input": ["cell"]}, "cell": {"op": "linear", "input": ["h_prev_0", "x"]}}"#
    )
    #expect(benchmark.runs(for: rnn).map(\.recipeID).contains(1_000_000))
    for run in benchmark.runs {
      #expect(benchmark.runs(for: run.cell).contains { $0.index == run.index })
    }
    // 291 distinct recipe texts, 265 distinct networks (isomorphism classes computed
    // independently with networkx).
    #expect(Set(benchmark.runs.map(\.cell)).count == 291)
    #expect(benchmark.distinctCellCount == 265)
  }
}
