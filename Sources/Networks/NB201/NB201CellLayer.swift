import SearchSpace

/// One NAS-Bench-201 cell as a layer (xautodl's `InferCell`): node `i` is the sum of
/// `op(i←j)(node j)` over `j < i`, and the cell's output is node 3.
///
/// `none` edges get no layer; they contribute `0 · node j`, which is zero unless
/// `node j` holds NaN or ±∞, exactly like PyTorch's `x.mul(0.)`. Convolution edges
/// leaving the same node share one ReLU evaluation, and observers still see one
/// ReLU-input point per edge, as hooks on xautodl's per-edge `nn.ReLU` modules would.
public final class NB201CellLayer<Scalar: TensorScalar>: Layer {
  /// What one edge computes.
  enum Edge {
    /// `0 · x`.
    case zero
    /// `x`.
    case identity
    /// 3×3 average pooling, stride 1, padding 1, `count_include_pad=False`.
    case averagePool
    /// ReLU→Conv→BN.
    case convolution(ReLUConvBN<Scalar>)
  }

  /// The cell's genotype.
  public let cell: NB201Cell
  /// The edges, in the benchmark's edge order.
  let edges: [Edge]
  /// For each node, how many convolution edges read it (the ReLU's uses).
  private let convolutionReaders: [Int]

  /// Creates the cell's layers at `channels` channels, drawing weights edge by edge in
  /// the benchmark's order.
  public init(
    name: String, cell: NB201Cell, channels: Int, using rng: inout some RandomNumberGenerator
  ) {
    self.cell = cell
    var edges: [Edge] = []
    var readers = Array(repeating: 0, count: NB201Cell.nodeCount)
    for (index, edge) in NB201Cell.edges.enumerated() {
      let edgeName = "\(name).edge\(edge.to)<-\(edge.from)"
      switch cell[edge: index] {
      case .none: edges.append(.zero)
      case .skipConnect: edges.append(.identity)
      case .avgPool3x3: edges.append(.averagePool)
      case .conv1x1, .conv3x3:
        let kernel = cell[edge: index] == .conv3x3 ? 3 : 1
        readers[edge.from] += 1
        edges.append(
          .convolution(
            ReLUConvBN(
              name: edgeName, inChannels: channels, outChannels: channels, kernelSize: kernel,
              using: &rng)))
      }
    }
    self.edges = edges
    convolutionReaders = readers
  }

  /// Evaluates the cell's nodes in order and returns node 3.
  public func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar> {
    if !pass.recordsGradients { return forwardOnly(input, in: pass) }
    var nodes = [input]
    var activated: [Int: Tensor<Scalar>] = [:]
    var pendingReaders = convolutionReaders
    var index = 0
    for target in 1..<NB201Cell.nodeCount {
      var terms: [Tensor<Scalar>] = []
      var weights: [Scalar] = []
      for source in 0..<target {
        let x = nodes[source]
        switch edges[index] {
        case .zero:
          terms.append(x)
          weights.append(0)
        case .identity:
          terms.append(x)
          weights.append(1)
        case .averagePool:
          terms.append(pass.averagePool(x, window: 3, stride: 1, padding: 1))
          weights.append(1)
        case .convolution(let block):
          let relu = activated[source] ?? pass.relu(x, uses: convolutionReaders[source])
          pendingReaders[source] -= 1
          // Drop the shared ReLU output after its last reader, so a forward-only pass
          // frees it early.
          activated[source] = pendingReaders[source] > 0 ? relu : nil
          terms.append(block.afterReLU(relu, in: pass))
          weights.append(1)
        }
        index += 1
      }
      nodes.append(
        terms.count == 1 && weights[0] == 1 ? terms[0] : pass.weightedSum(terms, weights: weights))
    }
    return nodes[NB201Cell.nodeCount - 1]
  }

  /// The forward pass for a pass without a tape.
  ///
  /// The same operations in the same order as ``forward(_:in:)``, except that no ReLU
  /// is written out (each convolution takes its input's ReLU as it reads it), each
  /// convolution edge's batch normalisation is applied while its node is summed
  /// (``ForwardPass/normalizedSum(_:)``) instead of being written out and read back,
  /// and pooling edges are pooled inside the sum. Bitwise the same result and the same
  /// observations in the same order, with fewer passes over memory.
  private func forwardOnly(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<
    Scalar
  > {
    var nodes = [input]
    // Nodes whose ReLU input has been reported (at their first convolution reader).
    var reported = Set<Int>()
    var index = 0
    for target in 1..<NB201Cell.nodeCount {
      var terms: [NormalizedTerm<Scalar>] = []
      for source in 0..<target {
        let x = nodes[source]
        switch edges[index] {
        case .zero:
          terms.append(NormalizedTerm(tensor: x, weight: 0, normalization: nil))
        case .identity:
          terms.append(NormalizedTerm(tensor: x, weight: 1, normalization: nil))
        case .averagePool:
          // Pooled plane by plane inside the sum, never written out.
          terms.append(
            NormalizedTerm(tensor: x, weight: 1, normalization: nil, pool: (window: 3, padding: 1)))
        case .convolution(let block):
          if reported.insert(source).inserted {
            // What `pass.relu(x, uses:)` reports, in the same place.
            for _ in 0..<convolutionReaders[source] { _ = pass.observe(x, as: .reluInput) }
          }
          terms.append(block.deferredForward(preActivation: x, in: pass))
        }
        index += 1
      }
      let single =
        terms.count == 1 && terms[0].weight == 1 && terms[0].normalization == nil
        && terms[0].pool == nil
      nodes.append(single ? terms[0].tensor : pass.normalizedSum(terms))
    }
    return nodes[NB201Cell.nodeCount - 1]
  }

  /// The convolution edges' blocks, in edge order.
  public var sublayers: [any Layer<Scalar>] {
    edges.compactMap { edge in
      if case .convolution(let block) = edge { block } else { nil }
    }
  }
}
