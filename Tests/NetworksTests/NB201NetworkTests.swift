import NASTestSupport
import Networks
import SearchSpace
import Testing

/// The NAS-Bench-201 network against the benchmark's tables and independent
/// derivations of its structure.
struct NB201NetworkTests {
  /// A cell with every operation: conv3×3, conv1×1, pooling, skip and none.
  let mixed = NB201CellFixture.mixed

  @Test(.requiresData) func parameterCountsMatchTheBenchmarkForAllCells() throws {
    let rows = NB201TableRow.all
    #expect(rows.count == 15_625)
    var mismatches = Mismatches()
    for row in rows {
      let expected = Int((row.parametersCIFAR10Formula * 1e6).rounded())
      let closedForm = 73_306 + 243_040 * row.convolutions3x3 + 28_000 * row.convolutions1x1
      let cifar10 = try NB201NetworkCost(cell: row.cell, configuration: .cifar10)
      // A wider head adds 64 weights and a bias per extra class.
      let cifar100 = try NB201NetworkCost(cell: row.cell, configuration: .cifar100)
      let imageNet = try NB201NetworkCost(
        cell: row.cell, configuration: .imageNet16, height: 16, width: 16)
      mismatches.check(
        expected == closedForm && cifar10.parameters == expected
          && cifar100.parameters == expected + 64 * 90 + 90
          && imageNet.parameters == expected + 64 * 110 + 110,
        "\(row.cell): \(cifar10.parameters) vs \(expected)")
    }
    mismatches.expectNone()
  }

  @Test(.requiresData) func flopsMatchTheBenchmarkForAllCells() throws {
    let rows = NB201TableRow.all
    #expect(rows.count == 15_625)
    var worst = 0.0
    for row in rows {
      let cifar10 = try NB201NetworkCost(cell: row.cell, configuration: .cifar10)
      let cifar100 = try NB201NetworkCost(cell: row.cell, configuration: .cifar100)
      let imageNet = try NB201NetworkCost(
        cell: row.cell, configuration: .imageNet16, height: 16, width: 16)
      worst = max(
        worst, abs(Double(cifar10.flops) / 1e6 - row.flopsCIFAR10),
        abs(Double(cifar100.flops) / 1e6 - row.flopsCIFAR100),
        abs(Double(imageNet.flops) / 1e6 - row.flopsImageNet16))
    }
    // The table holds millions with six decimals: exact to the last digit.
    #expect(worst < 5e-7)
  }

  /// The instantiated network has exactly the counted parameters and executes exactly
  /// the counted multiply-accumulates (checked on 8×8 inputs to stay fast).
  @Test(arguments: NB201CellFixture.varied)
  func builtNetworkMatchesItsCost(cell: NB201Cell) throws {
    var rng = SplitMix64(seed: 1)
    let net = try NB201Network<Float>(cell: cell, configuration: .cifar10, using: &rng)
    let cost = try NB201NetworkCost(cell: cell, configuration: .cifar10, height: 8, width: 8)
    #expect(net.parameterCount == cost.parameters)
    let pass = ForwardPass<Float>()
    let logits = net.forward(Tensor(repeating: 0.5, shape: [1, 3, 8, 8]), in: pass)
    #expect(logits.shape == [1, 10])
    #expect(pass.multiplyAccumulates == cost.multiplyAccumulates)
  }

  /// xautodl has one `nn.ReLU` per convolution edge (15 cells), two per reduction block
  /// and one in `lastact`; convolutions: the stem, one per convolution edge, three per
  /// reduction block.
  @Test func observersSeeOneReLUInputPerReLUModule() throws {
    var rng = SplitMix64(seed: 2)
    let cell = try NB201Cell(
      parsing:
        "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|"
    )
    let net = try NB201Network<Float>(
      cell: cell, configuration: NB201NetworkConfiguration(channels: 4), using: &rng)
    var counts: [ObservationPoint.Kind: Int] = [:]
    let observer = ClosureObserver<Float> { _, point in counts[point.kind, default: 0] += 1 }
    _ = net.forward(
      GradientCheck.randomFloat([2, 3, 8, 8], seed: 3), in: ForwardPass(observer: observer))
    #expect(counts[.reluInput] == 15 * 3 + 2 * 2 + 1)
    #expect(counts[.convolutionOutput] == 1 + 15 * 3 + 2 * 3)
    #expect(counts[.linearOutput] == 1)
    #expect(counts[.globalPoolInput] == 1)
  }

  /// Rebuilds the mixed cell's output from its own layers with the wiring written out
  /// by hand: node1 = conv3(x); node2 = conv1(x) + pool(node1);
  /// node3 = x + 0·node1 + conv3'(node2).
  @Test func cellWiringMatchesTheBenchmarkDefinition() {
    var rng = SplitMix64(seed: 4)
    let layer = NB201CellLayer<Double>(name: "c", cell: mixed, channels: 3, using: &rng)
    let blocks = layer.sublayers.compactMap { $0 as? ReLUConvBN<Double> }
    #expect(blocks.count == 3)
    let x = GradientCheck.random([2, 3, 5, 5], seed: 5)
    let pass = ForwardPass<Double>()
    let node1 = blocks[0].forward(x, in: pass)
    let node2 = pass.add(
      blocks[1].forward(x, in: pass), pass.averagePool(node1, window: 3, stride: 1, padding: 1))
    let node3 = pass.add(
      pass.add(x, pass.scale(node1, by: 0)), blocks[2].forward(node2, in: pass))
    #expect(layer.forward(x, in: ForwardPass()).isIdentical(to: node3))
  }

  @Test func noneEdgesGiveZeroTimesInputLikePyTorch() throws {
    var rng = SplitMix64(seed: 6)
    let allNone = try NB201Cell(operations: Array(repeating: .none, count: 6))
    let layer = NB201CellLayer<Float>(name: "c", cell: allNone, channels: 1, using: &rng)
    let x = Tensor<Float>(shape: [1, 1, 1, 4], scalars: [.nan, .infinity, -2, 3])
    let y = layer.forward(x, in: ForwardPass())
    #expect(y[0, 0, 0, 0].isNaN && y[0, 0, 0, 1].isNaN)
    #expect(y[0, 0, 0, 2] == 0 && y[0, 0, 0, 3] == 0)
  }

  /// With no input→output path every cell outputs zeros, so the logits are the
  /// classifier's bias for every image.
  @Test func cellsWithoutAPathRunAndOutputTheClassifierBias() throws {
    let noPath = NB201Cell.all.filter { !$0.hasInputOutputPath }
    #expect(noPath.count == 341)
    let x = GradientCheck.randomFloat([2, 3, 8, 8], seed: 7)
    for (k, cell) in noPath.enumerated() {
      var rng = SplitMix64(seed: UInt64(k))
      let net = try NB201Network<Float>(
        cell: cell, configuration: NB201NetworkConfiguration(channels: 4, cellsPerStage: 1),
        using: &rng)
      let logits = net.forward(x, in: ForwardPass())
      let bias = try #require(net.classifier.bias).value.scalars
      #expect(logits.scalars == bias + bias, "\(cell)")
    }
    // And the full-size network on a few of them.
    for cell in noPath.prefix(3) {
      var rng = SplitMix64(seed: 8)
      let net = try NB201Network<Float>(cell: cell, using: &rng)
      let logits = net.forward(x, in: ForwardPass())
      #expect(logits.scalars.allSatisfy { $0.isFinite })
    }
  }

  @Test func sameSeedBuildsTheSameNetwork() throws {
    func logits(_ seed: UInt64) throws -> [Float] {
      var rng = SplitMix64(seed: seed)
      let net = try NB201Network<Float>(
        cell: mixed, configuration: NB201NetworkConfiguration(channels: 4, cellsPerStage: 1),
        using: &rng)
      return net.forward(GradientCheck.randomFloat([2, 3, 8, 8], seed: 9), in: ForwardPass())
        .scalars
    }
    let (first, again, other) = (try logits(3), try logits(3), try logits(4))
    #expect(first == again)
    #expect(first != other)
  }

  @Test func parameterNamesFollowPyTorchModuleOrder() throws {
    var rng = SplitMix64(seed: 10)
    let net = try NB201Network<Float>(
      cell: mixed, configuration: NB201NetworkConfiguration(channels: 2, cellsPerStage: 1),
      using: &rng)
    let names = net.parameters.map(\.name)
    #expect(names.prefix(3) == ["stem.0.weight", "stem.1.weight", "stem.1.bias"])
    #expect(names.contains("cells.0.edge1<-0.conv.weight"))
    #expect(names.contains("cells.1.conv_a.conv.weight"))
    #expect(names.contains("cells.1.downsample.weight"))
    #expect(
      names.suffix(4) == [
        "lastact.0.weight", "lastact.0.bias", "classifier.weight", "classifier.bias",
      ])
    #expect(Set(names).count == names.count)
  }

  @Test func forwardOnlyNetworkPassRecordsNoTape() throws {
    var rng = SplitMix64(seed: 11)
    let net = try NB201Network<Float>(
      cell: mixed, configuration: NB201NetworkConfiguration(channels: 4, cellsPerStage: 1),
      using: &rng)
    let pass = ForwardPass<Float>()
    _ = net.forward(GradientCheck.randomFloat([2, 3, 8, 8], seed: 12), in: pass)
    #expect(pass.recordedOperationCount == 0)
  }

  @Test func invalidConfigurationsThrow() {
    var rng = SplitMix64(seed: 12)
    #expect(throws: NetworkConfigurationError.self) {
      try NB201Network<Float>(
        cell: mixed, configuration: NB201NetworkConfiguration(channels: 0), using: &rng)
    }
  }

  /// A reduced network (C = 2, N = 1, 8×8 inputs): gradients with respect
  /// to the input and every parameter tensor against central differences (seven
  /// elements of each tensor, so the check stays fast).
  @Test func reducedNetworkGradientsMatchCentralDifferences() throws {
    var rng = SplitMix64(seed: 13)
    let net = try NB201Network<Double>(
      cell: mixed, configuration: NB201NetworkConfiguration(channels: 2, cellsPerStage: 1),
      using: &rng)
    let x = GradientCheck.random([2, 3, 8, 8], seed: 14)
    // stem 3 + 3 cells × 3 conv edges × 3 + 2 reductions × 7 + head 4 tensors.
    #expect(net.parameters.count == 3 + 27 + 14 + 4)
    GradientCheck.check(
      inputs: [x], parameters: net.parameters, tolerance: 1e-5, elementsPerTensor: 7
    ) { pass, t in
      pass.crossEntropy(net.forward(t[0], in: pass), labels: [3, 7])
    }
  }
}

/// Cells used by several tests.
enum NB201CellFixture {
  static let mixed = parse(
    "|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|")

  /// All-conv3×3, all-none, all-pool, a skip chain and the mixed cell.
  static let varied: [NB201Cell] = [
    mixed,
    parse(
      "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|"
    ),
    parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"),
    parse(
      "|avg_pool_3x3~0|+|avg_pool_3x3~0|avg_pool_3x3~1|+|avg_pool_3x3~0|avg_pool_3x3~1|avg_pool_3x3~2|"
    ),
    parse(
      "|skip_connect~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|"
    ),
  ]

  static func parse(_ text: String) -> NB201Cell {
    (try? NB201Cell(parsing: text)) ?? NB201Cell.all[0]
  }
}
