/// The NAS-Bench-NLP search space of recurrent cells (Klyuchnikov et al., 2020).
///
/// Architectures are ``NLPCell`` recipes: graphs of `linear`, `blend`, element-wise
/// and activation nodes over the layer input `x` and up to three hidden states. The
/// text form is the benchmark's recipe JSON; ``sample(using:)`` is the benchmark's own
/// random generator; ``mutate(_:using:)`` is a small graph edit (the benchmark has no
/// graph mutation of its own: its evolution baseline moves in a learned embedding).
///
/// ```swift
/// let space = NLPSpace()
/// var rng = SplitMix64(seed: 7)
/// let cell = space.sample(using: &rng)
/// let text = space.canonicalString(cell)
/// let again = try space.parse(text)  // == cell
/// ```
public struct NLPSpace: SearchSpace {
  /// A cell of this space.
  public typealias Architecture = NLPCell

  /// How ``sample(using:)`` weighs the generator's nine configurations.
  public var configurationWeighting: ConfigurationWeighting

  /// The most hidden states (`h_new_*`) a cell may have: 3, as in the benchmark.
  public let maximumHiddenStateCount = 3

  /// Creates the space; see ``ConfigurationWeighting`` for the sampler's one choice.
  public init(configurationWeighting: ConfigurationWeighting = .equalValidCells) {
    self.configurationWeighting = configurationWeighting
  }

  /// `nlp`.
  public var name: String { "nlp" }

  /// Throws unless `cell` is a well-formed cell with at most three hidden states; see
  /// ``NLPCell/program()`` for the rules.
  public func validate(_ cell: NLPCell) throws(ArchitectureError) {
    do {
      try check(cell)
    } catch {
      throw ArchitectureError(space: name, text: cell.recipe, reason: error.description)
    }
  }

  /// ``validate(_:)`` with the typed reason: the rules of ``NLPCell/program()`` and the
  /// space's limit of ``maximumHiddenStateCount`` hidden states.
  public func check(_ cell: NLPCell) throws(NLPCellError) {
    let program = try cell.program()
    if program.hiddenStateCount > maximumHiddenStateCount {
      throw .tooManyHiddenStates(count: program.hiddenStateCount, maximum: maximumHiddenStateCount)
    }
  }

  /// Reads a recipe (any key order) and validates it.
  public func parse(_ text: String) throws(ArchitectureError) -> NLPCell {
    do {
      let cell = try NLPCell(recipe: text)
      try check(cell)
      return cell
    } catch {
      throw ArchitectureError(space: name, text: text, reason: error.description)
    }
  }

  /// The canonical recipe text, ``NLPCell/recipe``.
  public func canonicalString(_ cell: NLPCell) -> String {
    cell.recipe
  }

  /// 32 hex digits identifying the network: equal for cells that differ only by the
  /// names of intermediate nodes and the order of commutative inputs, different
  /// otherwise (see ``NLPCell`` and the canonical code behind it).
  public func identityHash(_ cell: NLPCell) -> String {
    fnv1a128Hex(cell.canonicalCode())
  }
}
