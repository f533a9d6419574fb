/// Why an architecture's text could not be read, or why an architecture is not a
/// member of its space.
public struct ArchitectureError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The space that rejected the architecture, such as `nb201`.
  public var space: String
  /// The offending text, shortened when it is long; empty when there was no text.
  public var text: String
  /// What is wrong and what was expected instead.
  public var reason: String

  /// Creates an error for `space` about `text`.
  public init(space: String, text: String = "", reason: String) {
    self.space = space
    self.text = text.count > 120 ? String(text.prefix(117)) + "..." : text
    self.reason = reason
  }

  /// A one-line message naming the space, the text and the reason.
  public var description: String {
    text.isEmpty ? "\(space) architecture: \(reason)" : "\(space) architecture '\(text)': \(reason)"
  }
}
