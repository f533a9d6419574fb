/// A search space seen through its text form, for code that picks the space at run
/// time by name (the command line, configs).
///
/// Generic code should use the ``SearchSpace`` protocol directly; this wrapper exists
/// so that `nas-search sample --space nb101` needs no generic dispatch of its own.
public struct AnySearchSpace: Sendable {
  /// The space's short name, such as `nb201`.
  public let name: String
  /// One line describing the space, for `nas-search list`.
  public let summary: String
  private let sampleText: @Sendable (inout SplitMix64) -> String
  private let mutateText: @Sendable (String, inout SplitMix64) throws(ArchitectureError) -> String
  private let describeText: @Sendable (String) throws(ArchitectureError) -> Description

  /// What the space says about one architecture's text.
  public struct Description: Sendable, Equatable {
    /// The canonical text form.
    public var canonical: String
    /// The identity hash (equal for isomorphic cells).
    public var hash: String
    /// Nil when the architecture is valid, otherwise why it is not.
    public var invalidReason: String?
  }

  /// Wraps `space`.
  public init<Space: SearchSpace>(_ space: Space, summary: String) {
    name = space.name
    self.summary = summary
    sampleText = { rng in space.canonicalString(space.sample(using: &rng)) }
    mutateText = { text, rng throws(ArchitectureError) in
      let architecture = try space.parse(text)
      return space.canonicalString(space.mutate(architecture, using: &rng))
    }
    describeText = { text throws(ArchitectureError) in
      let architecture = try space.parse(text)
      var reason: String?
      do throws(ArchitectureError) {
        try space.validate(architecture)
      } catch {
        reason = error.reason
      }
      return Description(
        canonical: space.canonicalString(architecture),
        hash: space.identityHash(architecture), invalidReason: reason)
    }
  }

  /// A random architecture's canonical text.
  public func sample(using rng: inout SplitMix64) -> String { sampleText(&rng) }

  /// The canonical text of a mutation of the architecture `text`.
  public func mutate(_ text: String, using rng: inout SplitMix64) throws(ArchitectureError)
    -> String
  {
    try mutateText(text, &rng)
  }

  /// Parses `text` and reports its canonical form, hash and validity.
  public func describe(_ text: String) throws(ArchitectureError) -> Description {
    try describeText(text)
  }
}
