extension ForwardPass {
  /// Joins tensors along dimension 1 (channels of NCHW, features of `[N, F]`); all
  /// other dimensions must agree.
  public func concatenateChannels(_ tensors: [Tensor<Scalar>]) -> Tensor<Scalar> {
    precondition(!tensors.isEmpty, "concatenating no tensors")
    let first = tensors[0]
    precondition(first.rank >= 2, "concatenation needs rank ≥ 2, got \(first.shape)")
    for tensor in tensors {
      precondition(
        tensor.rank == first.rank && tensor.shape[0] == first.shape[0]
          && Array(tensor.shape.dropFirst(2)) == Array(first.shape.dropFirst(2)),
        "cannot concatenate \(tensor.shape) with \(first.shape) along channels")
    }
    let batch = first.shape[0]
    let inner = first.shape.dropFirst(2).reduce(1, *)
    let channels = tensors.map { $0.shape[1] }
    let total = channels.reduce(0, +)
    var shape = first.shape
    shape[1] = total
    var output = Tensor<Scalar>(uninitializedShape: shape)
    var offset = 0
    for (tensor, count) in zip(tensors, channels) {
      let block = count * inner
      for n in 0..<batch {
        ElementwiseKernels.copy(
          tensor.storage.base + n * block, to: output.storage.base + (n * total + offset) * inner,
          count: block)
      }
      offset += count
    }
    if shouldRecord(tensors) {
      record(&output, inputs: tensors) { gradient, needed in
        var offset = 0
        return zip(tensors, channels).enumerated().map { k, pair in
          let (tensor, count) = pair
          defer { offset += count }
          guard needed[k] else { return nil }
          let part = Tensor<Scalar>(uninitializedShape: tensor.shape)
          let block = count * inner
          for n in 0..<batch {
            ElementwiseKernels.copy(
              gradient.storage.base + (n * total + offset) * inner,
              to: part.storage.base + n * block, count: block)
          }
          return part
        }
      }
    }
    return output
  }

  /// Channels `range` of `input` along dimension 1 (NB101 truncates projections this
  /// way); the gradient is zero outside the range.
  public func sliceChannels(_ input: Tensor<Scalar>, _ range: Range<Int>) -> Tensor<Scalar> {
    precondition(input.rank >= 2, "channel slice needs rank ≥ 2, got \(input.shape)")
    let total = input.shape[1]
    precondition(
      range.lowerBound >= 0 && range.upperBound <= total,
      "channels \(range) outside 0..<\(total)")
    let batch = input.shape[0]
    let inner = input.shape.dropFirst(2).reduce(1, *)
    var shape = input.shape
    shape[1] = range.count
    var output = Tensor<Scalar>(uninitializedShape: shape)
    let block = range.count * inner
    for n in 0..<batch {
      ElementwiseKernels.copy(
        input.storage.base + (n * total + range.lowerBound) * inner,
        to: output.storage.base + n * block, count: block)
    }
    if shouldRecord(input) {
      record(&output, inputs: [input]) { gradient, _ in
        let inputGradient = Tensor<Scalar>(zeros: input.shape)
        for n in 0..<batch {
          ElementwiseKernels.copy(
            gradient.storage.base + n * block,
            to: inputGradient.storage.base + (n * total + range.lowerBound) * inner, count: block)
        }
        return [inputGradient]
      }
    }
    return output
  }
}
