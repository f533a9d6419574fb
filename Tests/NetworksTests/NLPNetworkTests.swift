import Foundation
import NASTestSupport
import Networks
import SearchSpace
import Testing

/// The NAS-Bench-NLP language model against the benchmark's logs and independent
/// derivations of `CustomRNNCell` and `AWDRNNModel`.
struct NLPNetworkTests {
  /// Every operation, two hidden states, `x` read by two `linear` nodes (one with three
  /// inputs), `h_prev_1` read by a `linear` node alone and by a blend.
  static let mixedRecipe = """
    {"lin_f": {"op": "linear", "input": ["x", "h_prev_0"]},
     "f": {"op": "activation_sigm", "input": ["lin_f"]},
     "lin_c": {"op": "linear", "input": ["x", "h_prev_0", "h_prev_1"]},
     "c": {"op": "activation_tanh", "input": ["lin_c"]},
     "lin_g": {"op": "linear", "input": ["h_prev_1"]},
     "g": {"op": "activation_leaky_relu", "input": ["lin_g"]},
     "mix": {"op": "blend", "input": ["f", "c", "h_prev_1"]},
     "gated": {"op": "elementwise_prod", "input": ["mix", "g"]},
     "h_new_1": {"op": "elementwise_sum", "input": ["gated", "mix"]},
     "h_new_0": {"op": "activation_tanh", "input": ["h_new_1"]}}
    """

  /// The tiny model of the gradient check: vocabulary 7, embedding 3, hidden 4, 3 layers.
  static let tiny = NLPNetworkConfiguration(
    vocabulary: 7, embeddingSize: 3, hiddenSize: 4, layerCount: 3)

  @Test(.requiresData) func parameterCountsMatchTheLogsForEveryCompletedRun() throws {
    let runs = NLPLoggedRun.completed
    #expect(runs.count == 341)
    for run in runs {
      let cost = try NLPNetworkCost(cell: run.cell, configuration: .wikiText2)
      #expect(cost.parameters == run.parameterCount, "recipe \(run.recipeID)")
      // The same count from the space's own formula (33,278·400 + 33,278 + three layers).
      let layers =
        run.cell.parameterCount(inputSize: 400, hiddenSize: 600)
        + run.cell.parameterCount(inputSize: 600, hiddenSize: 600)
        + run.cell.parameterCount(inputSize: 600, hiddenSize: 400)
      #expect(cost.parameters == 33_278 * 400 + 33_278 + layers)
    }
  }

  /// Recipe 1000001 is the LSTM: four gates, each a `linear` of `x` and `h` with one
  /// bias, so a layer costs `4·(in + H)·H` multiply-accumulates per token and holds that
  /// many weights plus `4·H` biases (textbook LSTM counts, one bias per gate).
  @Test(.requiresData) func theLSTMRecipeHasTheTextbookLSTMCost() throws {
    let lstm = try #require(NLPLoggedRun.completed.first { $0.recipeID == 1_000_001 })
    let cost = try NLPNetworkCost(cell: lstm.cell, configuration: .wikiText2)
    let layers = [(400, 600), (600, 600), (600, 400)]
    let macs = layers.reduce(0) { $0 + 4 * ($1.0 + $1.1) * $1.1 }
    #expect(cost.recurrentMultiplyAccumulates == macs)
    #expect(cost.parameters == 33_278 * 400 + 33_278 + macs + layers.reduce(0) { $0 + 4 * $1.1 })
    #expect(cost.multiplyAccumulates == macs + 400 * 33_278)
  }

  /// Built models (not just the count) hold `num_params`: the largest completed run and
  /// the LSTM recipe.
  @Test(.requiresData) func builtModelsHoldTheLoggedParameterCount() throws {
    let runs = NLPLoggedRun.completed.sorted { $0.parameterCount < $1.parameterCount }
    try #require(runs.count == 341)
    let lstm = try #require(runs.first { $0.recipeID == 1_000_001 })
    for run in [runs[runs.count - 1], lstm] {
      var rng = SplitMix64(seed: 1)
      let net = try NLPNetwork<Float>(cell: run.cell, configuration: .wikiText2, using: &rng)
      #expect(net.parameterCount == run.parameterCount, "recipe \(run.recipeID)")
    }
  }

  /// The model against a plain scalar evaluation of the recipe, node by node from the
  /// node dictionary (recursively, not in program order), for two steps of two sequences.
  @Test func outputsMatchAScalarEvaluationOfTheRecipe() throws {
    let cell = try NLPCell(recipe: Self.mixedRecipe)
    var rng = SplitMix64(seed: 3)
    let net = try NLPNetwork<Double>(cell: cell, configuration: Self.tiny, using: &rng)
    let tokens = [3, 6, 0, 3]  // [T = 2, B = 2], time-major
    let logits = net.forward(
      tokens: tokens, sequenceLength: 2, batchSize: 2, in: ForwardPass<Double>())
    #expect(logits.shape == [4, 7])
    let expected = ScalarLanguageModel(net).logits(tokens: tokens, steps: 2, batch: 2)
    for (a, b) in zip(logits.scalars, expected) {
      #expect(abs(a - b) <= 1e-12 * max(1, abs(b)))
    }
  }

  /// `h_t = tanh(W_x e_t + W_h h_{t−1} + b)` with one layer, written out by hand.
  @Test func elmanCellIsTheTextbookRecurrence() throws {
    let cell = try NLPCell(
      recipe: """
        {"f": {"op": "linear", "input": ["x", "h_prev_0"]},
         "h_new_0": {"op": "activation_tanh", "input": ["f"]}}
        """)
    let configuration = NLPNetworkConfiguration(vocabulary: 5, embeddingSize: 2, layerCount: 1)
    var rng = SplitMix64(seed: 8)
    let net = try NLPNetwork<Double>(cell: cell, configuration: configuration, using: &rng)
    let names = net.parameters.map(\.name)
    #expect(
      names == [
        "encoder.weight", "rnns.0.cell.components.f.weights.0",
        "rnns.0.cell.components.f.weights.1", "rnns.0.cell.components.f.bias", "decoder.bias",
      ])
    let p = net.parameters.map(\.value)
    let (e, wx, wh, b) = (p[0], p[1], p[2], p[3])
    var h = [0.0, 0.0]
    var expected: [Double] = []
    for token in [4, 1, 1] {
      h = (0..<2).map { i in
        var z = b[i]
        for j in 0..<2 { z += wx[i, j] * e[token, j] + wh[i, j] * h[j] }
        return Foundation.tanh(z)
      }
      // Decoder: h · Eᵀ + 0.
      expected += (0..<5).map { w in h[0] * e[w, 0] + h[1] * e[w, 1] }
    }
    let logits = net.forward(
      Tensor(shape: [3, 1], scalars: [4.0, 1, 1]), in: ForwardPass<Double>())
    for (a, b) in zip(logits.scalars, expected) { #expect(abs(a - b) < 1e-14) }
  }

  /// Parameters follow the benchmark: embedding U(−0.1, 0.1), cell parameters
  /// U(−1/√H, 1/√H) (H = 600 or 400), decoder bias 0.
  @Test func initialisationFollowsTheBenchmark() throws {
    let cell = try NLPCell(recipe: Self.mixedRecipe)
    var rng = SplitMix64(seed: 4)
    let net = try NLPNetwork<Float>(cell: cell, configuration: .pennTreebank, using: &rng)
    for parameter in net.parameters {
      let values = parameter.value.scalars
      let largest = values.map(abs).max() ?? 0
      if parameter.name == "encoder.weight" {
        #expect(largest <= 0.1 && largest > 0.099)
      } else if parameter.name == "decoder.bias" {
        #expect(largest == 0)
      } else {
        let bound = Float(1 / (parameter.name.hasPrefix("rnns.2.") ? 400.0 : 600.0).squareRoot())
        #expect(largest <= bound && largest > 0.9 * bound, "\(parameter.name)")
      }
    }
  }

  /// Gradients of the tiny model (all parameters, the tied embedding included) against
  /// central differences in Double.
  @Test func gradientsMatchFiniteDifferences() throws {
    let cell = try NLPCell(recipe: Self.mixedRecipe)
    var rng = SplitMix64(seed: 5)
    let net = try NLPNetwork<Double>(cell: cell, configuration: Self.tiny, using: &rng)
    // Wider weights than the default, so that activations leave their linear regimes.
    net.initializeParameters(.uniform(lowerBound: -1, upperBound: 1), using: &rng)
    let tokens = [1, 4, 6, 0, 2, 2]  // T = 3, B = 2
    let worst = GradientCheck.check(
      inputs: [], parameters: net.parameters, tolerance: 1e-6, elementsPerTensor: 4
    ) {
      pass, _ in
      net.forward(tokens: tokens, sequenceLength: 3, batchSize: 2, in: pass)
    }
    #expect(worst < 1e-6)
  }

  /// The pass executes the counted multiply-accumulates per token; the counts follow
  /// from the recipe: layer ℓ has `x` matrices of its input width and 4 hidden ones.
  @Test func costCountsTheExecutedWork() throws {
    let cell = try NLPCell(recipe: Self.mixedRecipe)
    let configuration = NLPNetworkConfiguration(
      vocabulary: 11, embeddingSize: 5, hiddenSize: 6, layerCount: 3)
    let cost = try NLPNetworkCost(cell: cell, configuration: configuration)
    // Layers (in, H): (5, 6), (6, 6), (6, 5); 2 x-matrices, 4 hidden ones, 3 biases.
    let layers = [(5, 6), (6, 6), (6, 5)].map { input, hidden in
      2 * input * hidden + 4 * hidden * hidden + 3 * hidden
    }
    #expect(cost.parameters == 11 * 5 + 11 + layers.reduce(0, +))
    let macs = [(5, 6), (6, 6), (6, 5)].map { input, hidden in
      2 * input * hidden + 4 * hidden * hidden
    }
    #expect(cost.multiplyAccumulates == macs.reduce(0, +) + 5 * 11)
    // Per layer: linear adds 2 + 3 + 1 inputs, blend 3, prod 1, sum 1, 4 activations.
    let elementwise = [6, 6, 5].map { hidden in (6 + 3 + 1 + 1 + 4) * hidden }
    #expect(cost.flops == cost.multiplyAccumulates + elementwise.reduce(0, +) + 11)
    var rng = SplitMix64(seed: 6)
    let net = try NLPNetwork<Float>(cell: cell, configuration: configuration, using: &rng)
    #expect(net.parameterCount == cost.parameters)
    let pass = ForwardPass<Float>()
    _ = net.forward(
      tokens: Array(repeating: 3, count: 4 * 3), sequenceLength: 4, batchSize: 3, in: pass)
    #expect(pass.multiplyAccumulates == 4 * 3 * cost.multiplyAccumulates)
  }

  /// Each step shows observers every activation node's input, then every new state.
  @Test func observersSeeActivationInputsAndHiddenStatesPerStep() throws {
    let cell = try NLPCell(recipe: Self.mixedRecipe)
    var rng = SplitMix64(seed: 7)
    let net = try NLPNetwork<Float>(cell: cell, configuration: Self.tiny, using: &rng)
    var counts: [ObservationPoint.Kind: Int] = [:]
    var shapes: Set<[Int]> = []
    let observer = ClosureObserver<Float> { tensor, point in
      counts[point.kind, default: 0] += 1
      if point.kind == .hiddenState || point.kind == .activationInput {
        shapes.insert(tensor.shape)
      }
    }
    _ = net.forward(
      tokens: [1, 2, 3, 4, 5, 6, 0, 1, 2, 3], sequenceLength: 5, batchSize: 2,
      in: ForwardPass(observer: observer))
    // 4 activation nodes and 2 states, 5 steps, 3 layers.
    #expect(counts[.activationInput] == 4 * 5 * 3)
    #expect(counts[.hiddenState] == 2 * 5 * 3)
    #expect(shapes == [[2, 4], [2, 3]])
  }

  @Test func malformedCellsAndConfigurationsThrow() throws {
    let blendOfX = try NLPCell(
      recipe: """
        {"z": {"op": "linear", "input": ["h_prev_0"]},
         "g": {"op": "activation_sigm", "input": ["z"]},
         "h_new_0": {"op": "blend", "input": ["g", "x", "h_prev_0"]}}
        """)
    var rng = SplitMix64(seed: 1)
    #expect(
      throws: NLPNetworkError.inputWidthMismatch(node: "h_new_0", inputSize: 3, hiddenSize: 4)
    ) {
      _ = try NLPNetwork<Float>(cell: blendOfX, configuration: Self.tiny, using: &rng)
    }
    // With equal widths the same cell is a valid model.
    let square = NLPNetworkConfiguration(vocabulary: 7, embeddingSize: 4, hiddenSize: 4)
    _ = try NLPNetwork<Float>(cell: blendOfX, configuration: square, using: &rng)
    let dangling = NLPCell(nodes: ["h_new_0": NLPNode(.tanh, ["missing"])])
    #expect(throws: NLPNetworkError.cell(.undefinedInput(node: "h_new_0", input: "missing"))) {
      _ = try NLPNetworkCost(cell: dangling, configuration: Self.tiny)
    }
    #expect(throws: NLPNetworkError.self) {
      _ = try NLPNetworkCost(cell: blendOfX, configuration: .init(vocabulary: 0))
    }
  }
}

/// The language model evaluated with scalars from the recipe's node dictionary, as a
/// reference for ``NLPNetwork``: recursion with memoisation instead of the program's
/// order, explicit loops instead of matrix products.
private struct ScalarLanguageModel {
  let cell: NLPCell
  let configuration: NLPNetworkConfiguration
  let embedding: Tensor<Double>
  let decoderBias: Tensor<Double>
  /// Per layer: parameter values by name suffix (`<node>.weights.<i>`, `<node>.bias`).
  let layers: [[String: Tensor<Double>]]

  init(_ net: NLPNetwork<Double>) {
    cell = net.cell
    configuration = net.configuration
    embedding = net.embedding.value
    decoderBias = net.decoderBias.value
    layers = net.recurrentLayers.enumerated().map { index, layer in
      let prefix = "rnns.\(index).cell.components."
      var values: [String: Tensor<Double>] = [:]
      for parameter in layer.parameters {
        values[String(parameter.name.dropFirst(prefix.count))] = parameter.value
      }
      return values
    }
  }

  func logits(tokens: [Int], steps: Int, batch: Int) -> [Double] {
    var result: [Double] = []
    var sequences = (0..<batch).map { b in
      (0..<steps).map { t in
        embedding.scalars.chunked(configuration.embeddingSize)[tokens[t * batch + b]]
      }
    }
    for (layer, size) in configuration.layerSizes.enumerated() {
      sequences = sequences.map { run(layer: layer, hidden: size.hidden, inputs: $0) }
    }
    let table = embedding.scalars.chunked(configuration.embeddingSize)
    for t in 0..<steps {
      for b in 0..<batch {
        let h = sequences[b][t]
        result += (0..<configuration.vocabulary).map { w in
          zip(h, table[w]).reduce(decoderBias.scalars[w]) { $0 + $1.0 * $1.1 }
        }
      }
    }
    return result
  }

  /// One sequence through one layer; returns `h_new_0` per step.
  private func run(layer: Int, hidden: Int, inputs: [[Double]]) -> [[Double]] {
    let k = cell.hiddenStateCount
    var states = Array(repeating: Array(repeating: 0.0, count: hidden), count: k)
    var outputs: [[Double]] = []
    for x in inputs {
      var memo: [String: [Double]] = [:]
      func value(_ name: String) -> [Double] {
        if name == "x" { return x }
        if name.hasPrefix("h_prev_"), let i = Int(name.dropFirst(7)) { return states[i] }
        if let known = memo[name] { return known }
        guard let node = cell.nodes[name] else { return [] }
        let a = node.inputs.map(value)
        let v: [Double]
        switch node.operation {
        case .linear:
          let bias = layers[layer]["\(name).bias"]?.scalars ?? []
          v = (0..<hidden).map { i in
            var z = bias[i]
            for (position, input) in a.enumerated() {
              let w = layers[layer]["\(name).weights.\(position)"]?.scalars ?? []
              for j in input.indices { z += w[i * input.count + j] * input[j] }
            }
            return z
          }
        case .blend: v = (0..<hidden).map { a[0][$0] * a[1][$0] + (1 - a[0][$0]) * a[2][$0] }
        case .elementwiseProd: v = (0..<hidden).map { a[0][$0] * a[1][$0] }
        case .elementwiseSum: v = (0..<hidden).map { a[0][$0] + a[1][$0] }
        case .tanh: v = a[0].map { Foundation.tanh($0) }
        case .sigmoid: v = a[0].map { 1 / (1 + Foundation.exp(-$0)) }
        case .leakyReLU: v = a[0].map { $0 > 0 ? $0 : 0.01 * $0 }
        }
        memo[name] = v
        return v
      }
      states = (0..<k).map { value("h_new_\($0)") }
      outputs.append(states[0])
    }
    return outputs
  }
}

extension Array {
  /// Consecutive runs of `size` elements.
  fileprivate func chunked(_ size: Int) -> [[Element]] {
    stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
  }
}
