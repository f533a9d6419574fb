import Testing

@testable import Proxies

/// ``TextBatchLayout``: the `batchify` columns and where a batch starts in them.
struct TextBatchLayoutTests {
  /// One line of 21 distinct words: ids 0...20 in order, then `<eos>` = 21, 22 tokens.
  static let corpus = TextCorpus(text: (0..<21).map { "w\($0)" }.joined(separator: " ") + "\n")

  @Test func aFixedStartReadsEveryColumnFromThere() throws {
    #expect(Self.corpus.tokens == Array(0...21))
    // Batch 3: 22 / 3 = 7 tokens a column (the 22nd is dropped), column b = ids 7b..<7b+7.
    let layout = TextBatchLayout(sequenceLength: 4, start: .position(2))
    let (inputs, targets) = try Self.corpus.batch(layout, batchSize: 3, seed: 99)
    #expect(inputs == [2, 9, 16, 3, 10, 17, 4, 11, 18, 5, 12, 19])
    #expect(targets == [3, 10, 17, 4, 11, 18, 5, 12, 19, 6, 13, 20])
    // Position 0 is the start of each column whatever the seed.
    let first = TextBatchLayout(sequenceLength: 2, start: .position(0))
    #expect(try Self.corpus.batch(first, batchSize: 3, seed: 1).inputs == [0, 7, 14, 1, 8, 15])
    #expect(
      try Self.corpus.batch(first, batchSize: 3, seed: 1)
        == Self.corpus.batch(first, batchSize: 3, seed: 2))
  }

  @Test func aStartWhoseTargetsLeaveTheColumnIsAnError() throws {
    // 3 + 4 steps reach the column's last token, so the last target would be outside it.
    let layout = TextBatchLayout(sequenceLength: 4, start: .position(3))
    let error = #expect(throws: DataError.self) {
      _ = try Self.corpus.batch(layout, batchSize: 3, seed: 0)
    }
    #expect(error?.message.contains("7 per sequence") == true)
  }

  @Test func theSeededLayoutIsTheFormerSeededBatch() throws {
    let corpus = TextCorpus(text: (0..<400).map { "w\($0 % 37)" }.joined(separator: " "))
    for seed: UInt64 in [0, 1, 7] {
      #expect(
        try corpus.batch(.standard, batchSize: 4, seed: seed)
          == corpus.batch(sequenceLength: 35, batchSize: 4, seed: seed))
    }
  }
}
