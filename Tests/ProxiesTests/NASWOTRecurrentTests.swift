import Foundation
import NASTestSupport
import Networks
import SearchSpace
import Testing

@testable import Proxies

/// `naswot-rnn` against an independent computation of its kernel, and its failure modes.
struct NASWOTRecurrentTests {
  /// The benchmark's LSTM-like recipe shape, shortened: gates from `x` and `h_prev_0`,
  /// a second state carried by a blend.
  static let recipe = """
    {"i": {"op": "linear", "input": ["x", "h_prev_0"]},
     "gate": {"op": "activation_sigm", "input": ["i"]},
     "c": {"op": "linear", "input": ["x", "h_prev_0", "h_prev_1"]},
     "candidate": {"op": "activation_tanh", "input": ["c"]},
     "h_new_1": {"op": "blend", "input": ["gate", "candidate", "h_prev_1"]},
     "r": {"op": "linear", "input": ["h_new_1"]},
     "h_new_0": {"op": "activation_leaky_relu", "input": ["r"]}}
    """

  /// A small model, so that the tests run in milliseconds.
  static func builder(vocabulary: Int) throws -> NetworkBuilder {
    let cell = try NLPCell(recipe: recipe)
    return .nlp(
      cell, vocabulary: vocabulary,
      configuration: NLPNetworkConfiguration(
        vocabulary: vocabulary, embeddingSize: 12, hiddenSize: 16, layerCount: 3))
  }

  /// Deterministic tokens: sequence b of a `T × B` batch reads `(7b + 3t) mod V`.
  static func tokens(steps: Int, batch: Int, vocabulary: Int) -> TokenBatch {
    var ids: [Int] = []
    for t in 0..<steps {
      for b in 0..<batch { ids.append((7 * b + 3 * t + b * t) % vocabulary) }
    }
    return TokenBatch(
      inputs: ids, targets: ids, sequenceLength: steps, batchSize: batch,
      vocabularySize: vocabulary)
  }

  /// The score is log |det K| of the agreement counts of the observed values, computed
  /// here with plain loops from the tensors an observer sees (no bit packing).
  @Test(arguments: NASWOTRecurrent.Codes.allCases)
  func scoreIsTheLogDeterminantOfTheAgreementKernel(codes: NASWOTRecurrent.Codes) throws {
    let builder = try Self.builder(vocabulary: 50)
    let batch = Self.tokens(steps: 6, batch: 5, vocabulary: 50)
    let score = NASWOTRecurrent(codes: codes).score(builder, on: .tokens(batch), seed: 3)
    #expect(score.isValid)

    let kinds: Set<ObservationPoint.Kind> =
      switch codes {
      case .activations: [.activationInput]
      case .hiddenStates: [.hiddenState]
      case .both: [.activationInput, .hiddenState]
      }
    var k = [Double](repeating: 0, count: 25)
    var points = 0
    let observer = ClosureObserver<Float> { tensor, point in
      guard kinds.contains(point.kind) else { return }
      points += 1
      let values = tensor.scalars
      let units = values.count / 5
      for i in 0..<5 {
        for j in 0..<5 {
          for u in 0..<units where (values[i * units + u] > 0) == (values[j * units + u] > 0) {
            k[i * 5 + j] += 1
          }
        }
      }
    }
    let model = try #require(try builder.float(seed: 3) as? NLPNetwork<Float>)
    _ = model.recurrentOutput(
      tokens: batch.inputs, sequenceLength: 6, batchSize: 5, in: ForwardPass(observer: observer))
    // Per step and layer: 3 activation nodes, 2 hidden states.
    let perStep = codes == .activations ? 3 : codes == .hiddenStates ? 2 : 5
    #expect(points == perStep * 6 * 3)
    let expected = LogDeterminant.ofSymmetric(k, order: 5)
    #expect(expected.isFinite)
    #expect(abs(score.value - expected) <= 1e-9 * abs(expected))
  }

  @Test func scoresAreReproducibleAndDependOnTheSeed() throws {
    let builder = try Self.builder(vocabulary: 50)
    let batch = ProxyInput.tokens(Self.tokens(steps: 8, batch: 6, vocabulary: 50))
    let scorer = NASWOTRecurrent()
    let a = scorer.score(builder, on: batch, seed: 1)
    #expect(a == scorer.score(builder, on: batch, seed: 1))
    #expect(a.value != scorer.score(builder, on: batch, seed: 2).value)
  }

  /// Real PTB text at the benchmark's shape (35 × 20), on a model with the corpus's
  /// vocabulary: every code choice gives a finite score.
  @Test(.requiresData) func scoresPennTreebankBatchesAtTheBenchmarkShape() throws {
    let corpus = try TextCorpus(contentsOf: TestData.url("ptb/ptb.valid.txt"))
    let (inputs, targets) = try corpus.batch(sequenceLength: 35, batchSize: 20, seed: 1)
    let batch = TokenBatch(
      inputs: inputs, targets: targets, sequenceLength: 35, batchSize: 20,
      vocabularySize: corpus.vocabulary.count)
    let builder = try Self.builder(vocabulary: corpus.vocabulary.count)
    for codes in NASWOTRecurrent.Codes.allCases {
      let score = NASWOTRecurrent(codes: codes).score(builder, on: .tokens(batch), seed: 1)
      #expect(score.isValid, "\(codes): \(score.failure ?? "")")
      // K ≤ units on every entry, so log det K ≤ 20·log(units per sequence).
      #expect(score.value > 0 && score.value < 20 * log(35.0 * 3 * 5 * 16))
    }
  }

  @Test func unusableInputsFailWithAReasonInsteadOfCrashing() throws {
    let builder = try Self.builder(vocabulary: 50)
    let scorer = NASWOTRecurrent()
    let images = ImageBatch(
      pixels: [Float](repeating: 0, count: 2 * 3 * 4 * 4), labels: [0, 1], count: 2, channels: 3,
      height: 4, width: 4, classCount: 10)
    #expect(scorer.score(builder, on: .images(images), seed: 1).failure?.contains("NB-NLP") == true)
    var outside = Self.tokens(steps: 4, batch: 3, vocabulary: 50)
    outside.inputs[7] = 79
    let failure = scorer.score(builder, on: .tokens(outside), seed: 1).failure
    #expect(failure?.contains("outside the model's 50-word vocabulary") == true)
    let image = NetworkBuilder.nb201(
      try NB201Cell(parsing: "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"))
    let batch = ProxyInput.tokens(Self.tokens(steps: 4, batch: 3, vocabulary: 50))
    #expect(scorer.score(image, on: batch, seed: 1).failure?.contains("NetworkBuilder.nlp") == true)
    // A malformed cell fails at build time with the cell's error.
    let broken = NetworkBuilder.nlp(
      NLPCell(nodes: ["h_new_0": NLPNode(.tanh, ["nowhere"])]), vocabulary: 50)
    #expect(scorer.score(broken, on: batch, seed: 1).failure?.contains("nowhere") == true)
    // Identical sequences have identical codes: K is singular, the score the worst.
    let same = TokenBatch(
      inputs: Array(repeating: 4, count: 12), targets: Array(repeating: 4, count: 12),
      sequenceLength: 4, batchSize: 3, vocabularySize: 50)
    let singular = scorer.score(builder, on: .tokens(same), seed: 1)
    #expect(singular.value == -.infinity && singular.failure?.contains("singular") == true)
  }

  @Test func registryMakesTheScorerWithItsOptions() throws {
    let made = try ProxyRegistry.recurrentScorers[0].make(
      ProxyOptions(["codes": .string("hidden")]))
    let scorer = try #require(made as? NASWOTRecurrent)
    #expect(scorer.codes == .hiddenStates)
    #expect(scorer.name == "naswot-rnn")
    #expect(throws: ProxyOptionError.self) {
      _ = try ProxyRegistry.recurrentScorers[0].make(ProxyOptions(["codes": .string("gates")]))
    }
    #expect(throws: ProxyOptionError.self) {
      _ = try ProxyRegistry.recurrentScorers[0].make(ProxyOptions(["code": .string("hidden")]))
    }
  }
}
