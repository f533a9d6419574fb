import Foundation
import NASTestSupport
import Proxies
import Testing

@testable import Search

/// Token batches for NB-NLP scorers, from a corpus or synthetic.
struct ProxyDataTests {
  @Test func syntheticTokensAreShiftedByOneStep() throws {
    let data = try ProxyData.load("synthetic", batchSize: 4, seed: 3, kind: .tokens)
    guard case .tokens(let batch) = data.input else {
      Issue.record("expected tokens")
      return
    }
    #expect(batch.sequenceLength == 35 && batch.batchSize == 4)
    #expect(data.classes == 10_000 && batch.vocabularySize == 10_000)
    // Targets are the next time step of the same sequence.
    #expect(Array(batch.targets.prefix(34 * 4)) == Array(batch.inputs.dropFirst(4)))
    #expect(batch.inputs.allSatisfy { (0..<10_000).contains($0) })
  }

  @Test func aCorpusGivesItsVocabularyAndLabel() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nas-tokens-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let corpus = directory.appendingPathComponent("tiny.txt")
    // 5 distinct words + <eos>, 40 lines of 4 words.
    let lines = (0..<40).map { i in
      ["a", "b", "c", "d", "e"].shuffledRotation(i).joined(separator: " ")
    }
    try (lines.joined(separator: "\n") + "\n").write(to: corpus, atomically: true, encoding: .utf8)
    let data = try ProxyData.load("text:" + corpus.path, batchSize: 2, seed: 1, kind: .tokens)
    #expect(data.classes == 6)
    #expect(data.label == "text:tiny.txt")
    let error = #expect(throws: ConfigError.self) {
      _ = try ProxyData.load("cifar10:" + corpus.path, batchSize: 2, seed: 1, kind: .tokens)
    }
    #expect(error?.path == "data")
    #expect(error?.message.contains("a text corpus for NB-NLP") == true)
    let images = #expect(throws: ConfigError.self) {
      _ = try ProxyData.load("ptb:" + corpus.path, batchSize: 2, seed: 1)
    }
    #expect(images?.message.contains("(text is for nlp)") == true)
  }

  @Test(.requiresData) func naswotSearchOverTheLogsScoresRealNetworks() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nas-tokens-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let text = """
      {"space": "nlp", "strategy": {"name": "naswot", "samples": 3},
       "proxy": {"name": "naswot-rnn", "batch_size": 4},
       "data": "ptb:ptb/ptb.valid.txt",
       "benchmark": {"table": "nasbench_nlp/nb_nlp_wikitext2_logs.json",
                     "fitness": "final_val_ppl", "minimize": true}}
      """
    let config = try SearchConfig.decode(Data(text.utf8), file: "naswot.json")
    let outcome = try SearchLauncher.prepare(config).run(output: nil, resume: false)[0]
    #expect(outcome.history.count == 3)
    #expect(outcome.history.allSatisfy { $0.source == .proxy && $0.fitness.isFinite })
    let best = try #require(outcome.best)
    #expect(best.fitness == outcome.history.map(\.fitness).max())
    #expect(outcome.bestProxyScore == best.fitness)
    #expect(outcome.bestMetrics.contains { $0.name == "final_val_ppl" })
  }
}

extension Array {
  /// The array rotated left by `count` places (a cheap deterministic reordering).
  fileprivate func shuffledRotation(_ count: Int) -> [Element] {
    let k = count % self.count
    return Array(self[k...] + self[..<k]).dropLast()
  }
}
