import Networks

extension Layer {
  /// Sets every weight of the network to one shared value, as epsinas's
  /// `initialize_weights` does with `torch.nn.init.constant_`: every module with a
  /// `weight` (convolutions, linear layers, affine batch norms, embeddings) gets
  /// `weight`, every `bias` (including batch-norm shifts) gets 0.
  func setSharedWeight(_ weight: Double) {
    for parameter in parameters {
      switch parameter.kind {
      case .convolutionWeight, .linearWeight, .batchNormScale, .embedding:
        parameter.value = Tensor(repeating: Scalar(weight), shape: parameter.shape)
      case .bias, .batchNormShift:
        parameter.value = Tensor(zeros: parameter.shape)
      }
    }
  }
}
