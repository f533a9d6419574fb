import Foundation
import NASTestSupport
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
    let space = try #require(SpaceRegistry.named("nb201"))
    let setup = try ProxySetup(
      name: "naswot", options: ProxyOptions(), batchSize: 8, seed: 5, data: "synthetic",
      space: space)
    var session = ScoringSession(space: space, setup: setup, metadata: [("proxy", "naswot")])
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
    let temporary = try TemporaryDirectory()
    let url = temporary.file("shared.csv")
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

/// ``ProxySetup``: one path from a scorer's name, options and space to a scorer and batch.
struct ProxySetupTests {
  func setup(_ proxy: String, space: String, options: ProxyOptions = ProxyOptions()) throws
    -> ProxySetup
  {
    try ProxySetup(
      name: proxy, options: options, batchSize: 2, seed: 1, data: "synthetic",
      space: try #require(SpaceRegistry.named(space)))
  }

  /// The authors' constants per space (egracheva/epsinas): NB201 (1e-7, 1), NB101 (1e-4, 10).
  @Test func epsilonConstantsComeFromTheSpace() throws {
    let nb201 = try #require(try setup("epsilon", space: "nb201").proxy as? Epsilon)
    #expect(nb201.constants == EpsilonConstants(low: 1e-7, high: 1))
    let nb101 = try #require(try setup("epsilon", space: "nb101").proxy as? Epsilon)
    #expect(nb101.constants == EpsilonConstants(low: 1e-4, high: 10))
    let given = try #require(
      try setup("epsilon", space: "nb101", options: ProxyOptions(["high": .number(5)])).proxy
        as? Epsilon)
    #expect(given.constants == EpsilonConstants(low: 1e-4, high: 5))
  }

  @Test func unsupportedPairsAndBadSettingsFailBeforeAnyNetwork() throws {
    for (proxy, space, setting) in [
      ("naswot-rnn", "nb201", "name"), ("naswot", "nlp", "name"), ("nope", "nb201", "name"),
    ] {
      do {
        _ = try setup(proxy, space: space)
        Issue.record("\(proxy) on \(space) was accepted")
      } catch let error as ProxySetup.Failure {
        #expect(error.setting == setting, "\(proxy) \(space)")
      }
    }
    do {
      _ = try ProxySetup(
        name: "naswot", options: ProxyOptions(), batchSize: 100_000, seed: 0, data: "synthetic",
        space: try #require(SpaceRegistry.named("nb201")))
      Issue.record("a batch of 100,000 was accepted")
    } catch let error as ProxySetup.Failure {
      #expect(error.setting == "batch_size")
    }
  }
}

extension ProxySetupTests {
  /// NB-NLP's constants (egracheva/epsinas: 1e-5 and 1e-3) reach epsilon from the space.
  @Test func epsilonScoresNLPWithItsConstants() throws {
    let nlp = try #require(try setup("epsilon", space: "nlp").proxy as? Epsilon)
    #expect(nlp.constants == EpsilonConstants(low: 1e-5, high: 1e-3))
  }
}
