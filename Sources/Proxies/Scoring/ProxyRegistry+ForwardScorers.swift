extension ProxyRegistry {
  /// Forward-only and counting scorers (epsilon, accuracy stability, zen, params, flops,
  /// ensemble), registered at start-up.
  static var forwardScorers: [Entry] { [] }
}
