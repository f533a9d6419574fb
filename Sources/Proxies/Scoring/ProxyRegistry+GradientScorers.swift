extension ProxyRegistry {
  /// Gradient-based scorers (synflow, snip, grad_norm, fisher, jacob_cov, grasp),
  /// registered at start-up.
  static var gradientScorers: [Entry] {
    [
      Entry(
        name: "synflow",
        summary: "synflow (Abdelfattah et al. 2021): Σ|θ·∂R/∂θ|, |θ| network, ones input, no BN",
        make: { options throws(ProxyOptionError) in
          try options.rejectUnknown([], proxy: "synflow")
          return Synflow()
        }),
      precisionEntry(
        name: "snip",
        summary: "snip (Abdelfattah et al. 2021): Σ|θ·∂L/∂θ| over conv and linear weights"
      ) { SNIP(precision: $0) },
      precisionEntry(
        name: "grad_norm",
        summary: "grad_norm (Abdelfattah et al. 2021): Σ over layers of ‖∂L/∂W‖"
      ) { GradNorm(precision: $0) },
      precisionEntry(
        name: "fisher",
        summary: "fisher (Abdelfattah et al. 2021): Σ channel ½·mean(Σ act·∂L/∂act)² × weights"
      ) { Fisher(precision: $0) },
      precisionEntry(
        name: "jacob_cov",
        summary: "jacob_cov (Abdelfattah et al. 2021): −Σ[log(λ+k)+1/(λ+k)] of corrcoef(∂Σf/∂x)"
      ) { JacobianCovariance(precision: $0) },
      Entry(
        name: "grasp",
        summary: "grasp (Abdelfattah et al. 2021): Σ −θ·Hg, Hg by a ReLU-safe finite difference",
        make: { options throws(ProxyOptionError) in
          try options.rejectUnknown(["relative_step"], proxy: "grasp")
          let step = try options.number("relative_step", default: 1e-10)
          guard step > 0, step < 1 else {
            throw ProxyOptionError(
              option: "relative_step", message: "expected a number between 0 and 1 (exclusive)")
          }
          return GraSP(relativeStep: step)
        }),
    ]
  }

  /// A scorer whose only option besides `batch_size` and `seed` is `precision`.
  private static func precisionEntry(
    name: String, summary: String, make: @escaping @Sendable (GradientPrecision) -> any Proxy
  ) -> Entry {
    Entry(
      name: name, summary: summary,
      make: { options throws(ProxyOptionError) in
        try options.rejectUnknown(["precision"], proxy: name)
        return make(try precision(options))
      })
  }

  /// The `precision` option of the gradient scorers (`float32` by default).
  private static func precision(_ options: ProxyOptions) throws(ProxyOptionError)
    -> GradientPrecision
  {
    let text = try options.choice(
      "precision", default: GradientPrecision.float32.rawValue,
      allowed: GradientPrecision.optionValues)
    return GradientPrecision(rawValue: text) ?? .float32
  }
}
