import Foundation
import Networks
import SearchSpace
import TabularBenchmarks

/// The NAS-Bench-NLP table of `nas-bench networks`: five recipes of
/// `nasbench_nlp/nb_nlp_wikitext2_logs.json` (the LSTM, recipe 1000001, and four spread
/// over the parameter counts), WikiText-2 vocabulary (33,278 words), sequence length 35,
/// batch 20: embedding, three recurrent layers and the tied decoder, forward only.
enum NLPReport {
  /// The LSTM's recipe id in the logs.
  static let lstmRecipe = 1_000_001

  /// The five recipes, or none without the data.
  static func recipes() -> [(label: String, cell: NLPCell)] {
    let url = NetworkTiming.dataDirectory.appendingPathComponent(
      "nasbench_nlp/nb_nlp_wikitext2_logs.json")
    guard let all = try? NLPBenchmark(contentsOf: url).runs else { return [] }
    let others = all.filter { $0.isCompleted && $0.recipeID != lstmRecipe }
      .sorted { $0.parameterCount < $1.parameterCount }
    var chosen = all.filter { $0.recipeID == lstmRecipe }.prefix(1).map { $0 }
    chosen += NetworkTiming.spread(4, over: others.count).map { others[$0] }
    return chosen.map { recipe in
      let name = recipe.recipeID == lstmRecipe ? "LSTM" : "recipe \(recipe.recipeID)"
      return (
        "\(name) \(String(format: "%.1fM", Double(recipe.parameterCount) / 1e6))", recipe.cell
      )
    }
  }

  /// Runs the table and prints it.
  static func run(samples: Int, peak: Double?, sequenceLength: Int = 35, batch: Int = 20) {
    let configuration = NLPNetworkConfiguration.wikiText2
    print("")
    print(
      "networks: NB-NLP model, WikiText-2 vocabulary \(configuration.vocabulary), "
        + "sequence \(sequenceLength), batch \(batch), \(ComputeThreads.count) threads")
    let list = recipes()
    guard !list.isEmpty else {
      print("(skipped: no nasbench_nlp/nb_nlp_wikitext2_logs.json under $NAS_DATA_DIR)")
      return
    }
    print(NetworkTiming.header)
    var rng = SplitMix64(seed: 7)
    let tokens = (0..<(sequenceLength * batch)).map { _ in
      Int.random(in: 0..<configuration.vocabulary, using: &rng)
    }
    for (label, cell) in list {
      guard let cost = try? NLPNetworkCost(cell: cell, configuration: configuration) else {
        continue
      }
      let gflop = 2 * Double(cost.multiplyAccumulates) * Double(sequenceLength * batch) / 1e9
      let row = NetworkTiming.measure(
        label, gflop: gflop, samples: samples,
        build: { () -> NLPNetwork<Float>? in
          var rng = SplitMix64(seed: 1)
          return try? NLPNetwork<Float>(cell: cell, configuration: configuration, using: &rng)
        },
        forward: { network in
          let output = network.forward(
            tokens: tokens, sequenceLength: sequenceLength, batchSize: batch, in: ForwardPass())
          withExtendedLifetime(output) {}
        })
      if let row { print(NetworkTiming.format(row, peak: peak)) }
    }
  }
}
