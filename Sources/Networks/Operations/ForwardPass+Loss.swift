extension ForwardPass {
  /// The mean over the batch of the softmax cross-entropy between `logits[N, K]` and
  /// integer class `labels` (PyTorch's `F.cross_entropy` with mean reduction), as a
  /// tensor of shape `[]`.
  ///
  /// - Precondition: one label per row, each in `0..<K`.
  public func crossEntropy(_ logits: Tensor<Scalar>, labels: [Int]) -> Tensor<Scalar> {
    precondition(logits.rank == 2, "cross-entropy logits must be [N, K], got \(logits.shape)")
    let (rows, classes) = (logits.shape[0], logits.shape[1])
    precondition(labels.count == rows, "\(labels.count) labels for \(rows) rows")
    let probabilities = Tensor<Scalar>(uninitializedShape: logits.shape)
    var total: Scalar = 0
    for row in 0..<rows {
      let label = labels[row]
      precondition(label >= 0 && label < classes, "label \(label) ∉ 0..<\(classes)")
      let z = logits.storage.base + row * classes
      let p = probabilities.storage.base + row * classes
      var largest = z[0]
      for k in 1..<classes where z[k] > largest || z[k].isNaN { largest = z[k] }
      var normaliser: Scalar = 0
      for k in 0..<classes {
        p[k] = Scalar.exponential(z[k] - largest)
        normaliser += p[k]
      }
      for k in 0..<classes { p[k] /= normaliser }
      total += largest + Scalar.logarithm(normaliser) - z[label]
    }
    var output = Tensor<Scalar>(shape: [], scalars: [total / Scalar(rows)])
    if shouldRecord(logits) {
      record(&output, inputs: [logits]) { gradient, _ in
        let factor = gradient.storage.base[0] / Scalar(rows)
        let logitsGradient = Tensor<Scalar>(uninitializedShape: logits.shape)
        for row in 0..<rows {
          let p = probabilities.storage.base + row * classes
          let g = logitsGradient.storage.base + row * classes
          for k in 0..<classes { g[k] = factor * p[k] }
          g[labels[row]] -= factor
        }
        return [logitsGradient]
      }
    }
    return output
  }
}
