import SearchSpace

/// The NAS-Bench-NLP space as a search over the benchmark's logs sees it: the networks
/// that were trained, since only those have a result to look up.
///
/// The released WikiText-2 logs hold 345 runs of 265 distinct networks, while the
/// generator (``NLPSpace``) can draw far more cells than were ever trained. NASLib does
/// the same with the dataset: `load_labeled_architecture` samples a logged recipe, and
/// only its surrogate model answers for cells outside the logs (there is none here).
///
/// - ``sample(using:)``: a logged network, uniformly.
/// - ``mutate(_:using:)``: a logged network nearest to the parent by the L1 distance
///   between their operation counts (one count per operation, plus the number of hidden
///   states), uniformly among the nearest. This is this package's choice: a logged
///   neighbour in graph-edit terms rarely exists (NASLib's edge and op changes leave
///   the logs), and the benchmark's own evolution moves in a learned embedding.
/// - Text form, parsing, validation and identity are ``NLPSpace``'s, so results and
///   journals read like those of the generator's space.
public struct LoggedNLPSpace: SearchSpace {
  /// A recurrent cell.
  public typealias Architecture = NLPCell

  /// The logged networks, one cell each.
  public let cells: [NLPCell]
  private let base = NLPSpace()
  private let features: [[Int]]
  private let indexOfIdentity: [String: Int]

  /// The space of `cells` (one per network; order fixes what a seed samples).
  ///
  /// - Precondition: at least two cells.
  public init(cells: [NLPCell]) {
    precondition(cells.count >= 2, "a logged space needs at least two networks")
    self.cells = cells
    features = cells.map(Self.features)
    var index: [String: Int] = [:]
    for (position, cell) in cells.enumerated() where index[base.identityHash(cell)] == nil {
      index[base.identityHash(cell)] = position
    }
    indexOfIdentity = index
  }

  /// `nlp`.
  public var name: String { "nlp" }

  /// A logged network, uniformly.
  public func sample(using rng: inout some RandomNumberGenerator) -> NLPCell {
    cells[Int.random(in: 0..<cells.count, using: &rng)]
  }

  /// A logged network at the smallest operation-count distance from `architecture`
  /// (another network than the parent), uniformly among ties.
  public func mutate(
    _ architecture: NLPCell, using rng: inout some RandomNumberGenerator
  ) -> NLPCell {
    let own = indexOfIdentity[base.identityHash(architecture)]
    let parent = Self.features(architecture)
    var nearest: [Int] = []
    var best = Int.max
    for (position, feature) in features.enumerated() where position != own {
      let distance = zip(parent, feature).reduce(0) { $0 + abs($1.0 - $1.1) }
      if distance < best {
        best = distance
        nearest = [position]
      } else if distance == best {
        nearest.append(position)
      }
    }
    return cells[nearest[Int.random(in: 0..<nearest.count, using: &rng)]]
  }

  /// ``NLPSpace/validate(_:)``.
  public func validate(_ architecture: NLPCell) throws(ArchitectureError) {
    try base.validate(architecture)
  }

  /// ``NLPSpace/parse(_:)``.
  public func parse(_ text: String) throws(ArchitectureError) -> NLPCell {
    try base.parse(text)
  }

  /// The canonical recipe.
  public func canonicalString(_ architecture: NLPCell) -> String {
    base.canonicalString(architecture)
  }

  /// ``NLPSpace/identityHash(_:)``.
  public func identityHash(_ architecture: NLPCell) -> String {
    base.identityHash(architecture)
  }

  /// Counts of each operation (in ``NLPOperation/allCases`` order) and the number of
  /// hidden states.
  static func features(_ cell: NLPCell) -> [Int] {
    var counts = [Int](repeating: 0, count: NLPOperation.allCases.count + 1)
    for node in cell.nodes.values {
      if let position = NLPOperation.allCases.firstIndex(of: node.operation) {
        counts[position] += 1
      }
    }
    counts[NLPOperation.allCases.count] = cell.hiddenStateCount
    return counts
  }
}
