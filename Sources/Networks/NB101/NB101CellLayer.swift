import SearchSpace

/// One NAS-Bench-101 cell as a layer (`build_module` of the benchmark's
/// `model_builder.py`), wired by an ``NB101CellPlan``.
///
/// Interior vertex `t` computes `op_t(Σ truncate(vertex s) + projection_t(input))` over
/// its sources; the output concatenates the vertices that feed it along the channels and
/// adds the projected input when the input feeds the output. Layers are created in the
/// PyTorch ports' module order, which is also the order weights are drawn from the
/// generator: the vertices' operations (`vertex_op.<t>`), then the input projections
/// (`input_op.<t>`, the output's last).
public final class NB101CellLayer<Scalar: TensorScalar>: Layer {
  /// What one interior vertex computes.
  enum Operation {
    /// conv-BN-ReLU (3×3 or 1×1).
    case convolution(ConvBNReLU<Scalar>)
    /// 3×3 max pooling, stride 1, padding 1 (TensorFlow's `same`: padding never wins).
    case maxPool
  }

  /// The wiring and channel counts.
  public let plan: NB101CellPlan
  /// The operation of each interior vertex, in ``NB101CellPlan/vertices`` order.
  let operations: [Operation]
  /// The input projection of each interior vertex that reads the input, by position in
  /// ``NB101CellPlan/vertices``.
  let projections: [ConvBNReLU<Scalar>?]
  /// The projection of the input added to (or forming) the output.
  let outputProjection: ConvBNReLU<Scalar>?

  /// Creates the cell's layers, named under `name` (such as `layers.1`).
  public init(name: String, plan: NB101CellPlan, using rng: inout some RandomNumberGenerator) {
    self.plan = plan
    operations = plan.vertices.map { vertex in
      switch vertex.operation {
      case .conv3x3BnRelu, .conv1x1BnRelu:
        .convolution(
          ConvBNReLU(
            name: "\(name).vertex_op.\(vertex.index)", inChannels: vertex.channels,
            outChannels: vertex.channels,
            kernelSize: vertex.operation == .conv3x3BnRelu ? 3 : 1, using: &rng))
      case .maxPool3x3, .input, .output:
        // A plan's interior vertices are never input or output (it throws).
        .maxPool
      }
    }
    projections = plan.vertices.map { vertex in
      vertex.readsInput
        ? ConvBNReLU(
          name: "\(name).input_op.\(vertex.index)", inChannels: plan.inputChannels,
          outChannels: vertex.channels, kernelSize: 1, using: &rng) : nil
    }
    outputProjection =
      plan.outputReadsInput
      ? ConvBNReLU(
        name: "\(name).input_op.\(plan.cell.vertexCount - 1)", inChannels: plan.inputChannels,
        outChannels: plan.outputChannels, kernelSize: 1, using: &rng) : nil
  }

  /// Evaluates the vertices in order and assembles the output.
  public func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar> {
    // values[t] is vertex t's output (index 0 unused: the input is projected per reader).
    var values: [Tensor<Scalar>?] = Array(repeating: nil, count: plan.cell.vertexCount)
    for (position, vertex) in plan.vertices.enumerated() {
      var terms: [Tensor<Scalar>] = []
      for source in vertex.sources {
        guard let value = values[source] else { continue }
        terms.append(truncate(value, to: vertex.channels, in: pass))
      }
      if let projection = projections[position] {
        terms.append(projection.forward(input, in: pass))
      }
      guard !terms.isEmpty else { continue }
      let sum =
        terms.count == 1
        ? terms[0] : pass.weightedSum(terms, weights: Array(repeating: 1, count: terms.count))
      switch operations[position] {
      case .convolution(let block):
        values[vertex.index] = block.forward(sum, in: pass)
      case .maxPool:
        values[vertex.index] = pass.maxPool(sum, window: 3, stride: 1, padding: 1)
      }
    }
    let concatenated = plan.outputSources.compactMap { values[$0] }
    let projected = outputProjection.map { $0.forward(input, in: pass) }
    switch (concatenated.count, projected) {
    case (0, let projected?):
      return projected
    case (0, nil):
      // Unreachable for a planned cell (pruning guarantees an input-output path).
      return input
    case (1, nil):
      return concatenated[0]
    case (_, nil):
      return pass.concatenateChannels(concatenated)
    case (_, let projected?):
      let joined =
        concatenated.count == 1 ? concatenated[0] : pass.concatenateChannels(concatenated)
      return pass.add(joined, projected)
    }
  }

  /// `value` cut to its first `channels` channels (the benchmark's `truncate`).
  private func truncate(_ value: Tensor<Scalar>, to channels: Int, in pass: ForwardPass<Scalar>)
    -> Tensor<Scalar>
  {
    value.shape[1] > channels ? pass.sliceChannels(value, 0..<channels) : value
  }

  /// The vertices' convolutions, then the input projections (the ports' module order).
  public var sublayers: [any Layer<Scalar>] {
    var layers: [any Layer<Scalar>] = []
    for operation in operations {
      if case .convolution(let block) = operation { layers.append(block) }
    }
    for projection in projections {
      if let projection { layers.append(projection) }
    }
    if let outputProjection { layers.append(outputProjection) }
    return layers
  }
}
