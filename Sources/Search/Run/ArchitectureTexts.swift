import SearchSpace

/// The canonical texts of the architectures that the runs of one experiment meet, made
/// once each (NB201 has 15,625 cells; an experiment of 500 REA runs meets 45,000 new
/// ones, run by run).
///
/// A run is confined to one thread, and so are the runs of one specification: the
/// cache is not locked.
final class ArchitectureTexts<Architecture: Hashable> {
  private var texts: [Architecture: String] = [:]

  /// The text of `architecture` in `space`, made on first use.
  func text<Space: SearchSpace>(of architecture: Architecture, in space: Space) -> String
  where Space.Architecture == Architecture {
    if let known = texts[architecture] { return known }
    let text = space.canonicalString(architecture)
    texts[architecture] = text
    return text
  }
}
