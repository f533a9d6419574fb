import Testing

/// Collects the failures of a check run over thousands of items, so that a loop
/// costs one `#expect` (Swift Testing's expectations are slow in debug builds) and a
/// failure still shows the first offending items.
struct Mismatches {
  private(set) var count = 0
  private var examples: [String] = []

  /// Records `description` when `condition` is false.
  mutating func check(_ condition: Bool, _ description: @autoclosure () -> String) {
    guard !condition else { return }
    count += 1
    if examples.count < 5 { examples.append(description()) }
  }

  /// Expects no failure, listing the first five.
  func expectNone(sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(
      count == 0, "\(count) mismatches, first: \(examples.joined(separator: "; "))",
      sourceLocation: sourceLocation)
  }
}
