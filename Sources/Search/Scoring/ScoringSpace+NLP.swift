import Foundation
import Networks
import Proxies
import SearchSpace
import TabularBenchmarks

extension ScoringSpace {
  /// The WikiText-2 log file, relative to `$NAS_DATA_DIR`: what `--all` lists when no
  /// `--benchmark` is given.
  public static let nlpDefaultLogs = "nasbench_nlp/nb_nlp_wikitext2_logs.json"

  /// NAS-Bench-NLP: the benchmark's language model over the corpus's vocabulary;
  /// architectures are canonical recipes (one line of JSON each); metrics from the
  /// training logs (``NLPMetricTable``); `--all` is every distinct network of the logs
  /// (the 345 WikiText-2 runs hold 265), in the order of its first run.
  static let nlp: ScoringSpace = {
    let space = NLPSpace()
    return ScoringSpace(
      space: AnySearchSpace(space, summary: ""),
      inputKind: .tokens,
      builder: { text, vocabulary throws(ArchitectureError) in
        let cell = try space.parse(text)
        return (cell.recipe, NetworkBuilder.nlp(cell, vocabulary: vocabulary))
      },
      allArchitectures: { benchmark throws(EvaluationError) in
        let url: URL
        if let benchmark {
          url = benchmark
        } else {
          do {
            url = try DataPath.resolve(nlpDefaultLogs, key: "--all")
          } catch {
            throw EvaluationError(
              "'--all' lists the networks of the NB-NLP logs: give --benchmark FILE (\(error))")
          }
        }
        return try NLPMetricTable(contentsOf: url).cells.map(\.recipe)
      },
      architecturesInTable: nil,
      loadMetrics: { url throws(EvaluationError) in
        let table = try NLPMetricTable(contentsOf: url)
        return { text in
          guard let cell = try? NLPCell(recipe: text) else { return [:] }
          return table.metrics(for: cell)
        }
      },
      cost: { text, dataset in
        let vocabularies = ["wikitext2": 33_278, "ptb": 10_000]
        guard let vocabulary = vocabularies[dataset], let cell = try? space.parse(text),
          let cost = try? NLPNetworkCost(
            cell: cell, configuration: NLPNetworkConfiguration(vocabulary: vocabulary))
        else { return nil }
        return (cost.parameters, Double(cost.flops) / 1e6)
      },
      datasets: ["wikitext2", "ptb"])
  }()
}
