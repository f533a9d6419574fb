import NASTestSupport
import Networks
import SearchSpace
import Testing

/// The NAS-Bench-101 network against the benchmark's reference data and independent
/// derivations of `model_builder.py`'s wiring.
struct NB101NetworkTests {
  /// input → conv3×3 (1) → {conv1×1 (2), maxpool (3)}; 2 → maxpool (5); 3 → conv3×3 (4);
  /// 4 and 5 → output; input → output (projected and added).
  static let projectedOutput =
    "0100001" + "0011000" + "0000010" + "0000100" + "0000001" + "0000001" + "0000000"
    + ":input|conv3x3-bn-relu|conv1x1-bn-relu|maxpool3x3|conv3x3-bn-relu|maxpool3x3|output"

  /// 0→1, 0→2, 1→3, 2→3, 3→4, 1→5, 2→6, 4→6, 5→6 (9 edges, no input→output edge):
  /// three vertices feed the output, and vertex 2 feeds vertex 3, which can have one
  /// channel fewer.
  static let truncating =
    "0110000" + "0001010" + "0001001" + "0000100" + "0000001" + "0000001" + "0000000"
    + ":input|conv3x3-bn-relu|conv1x1-bn-relu|conv3x3-bn-relu|maxpool3x3|conv1x1-bn-relu|output"

  @Test(.requiresData) func parameterCountsMatchTheReferenceDataForEveryRow() throws {
    let rows = NB101ReferenceRow.all
    #expect(rows.count == 150)
    for row in rows {
      let cost = try NB101NetworkCost(cell: row.cell)
      let expected = Int((row.parametersInMillions * 1e6).rounded())
      #expect(abs(cost.parameters - expected) <= 1, "\(row.cell)")
    }
  }

  /// NASLib's `flops` column is exact in the documented convention: every row agrees to
  /// the last printed digit (1 FLOP).
  @Test(.requiresData) func flopsMatchTheReferenceDataForEveryRow() throws {
    try #require(NB101ReferenceRow.all.count == 150)
    for row in NB101ReferenceRow.all {
      let cost = try NB101NetworkCost(cell: row.cell)
      #expect(abs(Double(cost.flops) - row.flopsInMillions * 1e6) < 0.5, "\(row.cell)")
    }
  }

  /// Built networks (not just the count) hold the reference parameter count: the
  /// smallest, the median and the largest row.
  @Test(.requiresData) func builtNetworksHoldTheReferenceParameterCount() throws {
    let rows = NB101ReferenceRow.all.sorted { $0.parametersInMillions < $1.parametersInMillions }
    try #require(rows.count == 150)
    for index in [0, rows.count / 2, rows.count - 1] {
      var rng = SplitMix64(seed: UInt64(index))
      let net = try NB101Network<Float>(cell: rows[index].cell, using: &rng)
      let expected = Int((rows[index].parametersInMillions * 1e6).rounded())
      #expect(net.parameterCount == expected, "\(rows[index].cell)")
    }
  }

  /// The built network executes exactly the counted multiply-accumulates and has the
  /// counted parameters (small widths and 8×8 inputs to stay fast).
  @Test(arguments: [projectedOutput, truncating])
  func builtNetworkMatchesItsCost(text: String) throws {
    let cell = try NB101Cell(parsing: text)
    let configuration = NB101NetworkConfiguration(stemChannels: 16, classes: 10)
    var rng = SplitMix64(seed: 5)
    let net = try NB101Network<Float>(cell: cell, configuration: configuration, using: &rng)
    let cost = try NB101NetworkCost(cell: cell, configuration: configuration, height: 8, width: 8)
    #expect(net.parameterCount == cost.parameters)
    let pass = ForwardPass<Float>()
    let logits = net.forward(GradientCheck.randomFloat([2, 3, 8, 8], seed: 6), in: pass)
    #expect(logits.shape == [2, 10])
    #expect(pass.multiplyAccumulates == 2 * cost.multiplyAccumulates)
  }

  /// `compute_vertex_channels` by hand: 128 output channels over the 3 vertices feeding
  /// the output give 43, 43, 42 in vertex order; vertex 3 feeds only vertex 4 (43) and
  /// vertex 1 feeds vertices 3 and 5 (43 and 42), so both take 43.
  @Test func vertexChannelsSplitTheOutputAndPropagateBackwards() throws {
    let plan = try NB101CellPlan(
      cell: NB101Cell(parsing: Self.truncating), inputChannels: 64, outputChannels: 128)
    #expect(plan.vertexChannels == [64, 43, 43, 43, 43, 42, 128])
    #expect(plan.outputSources == [2, 4, 5])
    #expect(!plan.outputReadsInput)
    #expect(plan.vertices.map(\.sources) == [[], [], [1, 2], [3], [1]])
    #expect(plan.vertices.map(\.readsInput) == [true, true, false, false, false])
    // 7 = 3 + 2 + 2: vertex 2 has 3 channels and feeds vertex 3, which has 2.
    let narrow = try NB101CellPlan(
      cell: NB101Cell(parsing: Self.truncating), inputChannels: 4, outputChannels: 7)
    #expect(narrow.vertexChannels == [4, 2, 3, 2, 2, 2, 7])
  }

  /// Pruning happens first: a vertex that reaches nothing is dropped with its weights.
  @Test func cellsArePrunedBeforeBuilding() throws {
    // Vertex 2 (conv3×3) has no outgoing edge; after pruning the cell is
    // input → conv1×1 → output.
    let dangling = try NB101Cell(
      parsing: "0110" + "0001" + "0000" + "0000" + ":input|conv1x1-bn-relu|conv3x3-bn-relu|output")
    let configuration = NB101NetworkConfiguration(stemChannels: 8, stackCount: 1, cellsPerStack: 1)
    let cost = try NB101NetworkCost(cell: dangling, configuration: configuration)
    // stem 3·8·9 + 16; projection 8·8 + 16; conv1×1 8·8 + 16; dense 8·10 + 10.
    #expect(cost.parameters == (216 + 16) + (64 + 16) + (64 + 16) + 90)
    var rng = SplitMix64(seed: 1)
    let net = try NB101Network<Float>(cell: dangling, configuration: configuration, using: &rng)
    #expect(net.parameterCount == cost.parameters)
  }

  /// The PyTorch ports' parameter names and order: stem, per cell the vertices'
  /// operations then the input projections (the output's last), the classifier.
  @Test func parametersFollowThePortsModuleOrder() throws {
    let configuration = NB101NetworkConfiguration(
      stemChannels: 4, stackCount: 2, cellsPerStack: 1, classes: 3)
    var rng = SplitMix64(seed: 1)
    let net = try NB101Network<Float>(
      cell: NB101Cell(parsing: Self.projectedOutput), configuration: configuration, using: &rng)
    let names = net.parameters.map(\.name).filter { $0.hasSuffix("0.weight") }
    #expect(
      names == [
        "layers.0.conv_bn_relu.0.weight",
        "layers.1.vertex_op.1.conv_bn_relu.0.weight",
        "layers.1.vertex_op.2.conv_bn_relu.0.weight",
        "layers.1.vertex_op.4.conv_bn_relu.0.weight",
        "layers.1.input_op.1.conv_bn_relu.0.weight",
        "layers.1.input_op.6.conv_bn_relu.0.weight",
        "layers.3.vertex_op.1.conv_bn_relu.0.weight",
        "layers.3.vertex_op.2.conv_bn_relu.0.weight",
        "layers.3.vertex_op.4.conv_bn_relu.0.weight",
        "layers.3.input_op.1.conv_bn_relu.0.weight",
        "layers.3.input_op.6.conv_bn_relu.0.weight",
      ])
    #expect(net.parameters.last?.name == "classifier.bias")
  }

  /// One ReLU per conv-BN-ReLU: the stem, each convolution vertex and each projection.
  @Test func observersSeeOneReLUInputPerConvBNReLU() throws {
    let configuration = NB101NetworkConfiguration(
      stemChannels: 4, stackCount: 2, cellsPerStack: 2, classes: 3)
    var rng = SplitMix64(seed: 2)
    let net = try NB101Network<Float>(
      cell: NB101Cell(parsing: Self.projectedOutput), configuration: configuration, using: &rng)
    var counts: [ObservationPoint.Kind: Int] = [:]
    let observer = ClosureObserver<Float> { _, point in counts[point.kind, default: 0] += 1 }
    _ = net.forward(
      GradientCheck.randomFloat([2, 3, 8, 8], seed: 3), in: ForwardPass(observer: observer))
    // Per cell: 3 convolution vertices + 2 projections; 4 cells; plus the stem.
    #expect(counts[.reluInput] == 1 + 4 * 5)
    #expect(counts[.convolutionOutput] == 1 + 4 * 5)
    #expect(counts[.globalPoolInput] == 1)
  }

  /// Rebuilds one cell's output from its own layers with `build_module`'s wiring written
  /// out by hand, for the cell with an input→output projection.
  @Test func cellWiringMatchesTheBenchmarkDefinition() throws {
    var rng = SplitMix64(seed: 4)
    let plan = try NB101CellPlan(
      cell: NB101Cell(parsing: Self.projectedOutput), inputChannels: 6, outputChannels: 8)
    let layer = NB101CellLayer<Double>(name: "cell", plan: plan, using: &rng)
    // Every block gets non-trivial batch-norm parameters, so that a swapped block shows.
    for parameter in layer.parameters where parameter.kind != .convolutionWeight {
      parameter.initialize(.uniform(lowerBound: 0.5, upperBound: 1.5), using: &rng)
    }
    let blocks = layer.sublayers.compactMap { $0 as? ConvBNReLU<Double> }
    try #require(blocks.count == 5)
    let (conv1, conv2, conv4, projection1, projectionOut) = (
      blocks[0], blocks[1], blocks[2], blocks[3], blocks[4]
    )
    let x = GradientCheck.random([2, 6, 5, 5], seed: 8)
    let pass = ForwardPass<Double>()
    // Channels: 2 vertices feed the output (4 + 4); vertex 1 feeds 2 and 3 → 4.
    #expect(plan.vertexChannels == [6, 4, 4, 4, 4, 4, 8])
    let v1 = conv1.forward(projection1.forward(x, in: pass), in: pass)
    let v2 = conv2.forward(v1, in: pass)
    let v3 = pass.maxPool(v1, window: 3, stride: 1, padding: 1)
    let v4 = conv4.forward(v3, in: pass)
    let v5 = pass.maxPool(v2, window: 3, stride: 1, padding: 1)
    let expected = pass.add(
      pass.concatenateChannels([v4, v5]), projectionOut.forward(x, in: pass))
    let actual = layer.forward(x, in: pass)
    #expect(actual.shape == [2, 8, 5, 5])
    #expect(actual.isIdentical(to: expected))
  }

  /// Gradients of the whole network (every parameter tensor, sampled elements, and the
  /// input) against central differences in Double, with batch statistics.
  @Test(arguments: [projectedOutput, truncating])
  func gradientsMatchFiniteDifferences(text: String) throws {
    let cell = try NB101Cell(parsing: text)
    let configuration = NB101NetworkConfiguration(
      stemChannels: 4, stackCount: 2, cellsPerStack: 1, classes: 3)
    var rng = SplitMix64(seed: 11)
    let net = try NB101Network<Double>(cell: cell, configuration: configuration, using: &rng)
    for parameter in net.parameters where parameter.kind == .batchNormScale {
      parameter.initialize(.uniform(lowerBound: 0.5, upperBound: 1.5), using: &rng)
    }
    for parameter in net.parameters where parameter.kind == .batchNormShift {
      parameter.initialize(.uniform(lowerBound: -0.5, upperBound: 0.5), using: &rng)
    }
    let x = GradientCheck.random([3, 3, 6, 6], seed: 12)
    let worst = GradientCheck.check(
      inputs: [x], parameters: net.parameters, tolerance: 1e-5, elementsPerTensor: 5
    ) { pass, inputs in
      net.forward(inputs[0], in: pass)
    }
    #expect(worst < 1e-5)
  }

  @Test func invalidCellsAndNarrowConfigurationsThrow() throws {
    let disconnected = try NB101Cell(
      parsing: "0100" + "0000" + "0001" + "0000" + ":input|conv3x3-bn-relu|maxpool3x3|output")
    var rng = SplitMix64(seed: 1)
    #expect(throws: NB101NetworkError.self) {
      _ = try NB101Network<Float>(cell: disconnected, using: &rng)
    }
    // An interior vertex labelled `output` is not a benchmark cell.
    let mislabelled = try NB101Cell(
      parsing: "0100" + "0010" + "0001" + "0000" + ":input|conv3x3-bn-relu|output|output")
    #expect(throws: NB101NetworkError.self) {
      _ = try NB101NetworkCost(cell: mislabelled)
    }
    // Three vertices feed the output, but the first stack has only 2 channels: 1, 1
    // and 0 in vertex order (vertices 2, 4, 5).
    let truncating = try NB101Cell(parsing: Self.truncating)
    let narrow = NB101NetworkConfiguration(stemChannels: 2)
    let expected = NB101NetworkError.tooFewChannels(
      cell: truncating.text, cellChannels: 2, vertex: 5)
    #expect(throws: expected) {
      _ = try NB101NetworkCost(cell: truncating, configuration: narrow)
    }
    #expect(expected.description.contains("vertex 5"))
    #expect(
      throws: NB101NetworkError.configuration(
        NetworkConfigurationError(field: "classes", value: 0, expected: "≥ 1"))
    ) {
      _ = try NB101NetworkCost(cell: truncating, configuration: .init(classes: 0))
    }
  }

  /// The ports' `_initialize_weights`: N(0, √(2 / (k·k·out))) kernels, N(0, 0.01) dense
  /// weights, zero biases, γ = 1, β = 0.
  @Test func referencePortInitialisationHasTheDocumentedMoments() throws {
    var rng = SplitMix64(seed: 3)
    let net = try NB101Network<Double>(cell: NB101Cell(parsing: Self.truncating), using: &rng)
    net.initializeLikeReferencePort(using: &rng)
    for parameter in net.parameters {
      let values = parameter.value.scalars
      switch parameter.kind {
      case .batchNormScale: #expect(values.allSatisfy { $0 == 1 })
      case .batchNormShift, .bias: #expect(values.allSatisfy { $0 == 0 })
      case .convolutionWeight where values.count >= 100_000:
        let shape = parameter.shape
        let expected = (2 / Double(shape[0] * shape[2] * shape[3])).squareRoot()
        let deviation = (values.reduce(0) { $0 + $1 * $1 } / Double(values.count)).squareRoot()
        // 100k draws: the sample deviation is within 1 % with overwhelming probability.
        #expect(abs(deviation / expected - 1) < 0.01, "\(parameter.name)")
      case .linearWeight:
        let deviation = (values.reduce(0) { $0 + $1 * $1 } / Double(values.count)).squareRoot()
        #expect(abs(deviation / 0.01 - 1) < 0.1)
      default: break
      }
    }
  }
}
