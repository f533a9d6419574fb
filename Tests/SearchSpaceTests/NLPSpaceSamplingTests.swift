import Testing

@testable import SearchSpace

/// Statistics of the benchmark's generator, from an independent numpy
/// re-implementation of `RecepieGenerator` (fmsnew/nas-bench-nlp-release) run 20,000
/// times per configuration: the share of valid runs, and the mean and variance of the
/// node count of valid (pruned) cells.
private let reference:
  [(k: Int, n: Int, validRate: Double, validRuns: Int, meanNodes: Double, nodeVariance: Double)] = [
    (1, 7, 0.5966, 11932, 3.8947, 2.4914),
    (1, 14, 0.6929, 13858, 5.3039, 5.6890),
    (1, 21, 0.7485, 14970, 6.5522, 9.4541),
    (2, 7, 0.15325, 3065, 5.7635, 2.1414),
    (2, 14, 0.25355, 5071, 7.7143, 4.9964),
    (2, 21, 0.33745, 6749, 9.4495, 8.6798),
    (3, 7, 0.0343, 686, 7.3367, 1.6927),
    (3, 14, 0.07815, 1563, 9.7588, 4.9610),
    (3, 21, 0.12665, 2533, 11.7450, 7.3349),
  ]

/// Whether `observed` successes in `trials` are within 4.5 standard deviations of `p`.
private func isBinomiallyClose(_ observed: Int, of trials: Int, to p: Double) -> Bool {
  let deviation = (Double(trials) * p * (1 - p)).squareRoot()
  return abs(Double(observed) - Double(trials) * p) <= 4.5 * deviation + 1
}

struct NLPSpaceSamplingTests {
  let space = NLPSpace()

  @Test func samplesAreValidAndNamedLikeTheBenchmarks() {
    var rng = SplitMix64(seed: 1)
    for _ in 0..<300 {
      let cell = space.sample(using: &rng)
      #expect(space.isValid(cell), "\(space.canonicalString(cell))")
      #expect(cell.satisfiesGeneratorRules)
      #expect((1...3).contains(cell.hiddenStateCount))
      for name in cell.nodes.keys {
        #expect(name.hasPrefix("node_") || name.hasPrefix("h_new_"))
      }
    }
  }

  @Test func samplingIsSeedReproducible() {
    var first = SplitMix64(seed: 42)
    var second = SplitMix64(seed: 42)
    var other = SplitMix64(seed: 43)
    let a = (0..<50).map { _ in space.sample(using: &first) }
    let b = (0..<50).map { _ in space.sample(using: &second) }
    let c = (0..<50).map { _ in space.sample(using: &other) }
    #expect(a == b)
    #expect(a != c)
  }

  @Test func equalValidCellsGivesUniformHiddenStateCounts() {
    var rng = SplitMix64(seed: 3)
    var counts = [0, 0, 0]
    let trials = 900
    for _ in 0..<trials { counts[space.sample(using: &rng).hiddenStateCount - 1] += 1 }
    for count in counts { #expect(isBinomiallyClose(count, of: trials, to: 1.0 / 3)) }
  }

  @Test func equalAttemptsFollowsValidityRates() {
    let attempts = NLPSpace(configurationWeighting: .equalAttempts)
    var rng = SplitMix64(seed: 4)
    var counts = [0, 0, 0]
    let trials = 900
    for _ in 0..<trials { counts[attempts.sample(using: &rng).hiddenStateCount - 1] += 1 }
    let rateByK = (1...3).map { k in
      reference.filter { $0.k == k }.map(\.validRate).reduce(0, +)
    }
    let total = rateByK.reduce(0, +)
    for k in 0..<3 {
      // The reference rates carry their own sampling error (< 0.005): widen by 0.01.
      let p = rateByK[k] / total
      let deviation = (Double(trials) * p * (1 - p)).squareRoot()
      #expect(
        abs(Double(counts[k]) - Double(trials) * p) <= 4.5 * deviation + 0.01 * Double(trials))
    }
  }

  /// Validity rate and pruned size per configuration match the reference generator:
  /// this pins the candidate rules, the output choice, the pruning and the sanity check.
  @Test(arguments: reference.indices) func configurationStatisticsMatchTheBenchmarkGenerator(
    row: Int
  ) {
    let expected = reference[row]
    let generator = NLPRecipeGenerator(
      hiddenStateCount: expected.k, intermediateNodeCount: expected.n)
    var rng = SplitMix64(seed: UInt64(100 + row))
    let attempts = 1500
    var sizes: [Int] = []
    for _ in 0..<attempts {
      if let cell = generator.run(using: &rng) { sizes.append(cell.nodes.count) }
    }
    let rateDeviation = (expected.validRate * (1 - expected.validRate)).squareRoot()
    let rateTolerance =
      4.5 * rateDeviation * (1 / Double(attempts) + 1 / 20_000).squareRoot() + 0.5
      / Double(attempts)
    #expect(abs(Double(sizes.count) / Double(attempts) - expected.validRate) <= rateTolerance)
    let mean = Double(sizes.reduce(0, +)) / Double(max(sizes.count, 1))
    let meanTolerance =
      4.5
      * (expected.nodeVariance / Double(max(sizes.count, 1))
      + expected.nodeVariance / Double(expected.validRuns)).squareRoot()
    #expect(abs(mean - expected.meanNodes) <= meanTolerance, "k=\(expected.k) n=\(expected.n)")
  }

  /// With three hidden states every draw has enough candidates, so the accepted
  /// operations follow the weights 3 : 1 : 1 : 1, linears take 2 inputs with
  /// probability 0.8, and the activations are equally likely.
  @Test func redundantGraphsFollowTheGeneratorWeights() {
    let generator = NLPRecipeGenerator(hiddenStateCount: 3, intermediateNodeCount: 21)
    var rng = SplitMix64(seed: 8)
    var mainOps: [NLPOperation: Int] = [:]
    var linearInputs = [2: 0, 3: 0]
    var activations: [NLPOperation: Int] = [:]
    for _ in 0..<400 {
      for (_, node) in generator.redundantGraph(using: &rng) {
        if node.operation.isActivation {
          activations[node.operation, default: 0] += 1
        } else {
          mainOps[node.operation, default: 0] += 1
        }
        if node.operation == .linear { linearInputs[node.inputs.count, default: 0] += 1 }
      }
    }
    let draws = mainOps.values.reduce(0, +)
    #expect(isBinomiallyClose(mainOps[.linear] ?? 0, of: draws, to: 0.5))
    for operation in [NLPOperation.blend, .elementwiseProd, .elementwiseSum] {
      #expect(isBinomiallyClose(mainOps[operation] ?? 0, of: draws, to: 1.0 / 6))
    }
    let linears = mainOps[.linear] ?? 0
    #expect(linearInputs[2, default: 0] + linearInputs[3, default: 0] == linears)
    #expect(isBinomiallyClose(linearInputs[2] ?? 0, of: linears, to: 0.8))
    for activation in NLPOperation.activations {
      #expect(isBinomiallyClose(activations[activation] ?? 0, of: linears, to: 1.0 / 3))
    }
  }

  @Test func generatorInputsFollowTheCandidateRules() {
    var rng = SplitMix64(seed: 9)
    for k in 1...3 {
      let generator = NLPRecipeGenerator(hiddenStateCount: k, intermediateNodeCount: 14)
      for _ in 0..<100 {
        let nodes = generator.redundantGraph(using: &rng)
        var earlier: Set<String> = []
        var activations: Set<String> = []
        let previous = Set((0..<k).map(NLPCell.previousHiddenName))
        for (name, node) in nodes {
          #expect(Set(node.inputs).count == node.inputs.count)  // distinct inputs
          for input in node.inputs {
            switch node.operation {
            case .linear:
              #expect(input == "x" || previous.contains(input) || activations.contains(input))
            case .tanh, .sigmoid, .leakyReLU: #expect(earlier.contains(input))
            default: #expect(previous.contains(input) || earlier.contains(input))
            }
          }
          earlier.insert(name)
          if node.operation.isActivation { activations.insert(name) }
        }
      }
    }
  }
}
