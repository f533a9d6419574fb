import Testing

/// Collects the failures of a check run over thousands of items, so that a loop
/// costs one `#expect` (Swift Testing's expectations are slow in debug builds) and a
/// failure still shows the first offending items.
public struct Mismatches {
  /// How many checks failed.
  public private(set) var count = 0
  private var examples: [String] = []

  /// No failures yet.
  public init() {}

  /// Records `description` when `condition` is false.
  public mutating func check(_ condition: Bool, _ description: @autoclosure () -> String) {
    guard !condition else { return }
    count += 1
    if examples.count < 5 { examples.append(description()) }
  }

  /// Expects no failure, listing the first five.
  public func expectNone(
    _ comment: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let prefix = comment.map { $0 + ": " } ?? ""
    #expect(
      count == 0, "\(prefix)\(count) mismatches, first: \(examples.joined(separator: "; "))",
      sourceLocation: sourceLocation)
  }
}
