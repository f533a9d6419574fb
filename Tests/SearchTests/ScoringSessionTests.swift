import Foundation
import Proxies
import Testing

@testable import Search

/// ``ScoringSession`` with isomorphs sharing one score.
struct ScoringSessionTests {
  /// Three cells whose output is the input through one skip (the other nodes are dead:
  /// NATS-Bench's `unique_str` makes them one class) and one cell with a live convolution.
  static let skipClass = [
    "|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|",
    "|nor_conv_3x3~0|+|nor_conv_1x1~0|none~1|+|skip_connect~0|none~1|none~2|",
    "|avg_pool_3x3~0|+|nor_conv_1x1~0|none~1|+|skip_connect~0|none~1|none~2|",
  ]
  static let other = "|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|nor_conv_3x3~2|"

  func session(sharing: Bool) throws -> ScoringSession {
    let space = try #require(ScoringSpace.named("nb201"))
    var session = ScoringSession(
      space: space, proxy: NASWOT(), input: .images(SyntheticBatch.images(count: 8, seed: 3)),
      classes: 10, seed: 5, metadata: [("proxy", "naswot")])
    session.sharesIsomorphicScores = sharing
    return session
  }

  @Test func isomorphsTakeTheFirstMembersScore() throws {
    let sharing = try session(sharing: true)
    let texts = [Self.skipClass[0], Self.other, Self.skipClass[1], Self.skipClass[2]]
    let rows = try sharing.run(texts, jobs: 2, output: nil)
    #expect(rows.map(\.architecture) == texts)
    // The class's score is what scoring its first member alone gives.
    let alone = try session(sharing: false).score(Self.skipClass[0])
    #expect(alone.score.isFinite)
    #expect(rows[0].score == alone.score && rows[0].seconds > 0)
    for row in [rows[2], rows[3]] {
      #expect(row.score == alone.score && row.seconds == 0)
    }
    let otherAlone = try session(sharing: false).score(Self.other)
    #expect(rows[1] == otherAlone.withSeconds(rows[1].seconds))
    #expect(rows[1].seconds > 0)
  }

  @Test func aResumedFileLendsItsRowToTheRestOfTheClass() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nas-share-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: url) }
    let sharing = try session(sharing: true)
    let first = try sharing.run([Self.skipClass[1]], jobs: 1, output: url)
    let rows = try sharing.run(Self.skipClass + [Self.other], jobs: 1, output: url)
    #expect(rows[1] == first[0])
    #expect(rows[0].score == first[0].score && rows[0].seconds == 0)
    #expect(rows[2].score == first[0].score && rows[2].seconds == 0)
    #expect(rows[3].seconds > 0)
    let stored = try ScoreTable.read(url)
    #expect(stored.rows.count == 4)
  }
}

extension ScoreTable.Row {
  fileprivate func withSeconds(_ seconds: Double) -> ScoreTable.Row {
    ScoreTable.Row(architecture: architecture, score: score, seconds: seconds, failure: failure)
  }
}
