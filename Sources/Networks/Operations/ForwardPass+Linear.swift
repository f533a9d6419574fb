extension ForwardPass {
  /// `input · weightᵀ + bias` over the last dimension: `input[..., in]`,
  /// `weight[out, in]`, `bias[out]` give `[..., out]` (PyTorch's `nn.Linear`).
  ///
  /// Reports its output as a ``ObservationPoint/Kind/linearOutput`` point and adds
  /// its multiply-accumulates to ``multiplyAccumulates``.
  public func linear(
    _ input: Tensor<Scalar>, weight: Tensor<Scalar>, bias: Tensor<Scalar>? = nil
  ) -> Tensor<Scalar> {
    precondition(input.rank >= 1 && weight.rank == 2, "linear \(input.shape) × \(weight.shape)")
    let (outFeatures, inFeatures) = (weight.shape[0], weight.shape[1])
    precondition(
      input.shape.last == inFeatures,
      "linear weight \(weight.shape) does not take inputs of shape \(input.shape)")
    if let bias { precondition(bias.shape == [outFeatures], "linear bias \(bias.shape)") }
    let rows = input.scalarCount / max(1, inFeatures)
    var output = Tensor<Scalar>(uninitializedShape: input.shape.dropLast() + [outFeatures])
    Scalar.gemm(
      transposeA: false, transposeB: true, m: rows, n: outFeatures, k: inFeatures,
      alpha: 1, a: input.storage.base, lda: inFeatures, b: weight.storage.base, ldb: inFeatures,
      beta: 0, c: output.storage.base, ldc: outFeatures)
    if let bias {
      for row in 0..<rows {
        Scalar.addScaled(
          1, bias.storage.base, into: output.storage.base + row * outFeatures,
          count: outFeatures)
      }
    }
    multiplyAccumulates += rows * inFeatures * outFeatures

    var inputs = [input, weight]
    if let bias { inputs.append(bias) }
    if shouldRecord(inputs) {
      record(&output, inputs: inputs) { gradient, needed in
        var inputGradient: Tensor<Scalar>?
        if needed[0] {
          let result = Tensor<Scalar>(uninitializedShape: input.shape)
          Scalar.gemm(
            transposeA: false, transposeB: false, m: rows, n: inFeatures, k: outFeatures,
            alpha: 1, a: gradient.storage.base, lda: outFeatures, b: weight.storage.base,
            ldb: inFeatures, beta: 0, c: result.storage.base, ldc: inFeatures)
          inputGradient = result
        }
        var weightGradient: Tensor<Scalar>?
        if needed[1] {
          let result = Tensor<Scalar>(uninitializedShape: weight.shape)
          Scalar.gemm(
            transposeA: true, transposeB: false, m: outFeatures, n: inFeatures, k: rows,
            alpha: 1, a: gradient.storage.base, lda: outFeatures, b: input.storage.base,
            ldb: inFeatures, beta: 0, c: result.storage.base, ldc: inFeatures)
          weightGradient = result
        }
        var gradients = [inputGradient, weightGradient]
        if needed.count == 3 {
          var biasGradient: Tensor<Scalar>?
          if needed[2] {
            let result = Tensor<Scalar>(zeros: [outFeatures])
            for row in 0..<rows {
              Scalar.addScaled(
                1, gradient.storage.base + row * outFeatures, into: result.storage.base,
                count: outFeatures)
            }
            biasGradient = result
          }
          gradients.append(biasGradient)
        }
        return gradients
      }
    }
    return observe(output, as: .linearOutput, weightsPerChannel: inFeatures)
  }

  /// Rows of `table[vocabulary, dimension]` picked by `indices` (PyTorch's `nn.Embedding`).
  ///
  /// The result has shape `shape + [dimension]`. The gradient adds each output row's
  /// gradient into its table row.
  ///
  /// - Precondition: `indices` has `shape`'s element count and every index is a row of
  ///   the table.
  public func embedding(
    _ table: Tensor<Scalar>, indices: [Int], shape: [Int]
  ) -> Tensor<Scalar> {
    precondition(table.rank == 2, "embedding table must be [vocabulary, dimension]")
    precondition(indices.count == Tensor<Scalar>.elementCount(shape), "embedding index count")
    let (vocabulary, dimension) = (table.shape[0], table.shape[1])
    var output = Tensor<Scalar>(uninitializedShape: shape + [dimension])
    for (row, index) in indices.enumerated() {
      precondition(index >= 0 && index < vocabulary, "embedding index \(index) ∉ 0..<\(vocabulary)")
      ElementwiseKernels.copy(
        table.storage.base + index * dimension, to: output.storage.base + row * dimension,
        count: dimension)
    }
    if shouldRecord(table) {
      record(&output, inputs: [table]) { gradient, _ in
        let tableGradient = Tensor<Scalar>(zeros: table.shape)
        for (row, index) in indices.enumerated() {
          Scalar.addScaled(
            1, gradient.storage.base + row * dimension,
            into: tableGradient.storage.base + index * dimension, count: dimension)
        }
        return [tableGradient]
      }
    }
    return output
  }
}
