extension ForwardPass {
  /// Rows `range` of `input` along its first dimension: `[n, ...]` to
  /// `[range.count, ...]` (one time step of a time-major sequence, for example).
  ///
  /// The rows are contiguous, so the result is one copy; the gradient is zero outside
  /// the range.
  ///
  /// - Precondition: `input` has rank ≥ 1 and `range` lies within its first dimension.
  public func rows(_ input: Tensor<Scalar>, _ range: Range<Int>) -> Tensor<Scalar> {
    precondition(input.rank >= 1, "rows of a scalar")
    let total = input.shape[0]
    precondition(
      range.lowerBound >= 0 && range.upperBound <= total, "rows \(range) outside 0..<\(total)")
    let inner = input.shape.dropFirst().reduce(1, *)
    var shape = input.shape
    shape[0] = range.count
    var output = Tensor<Scalar>(uninitializedShape: shape)
    (output.storage.base).update(
      from: input.storage.base + range.lowerBound * inner, count: range.count * inner)
    if shouldRecord(input) {
      record(&output, inputs: [input]) { gradient, _ in
        let inputGradient = Tensor<Scalar>(zeros: input.shape)
        (inputGradient.storage.base + range.lowerBound * inner).update(
          from: gradient.storage.base, count: range.count * inner)
        return [inputGradient]
      }
    }
    return output
  }

  /// Stacks tensors of equal shape `s` along a new first dimension: `[count] + s`
  /// (the outputs of every time step into a time-major sequence, for example).
  ///
  /// - Precondition: at least one tensor; all shapes equal.
  public func stack(_ tensors: [Tensor<Scalar>]) -> Tensor<Scalar> {
    precondition(!tensors.isEmpty, "stacking no tensors")
    let shape = tensors[0].shape
    for tensor in tensors {
      precondition(tensor.shape == shape, "cannot stack \(tensor.shape) with \(shape)")
    }
    let block = tensors[0].scalarCount
    var output = Tensor<Scalar>(uninitializedShape: [tensors.count] + shape)
    for (k, tensor) in tensors.enumerated() {
      (output.storage.base + k * block).update(from: tensor.storage.base, count: block)
    }
    if shouldRecord(tensors) {
      record(&output, inputs: tensors) { gradient, needed in
        (0..<tensors.count).map { k in
          guard needed[k] else { return nil }
          let part = Tensor<Scalar>(uninitializedShape: shape)
          part.storage.base.update(from: gradient.storage.base + k * block, count: block)
          return part
        }
      }
    }
    return output
  }

  /// `count` copies of `vector` as the rows of a matrix, `[n]` to `[count, n]`.
  ///
  /// A bias for every sample of a batch, for example. The gradient sums the rows.
  public func repeatRows(_ vector: Tensor<Scalar>, count: Int) -> Tensor<Scalar> {
    precondition(vector.rank == 1 && count >= 0, "repeatRows of \(vector.shape)")
    let width = vector.scalarCount
    var output = Tensor<Scalar>(uninitializedShape: [count, width])
    for row in 0..<count {
      (output.storage.base + row * width).update(from: vector.storage.base, count: width)
    }
    if shouldRecord(vector) {
      record(&output, inputs: [vector]) { gradient, _ in
        let sum = Tensor<Scalar>(zeros: [width])
        for row in 0..<count {
          Scalar.addScaled(
            1, gradient.storage.base + row * width, into: sum.storage.base, count: width)
        }
        return [sum]
      }
    }
    return output
  }
}
