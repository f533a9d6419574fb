extension NB101Network {
  /// Re-draws every parameter as the PyTorch ports of NAS-Bench-101 do in
  /// `_initialize_weights` (NASLib's and zero-cost-nas's `nasbench1.py`, whose networks
  /// produced the reference zero-cost scores): convolution kernels N(0, √(2 / (k·k·out))),
  /// batch-norm γ = 1 and β = 0, the dense layer's weights N(0, 0.01) and its bias 0.
  ///
  /// Parameters are visited in ``Layer/parameters`` order (the ports' module order).
  /// The default initialisation of ``init(cell:configuration:using:)`` is PyTorch's
  /// (`kaiming_uniform_(a=√5)`), which is what a port without `_initialize_weights`
  /// would get.
  public func initializeLikeReferencePort(using rng: inout some RandomNumberGenerator) {
    for parameter in parameters {
      switch parameter.kind {
      case .convolutionWeight:
        let shape = parameter.shape
        let fanOut = shape.count == 4 ? shape[0] * shape[2] * shape[3] : max(1, shape[0])
        parameter.initialize(
          .gaussian(mean: 0, standardDeviation: (2 / Double(max(1, fanOut))).squareRoot()),
          using: &rng)
      case .linearWeight:
        parameter.initialize(.gaussian(mean: 0, standardDeviation: 0.01), using: &rng)
      case .bias, .batchNormShift:
        parameter.initialize(.constant(0), using: &rng)
      case .batchNormScale:
        parameter.initialize(.constant(1), using: &rng)
      case .embedding:
        parameter.initialize(.pytorchDefault, using: &rng)
      }
    }
  }
}
