import Foundation
import NASTestSupport
import Proxies
import Testing

@testable import Search

/// The batch epsilon scores NB-NLP networks on: by default the authors' (egracheva/epsinas,
/// `NAS-Bench-NLP/Reproduce.ipynb`: `get_batch(batchify(corpus.train, 256), 0)` with the
/// logs' `bptt` of 70), while other scorers keep 35 steps at a seeded position.
struct EpsilonNLPBatchTests {
  static func setup(
    _ proxy: String = "epsilon", space: String = "nlp", data: String,
    options: ProxyOptions = ProxyOptions(), batchSize: Int? = nil
  ) throws -> ProxySetup {
    try ProxySetup(
      name: proxy, options: options, batchSize: batchSize, seed: 1, data: data,
      space: try #require(SpaceRegistry.named(space)))
  }

  static func tokens(_ setup: ProxySetup) throws -> TokenBatch {
    guard case .tokens(let batch) = setup.data.input else {
      throw TokenBatchMissing()
    }
    return batch
  }

  struct TokenBatchMissing: Error {}

  /// The words of `url` as Python's `for line in f: line.split() + ['<eos>']` reads them,
  /// numbered in order of first appearance: written here without ``TextCorpus``.
  static func pythonTokens(_ url: URL) throws -> (words: [String], ids: [Int]) {
    let text = try String(contentsOf: url, encoding: .utf8)
    var lines = text.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }  // the final newline ends the last line
    var words: [String] = []
    for line in lines {
      words += line.split(whereSeparator: \.isWhitespace).map(String.init) + ["<eos>"]
    }
    var numbers: [String: Int] = [:]
    let ids = words.map { word in
      if let id = numbers[word] { return id }
      numbers[word] = numbers.count
      return numbers.count - 1
    }
    return (words, ids)
  }

  @Test func epsilonOnNLPDefaultsToTheAuthorsBatch() throws {
    let nlp = try #require(SpaceRegistry.named("nlp"))
    let defaults = nlp.proxyDefaults(for: "epsilon")
    #expect(defaults.values["text_steps"] == .int(70))
    #expect(defaults.values["text_start"] == .int(0))
    #expect(defaults.values["text_split"] == .string("train"))
    #expect(defaults.values["low"] == .number(1e-5) && defaults.values["high"] == .number(1e-3))
    let setup = try Self.setup(data: "synthetic")
    let batch = try Self.tokens(setup)
    #expect(batch.sequenceLength == 70 && batch.batchSize == 256)
    #expect(setup.options.summary.contains("text_split:train,text_start:0,text_steps:70"))
    let epsilon = try #require(setup.proxy as? Epsilon)
    #expect(epsilon.constants == .nlp)
    // Other scorers of the space, and epsilon elsewhere, have no text defaults.
    #expect(nlp.proxyDefaults(for: "naswot-rnn").values.isEmpty)
    let naswot = try Self.tokens(Self.setup("naswot-rnn", data: "synthetic", batchSize: 8))
    #expect(naswot.sequenceLength == 35)
  }

  @Test(.requiresData) func theAuthorsBatchIsTheFirst70StepsOfTheBatchifiedTrainingText() throws {
    let url = try TestData.url("ptb/ptb.train.txt")
    let batch = try Self.tokens(Self.setup(data: "ptb:" + url.path))
    let (words, ids) = try Self.pythonTokens(url)
    // The Python one-liner gives 929,589 tokens (887,521 words + 42,068 lines), so
    // batchify(…, 256) makes columns of 929,589 / 256 = 3,631 tokens.
    #expect(ids.count == 929_589)
    let column = ids.count / 256
    #expect(column == 3_631)
    var expected: [Int] = []
    var expectedTargets: [Int] = []
    for t in 0..<70 {
      for b in 0..<256 {
        expected.append(ids[b * column + t])
        expectedTargets.append(ids[b * column + t + 1])
      }
    }
    #expect(batch.inputs == expected)
    #expect(batch.targets == expectedTargets)
    #expect(batch.vocabularySize == 10_000)  // PTB's vocabulary: every word is in train
    // Step 0 of the first sequences: tokens 0, 3,631, 7,262, 10,893 of the text.
    #expect(
      [0, 1, 2, 3].map { words[ids.firstIndex(of: batch.inputs[$0])!] } == [
        "aer", "units", "<eos>", "production",
      ])
  }

  @Test(.requiresData) func aCorpusDirectoryGivesTheSplitAskedFor() throws {
    let directory = try TestData.url("ptb")
    let file = try Self.setup(data: "ptb:" + directory.appendingPathComponent("ptb.train.txt").path)
    let fromDirectory = try Self.setup(data: "ptb:" + directory.path)
    #expect(try Self.tokens(fromDirectory) == Self.tokens(file))
    #expect(fromDirectory.data.label == "ptb:ptb.train.txt")
    let valid = try Self.setup(
      data: "ptb:" + directory.path, options: ProxyOptions(["text_split": .string("valid")]))
    #expect(valid.data.label == "ptb:ptb.valid.txt")
    // WikiText-2's training split is not in the reference data: said, not substituted.
    let wikitext = try TestData.url("wikitext2")
    let error = #expect(throws: ProxySetup.Failure.self) {
      _ = try Self.setup(data: "wikitext2:" + wikitext.path)
    }
    #expect(error?.setting == "data")
    #expect(error?.message.contains("no train split") == true)
  }

  @Test(.requiresData) func anotherSplitIsReadOnlyWhenAskedFor() throws {
    let url = try TestData.url("ptb/ptb.valid.txt")
    let error = #expect(throws: ProxySetup.Failure.self) {
      _ = try Self.setup(data: "ptb:" + url.path)
    }
    #expect(error?.setting == "data")
    #expect(error?.message.contains("text_split=valid") == true)
    let asked = try Self.tokens(
      Self.setup(data: "ptb:" + url.path, options: ProxyOptions(["text_split": .string("valid")])))
    let ids = try Self.pythonTokens(url).ids
    let column = ids.count / 256
    #expect(asked.sequenceLength == 70)
    #expect(Array(asked.inputs.prefix(256)) == (0..<256).map { ids[$0 * column] })
    // naswot-rnn reads the same file as before: 35 steps at the seed's position.
    let naswot = try Self.tokens(Self.setup("naswot-rnn", data: "ptb:" + url.path, batchSize: 20))
    let corpus = try TextCorpus(contentsOf: url)
    let former = try corpus.batch(sequenceLength: 35, batchSize: 20, seed: 1)
    #expect(naswot.inputs == former.inputs && naswot.targets == former.targets)
  }

  @Test func textOptionsAreCheckedLikeEveryOption() throws {
    for (space, options, setting) in [
      ("nb201", ["text_steps": ProxyOptions.Value.int(70)], "text_steps"),
      ("nlp", ["text_start": .string("middle")], "text_start"),
      ("nlp", ["text_steps": .int(0)], "text_steps"),
      ("nlp", ["text_split": .string("training")], "text_split"),
    ] {
      let error = #expect(throws: ProxySetup.Failure.self) {
        _ = try Self.setup(space: space, data: "synthetic", options: ProxyOptions(options))
      }
      #expect(error?.setting == setting, "\(space) \(options)")
    }
    // A user's text options override the space's defaults.
    let random = try Self.setup(
      data: "synthetic",
      options: ProxyOptions(["text_start": .string("random"), "text_steps": .int(35)]))
    #expect(try Self.tokens(random).sequenceLength == 35)
  }
}
