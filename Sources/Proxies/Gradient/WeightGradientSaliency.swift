import Networks

/// A scorer that reduces the conv and linear weights and their cross-entropy gradients
/// to one number (snip, grad_norm): the shared recipe of Abdelfattah et al.'s code is
/// one labelled batch, training-mode batch norm, PyTorch's default initialisation, and
/// a score of 0 (the lowest) for a cell without an input-output path, whose weight
/// gradients are all zero.
protocol WeightGradientSaliency {
  /// The score from the scored weights and the pass that holds their gradients.
  static func saliency<Scalar: TensorScalar>(
    of weights: [Parameter<Scalar>], in pass: ForwardPass<Scalar>
  ) -> Double
}

extension GradientScoring {
  /// Scores `network` with `Saliency`'s reduction in `precision`: checks the input,
  /// builds and initialises the network, runs the labelled forward and backward pass.
  static func saliencyScore<Saliency: WeightGradientSaliency>(
    _ saliency: Saliency.Type, of network: NetworkBuilder, on input: ProxyInput, seed: UInt64,
    precision: GradientPrecision, proxy: String
  ) -> ProxyScore {
    do {
      let batch = try images(input, for: network, proxy: proxy)
      guard network.dependsOnInput else { return ProxyScore(0) }
      let value =
        switch precision {
        case .float32:
          try saliencyValue(saliency, of: network, batch: batch, seed: seed, as: Float.self)
        case .float64:
          try saliencyValue(saliency, of: network, batch: batch, seed: seed, as: Double.self)
        }
      return ProxyScore(value, ifNotFinite: "the loss gradient overflowed")
    } catch {
      return .failed(error.reason)
    }
  }

  /// The saliency of `network` in `Scalar` precision.
  static func saliencyValue<Saliency: WeightGradientSaliency, Scalar: TensorScalar>(
    _ saliency: Saliency.Type, of network: NetworkBuilder, batch: ImageBatch, seed: UInt64,
    as scalar: Scalar.Type
  ) throws(ProxyFailure) -> Double {
    let model = try self.network(network, seed: seed, as: Scalar.self)
    try checkChannels(of: batch, for: model)
    let pass = crossEntropyPass(model, on: batch)
    return Saliency.saliency(of: scoredWeights(model), in: pass)
  }
}
