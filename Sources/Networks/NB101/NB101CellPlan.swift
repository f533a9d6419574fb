import SearchSpace

/// The wiring of one NAS-Bench-101 cell at given channel counts: what the benchmark's
/// `build_module` derives from a pruned cell before it creates any layer.
///
/// Vertex channels follow `compute_vertex_channels`: the vertices feeding the output
/// split the cell's output channels (the first `remainder` of them, in vertex order, get
/// one extra); every other interior vertex takes the largest channel count among the
/// interior vertices it feeds. An interior vertex sums its inputs: the outputs of earlier
/// interior vertices, cut to its channel count (they have at most one channel more), and
/// a 1×1 projection of the cell input when the input feeds it. The output concatenates
/// the vertices that feed it, and adds a projection of the cell input when the input
/// feeds the output too (or is just that projection when nothing else feeds it).
///
/// Both ``NB101CellLayer`` and ``NB101NetworkCost`` are built from a plan, so the counted
/// cost and the built network cannot disagree about the wiring.
public struct NB101CellPlan: Hashable, Sendable {
  /// One interior vertex.
  public struct Vertex: Hashable, Sendable {
    /// The vertex's index in the pruned cell.
    public var index: Int
    /// What the vertex computes.
    public var operation: NB101Operation
    /// Its output channels.
    public var channels: Int
    /// Earlier interior vertices it sums (each cut to ``channels``), in vertex order.
    public var sources: [Int]
    /// Whether a projection of the cell input is added (after the sources).
    public var readsInput: Bool
  }

  /// The pruned cell.
  public let cell: NB101Cell
  /// Channels of the cell input.
  public let inputChannels: Int
  /// Channels of the cell output.
  public let outputChannels: Int
  /// Channels of every vertex of the pruned cell, input first (`vertex_channels`).
  public let vertexChannels: [Int]
  /// The interior vertices, in order.
  public let vertices: [Vertex]
  /// Interior vertices whose outputs are concatenated into the cell output, in order.
  public let outputSources: [Int]
  /// Whether a projection of the cell input to ``outputChannels`` is added to the output.
  public let outputReadsInput: Bool

  /// Plans `cell` (pruned first) between `inputChannels` and `outputChannels`.
  ///
  /// - Throws: ``NB101NetworkError/architecture(_:)`` when the cell cannot be pruned
  ///   (not upper-triangular, or no input-to-output path) or an interior vertex of the
  ///   pruned cell is `input` or `output`;
  ///   ``NB101NetworkError/tooFewChannels(cell:cellChannels:vertex:)`` when the output
  ///   channels cannot give every vertex at least one.
  public init(cell: NB101Cell, inputChannels: Int, outputChannels: Int)
    throws(NB101NetworkError)
  {
    let pruned: NB101Cell
    do {
      pruned = try cell.pruned()
    } catch {
      throw .architecture(error)
    }
    if let vertex = (1..<max(1, pruned.vertexCount - 1)).first(where: {
      !pruned.operation(at: $0).isInterior
    }) {
      throw .architecture(
        ArchitectureError(
          space: "nb101", text: cell.text,
          reason: "vertex \(vertex) of the pruned cell is '\(pruned.operation(at: vertex))'; "
            + "expected conv3x3-bn-relu, conv1x1-bn-relu or maxpool3x3 inside the cell"))
    }
    self.cell = pruned
    self.inputChannels = inputChannels
    self.outputChannels = outputChannels
    let count = pruned.vertexCount
    let output = count - 1
    var channels = Array(repeating: 0, count: count)
    channels[0] = inputChannels
    channels[output] = outputChannels
    if count > 2 {
      let feeding = (1..<output).filter { pruned.hasEdge(from: $0, to: output) }
      // Pruning keeps only interior vertices that reach the output, so at least one
      // feeds it directly.
      let share = outputChannels / max(1, feeding.count)
      var remainder = outputChannels % max(1, feeding.count)
      for vertex in feeding {
        channels[vertex] = share
        if remainder > 0 {
          channels[vertex] += 1
          remainder -= 1
        }
      }
      for vertex in stride(from: output - 2, through: 1, by: -1)
      where !pruned.hasEdge(from: vertex, to: output) {
        for target in (vertex + 1)..<output where pruned.hasEdge(from: vertex, to: target) {
          channels[vertex] = max(channels[vertex], channels[target])
        }
      }
      if let starved = (1..<output).first(where: { channels[$0] < 1 }) {
        throw .tooFewChannels(cell: cell.text, cellChannels: outputChannels, vertex: starved)
      }
    }
    vertexChannels = channels
    vertices = (1..<max(1, output)).map { vertex in
      Vertex(
        index: vertex, operation: pruned.operation(at: vertex), channels: channels[vertex],
        sources: (1..<vertex).filter { pruned.hasEdge(from: $0, to: vertex) },
        readsInput: pruned.hasEdge(from: 0, to: vertex))
    }
    outputSources = (1..<max(1, output)).filter { pruned.hasEdge(from: $0, to: output) }
    outputReadsInput = pruned.hasEdge(from: 0, to: output)
  }
}
