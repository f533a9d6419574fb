import Networks
import Proxies
import SearchSpace
import Testing

struct GradientScorerRegistryTests {
  static let names = ["synflow", "snip", "grad_norm", "fisher", "jacob_cov", "grasp"]

  @Test func everyGradientScorerIsRegisteredUnderItsName() throws {
    for name in Self.names {
      let proxy = try ProxyRegistry.make(name)
      #expect(proxy.name == name)
      #expect(proxy.defaultBatchSize == 64)
      #expect(proxy.requirements.contains(.gradients))
    }
    // The batch and the seed are not scorer options: they are the same for every scorer.
    for key in ["batch_size", "seed"] {
      #expect(throws: ProxyOptionError.self) {
        try ProxyRegistry.make("snip", options: ProxyOptions([key: .int(8)]))
      }
    }
    #expect(try ProxyRegistry.make("synflow").requirements.contains(.noData))
    #expect(try !ProxyRegistry.make("jacob_cov").requirements.contains(.labels))
  }

  @Test func precisionAndStepOptionsAreReadAndChecked() throws {
    let double = try ProxyRegistry.make(
      "snip", options: ProxyOptions(["precision": .string("float64")]))
    #expect((double as? SNIP)?.precision == .float64)
    #expect((try ProxyRegistry.make("fisher") as? Fisher)?.precision == .float32)
    #expect(throws: ProxyOptionError.self) {
      try ProxyRegistry.make("jacob_cov", options: ProxyOptions(["precision": .string("half")]))
    }
    let grasp = try ProxyRegistry.make(
      "grasp", options: ProxyOptions(["relative_step": .number(1e-7)]))
    #expect((grasp as? GraSP)?.relativeStep == 1e-7)
    #expect(throws: ProxyOptionError.self) {
      try ProxyRegistry.make("grasp", options: ProxyOptions(["relative_step": .number(-1)]))
    }
  }

  @Test func unknownOptionsAreRejectedByName() {
    for name in Self.names {
      do {
        _ = try ProxyRegistry.make(name, options: ProxyOptions(["batchsize": .int(8)]))
        Issue.record("\(name) accepted 'batchsize'")
      } catch {
        #expect(error.option == "batchsize")
      }
    }
    // synflow always runs in float64.
    #expect(throws: ProxyOptionError.self) {
      try ProxyRegistry.make("synflow", options: ProxyOptions(["precision": .string("float64")]))
    }
  }

  @Test(.serialized, arguments: names)
  func sameSeedGivesTheSameScoreWithOneOrTwoThreads(name: String) throws {
    let proxy = try ProxyRegistry.make(name)
    let batch = SyntheticBatch.images(count: 4, height: 8, width: 8, seed: 9)
    let network = GradientTestNetworks.smallNB201(GradientTestNetworks.liveCell)
    let single = ComputeThreads.withCount(1) { proxy.score(network, on: .images(batch), seed: 2) }
    let double = ComputeThreads.withCount(2) { proxy.score(network, on: .images(batch), seed: 2) }
    let again = proxy.score(network, on: .images(batch), seed: 2)
    #expect(single.isValid)
    #expect(single == double && double == again, "\(single) \(double) \(again)")
    #expect(proxy.score(network, on: .images(batch), seed: 3) != single)
  }
}
