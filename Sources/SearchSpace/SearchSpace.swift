/// A family of neural architectures that a search can sample, mutate and compare.
///
/// Every benchmark space (NAS-Bench-201, NAS-Bench-101, NAS-Bench-NLP) conforms. A
/// space is a value: its parameters (such as NB101's vertex and edge limits) live in
/// the instance, and its architectures are plain values that know no tensors and no
/// file formats.
///
/// Text forms are the benchmarks' own, so that an architecture printed here can be
/// looked up in the benchmark's table and pasted into the papers' code:
/// ``canonicalString(_:)`` and ``parse(_:)`` are inverse to each other.
public protocol SearchSpace: Sendable {
  /// One architecture of the space: a genotype.
  associatedtype Architecture: Hashable, Codable, Sendable

  /// The short name used on the command line and in configs, such as `nb201`.
  var name: String { get }

  /// Draws an architecture the way the benchmark's own random sampler does.
  func sample(using rng: inout some RandomNumberGenerator) -> Architecture

  /// Returns a valid neighbour of `architecture` by the benchmark paper's mutation.
  func mutate(
    _ architecture: Architecture, using rng: inout some RandomNumberGenerator
  ) -> Architecture

  /// Throws when `architecture` is not a member of the space, saying why.
  func validate(_ architecture: Architecture) throws(ArchitectureError)

  /// Reads the space's text form, throwing an error that says what was expected.
  func parse(_ text: String) throws(ArchitectureError) -> Architecture

  /// The space's text form of `architecture`; `parse` reads it back unchanged.
  func canonicalString(_ architecture: Architecture) -> String

  /// An identity that is equal for architectures the benchmark treats as the same
  /// network (isomorphic cells, where the space has isomorphisms).
  func identityHash(_ architecture: Architecture) -> String
}

extension SearchSpace {
  /// Whether `architecture` passes ``validate(_:)``.
  public func isValid(_ architecture: Architecture) -> Bool {
    do {
      try validate(architecture)
      return true
    } catch {
      return false
    }
  }
}
