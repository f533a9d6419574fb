import Foundation
import Networks
import SearchSpace
import Testing

@testable import Proxies

/// A scorer that reads its score from a table keyed by the architecture's name and
/// records the batch size it was given.
struct TableScorer: Proxy {
  var name: String
  var table: [String: Double]
  var defaultBatchSize: Int
  var requirements: ProxyRequirements { .forwardOnly }

  func score(_ context: ProxyContext) -> ProxyScore {
    guard let value = table[context.network.architecture] else {
      return .failed("\(name): no entry")
    }
    // Encode the batch size it saw in the last digits, for the batch-prefix test.
    return ProxyScore(value * 1000 + Double(context.input.batchSize))
  }
}

struct EnsembleTests {
  static func named(_ name: String) -> NetworkBuilder {
    NetworkBuilder(
      architecture: name, outputCount: 1,
      float: { _ throws(ProxyFailure) in throw ProxyFailure("unused") },
      double: { _ throws(ProxyFailure) in throw ProxyFailure("unused") })
  }

  @Test func ranksAverageTiesAndPutFailuresLast() {
    let scores = [ProxyScore(3), ProxyScore(1), .failed("x"), ProxyScore(3), .failed("y")]
    // Failures tie at ranks 1–2 (1.5), then 1 (rank 3), then the two 3s share 4 and 5.
    #expect(RankEnsemble.ranks(scores) == [4.5, 3, 1.5, 4.5, 1.5])
    #expect(RankEnsemble.ranks([]) == [])
  }

  @Test func averageRanksByHand() {
    let first = [ProxyScore(10), ProxyScore(20), ProxyScore(30)]  // ranks 1 2 3
    let second = [ProxyScore(0.3), .failed("x"), ProxyScore(0.1)]  // ranks 3 1 2
    #expect(RankEnsemble.averageRanks([first, second]) == [2, 1.5, 2.5])
  }

  @Test func percentileCountsTiesAsHalf() {
    let reference = [ProxyScore(1), ProxyScore(2), ProxyScore(2), .failed("x")]
    #expect(RankEnsemble.percentile(of: ProxyScore(2), among: reference) == 0.75)
    #expect(RankEnsemble.percentile(of: ProxyScore(5), among: reference) == 1)
    #expect(RankEnsemble.percentile(of: .failed("y"), among: reference) == 0.125)
  }

  static let members: [any Proxy] = [
    TableScorer(name: "a", table: ["x": 1, "y": 2, "z": 3], defaultBatchSize: 4),
    TableScorer(name: "b", table: ["x": 30, "y": 10], defaultBatchSize: 8),
  ]

  @Test func setScoresAreMeanRanksAndTotalFailuresFail() {
    let ensemble = Ensemble(members: Self.members)
    let input = ProxyInput.images(SyntheticBatch.images(count: 8, seed: 1))
    let scores = ensemble.scores(
      ["x", "y", "z", "w"].map(Self.named), on: input, seed: 1)
    // a: w fails → ranks x 2, y 3, z 4, w 1; b: z, w fail → x 4, y 3, z 1.5, w 1.5.
    #expect(scores.map(\.value).prefix(3) == [3, 3, 2.75])
    #expect(!scores[3].isValid)
    #expect(scores[3].failure?.contains("every member failed") == true)
  }

  @Test func eachMemberSeesItsOwnBatchPrefix() {
    let ensemble = Ensemble(members: Self.members)
    #expect(ensemble.defaultBatchSize == 8)
    let input = ProxyInput.images(SyntheticBatch.images(count: 8, seed: 1))
    let spy = TableScorer(name: "a", table: ["x": 1], defaultBatchSize: 4)
    let reference: [[ProxyScore]] = [[ProxyScore(1004)], [ProxyScore(30_008)]]
    // With references equal to what each member scores on its prefix, x ties both.
    let single = Ensemble(members: [spy, Self.members[1]], reference: reference)
      .score(Self.named("x"), on: input, seed: 1)
    #expect(single.value == 0.5)
  }

  @Test func singleArchitectureNeedsAReference() {
    let input = ProxyInput.images(SyntheticBatch.images(count: 8, seed: 1))
    let bare = Ensemble(members: Self.members).score(Self.named("x"), on: input, seed: 1)
    #expect(!bare.isValid && bare.failure?.contains("needs a set") == true)
    let reference: [[ProxyScore]] = [
      [ProxyScore(0), ProxyScore(5000)], [ProxyScore(0), ProxyScore(100_000)],
    ]
    let scored = Ensemble(members: Self.members, reference: reference)
      .score(Self.named("x"), on: input, seed: 1)
    #expect(scored.value == 0.5)
  }
}

struct ForwardRegistryTests {
  @Test func everyForwardScorerIsRegistered() throws {
    let constants = ProxyOptions(["low": .number(1e-7), "high": .number(1)])
    for name in ["epsilon", "accuracy-stability", "zen", "params", "flops"] {
      let proxy = try ProxyRegistry.make(
        name, for: ProxySpace(name: "nb201", input: .images),
        spaceDefaults: name == "epsilon" ? constants : ProxyOptions())
      #expect(proxy.name == name)
    }
    let ensemble = try ProxyRegistry.make(
      "ensemble", options: ProxyOptions(["members": .string("params, flops")]))
    #expect((ensemble as? Ensemble)?.members.map(\.name) == ["params", "flops"])
  }

  @Test func epsilonTakesTheSpacesConstantsUnlessTheUserGivesThem() throws {
    let nb101 = ProxyOptions(["low": .number(1e-4), "high": .number(10)])
    let made = try ProxyRegistry.make(
      "epsilon", options: ProxyOptions(["precision": .string("float64")]),
      for: ProxySpace(name: "nb101", input: .images), spaceDefaults: nb101)
    let epsilon = try #require(made as? Epsilon)
    #expect(epsilon.constants == .nb101 && epsilon.precision == .float64)
    let custom = try #require(
      try ProxyRegistry.make(
        "epsilon", options: ProxyOptions(["low": .number(1e-3)]), spaceDefaults: nb101)
        as? Epsilon)
    #expect(custom.constants == EpsilonConstants(low: 1e-3, high: 10))
    // A space that gives no constants: epsilon refuses rather than guess NB201's.
    let error = #expect(throws: ProxyOptionError.self) {
      try ProxyRegistry.make("epsilon", for: ProxySpace(name: "toy", input: .images))
    }
    #expect(error?.option == "low")
  }

  @Test func badOptionsAreRejectedWithTheirName() {
    let cases: [(String, [String: ProxyOptions.Value], String)] = [
      ("epsilon", ["precision": .string("float16")], "precision"),
      ("epsilon", ["low": .number(-1), "high": .number(1)], "low"),
      ("epsilon", ["low": .number(1), "high": .number(1)], "high"),
      ("epsilon", ["high": .number(1)], "low"),
      ("epsilon", ["batchsize": .int(1)], "batchsize"),
      ("zen", ["mixup_gamma": .number(0)], "mixup_gamma"),
      ("zen", ["repeats": .int(0)], "repeats"),
      ("accuracy-stability", ["initializations": .int(1)], "initializations"),
      ("params", ["precision": .string("float64")], "precision"),
      ("ensemble", [:], "members"),
      ("ensemble", ["members": .string("naswot,nope")], "members"),
      ("ensemble", ["members": .string("params,params")], "members"),
      ("ensemble", ["members": .string("ensemble")], "members"),
      ("ensemble", ["members": .string("params,")], "members"),
    ]
    for (name, values, option) in cases {
      let error = #expect(throws: ProxyOptionError.self, "\(name) \(values)") {
        try ProxyRegistry.make(name, options: ProxyOptions(values))
      }
      #expect(error?.option == option, "\(name) \(values)")
    }
  }
}

extension EnsembleTests {
  @Test func requirementsNeedDataUnlessNoMemberDoes() {
    let counting = Ensemble(members: [ParameterCount(), FLOPCount()])
    #expect(counting.requirements.contains(.noData))
    let mixed = Ensemble(members: [ParameterCount(), AccuracyStability()])
    #expect(!mixed.requirements.contains(.noData))
    #expect(mixed.requirements.contains(.labels))
  }
}
