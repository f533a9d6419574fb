extension ForwardPass {
  /// `a + b` element-wise; the shapes must be equal.
  public func add(_ a: Tensor<Scalar>, _ b: Tensor<Scalar>) -> Tensor<Scalar> {
    weightedSum([a, b], weights: [1, 1])
  }

  /// `a − b` element-wise; the shapes must be equal.
  public func subtract(_ a: Tensor<Scalar>, _ b: Tensor<Scalar>) -> Tensor<Scalar> {
    weightedSum([a, b], weights: [1, -1])
  }

  /// `Σ weights[k] · terms[k]` element-wise, in one pass over the terms.
  ///
  /// Each product is formed as PyTorch would (`0 · NaN = NaN`, `0 · ∞ = NaN`), so a
  /// zero weight reproduces NB201's `none` operation, `x.mul(0.)`, exactly. The sum is
  /// accumulated left to right.
  ///
  /// - Precondition: at least one term; equal shapes; one weight per term.
  public func weightedSum(_ terms: [Tensor<Scalar>], weights: [Scalar]) -> Tensor<Scalar> {
    precondition(!terms.isEmpty && terms.count == weights.count, "weightedSum arity")
    let shape = terms[0].shape
    for term in terms {
      precondition(term.shape == shape, "weightedSum of shapes \(shape) and \(term.shape)")
    }
    let count = terms[0].scalarCount
    var output = Tensor<Scalar>(uninitializedShape: shape)
    let pointers = terms.map { UnsafePointer($0.storage.base) }
    pointers.withUnsafeBufferPointer { pointers in
      weights.withUnsafeBufferPointer { weights in
        Scalar.weightedSum(
          pointers, weights: weights, into: output.storage.base, count: count)
      }
    }
    if shouldRecord(terms) {
      record(&output, inputs: terms) { gradient, needed in
        var scaled: [Scalar: Tensor<Scalar>] = [1: gradient]
        return zip(needed, weights).map { isNeeded, weight in
          guard isNeeded else { return nil }
          if let done = scaled[weight] { return done }
          let result = Tensor<Scalar>(uninitializedShape: gradient.shape)
          Scalar.scale(
            weight, gradient.storage.base, result.storage.base, count: gradient.scalarCount)
          scaled[weight] = result
          return result
        }
      }
    }
    return output
  }

  /// `a ⊙ b` element-wise; the shapes must be equal.
  public func multiply(_ a: Tensor<Scalar>, _ b: Tensor<Scalar>) -> Tensor<Scalar> {
    precondition(a.shape == b.shape, "multiply of shapes \(a.shape) and \(b.shape)")
    var output = Tensor<Scalar>(uninitializedShape: a.shape)
    Scalar.multiply(
      a.storage.base, b.storage.base, output.storage.base, count: a.scalarCount)
    if shouldRecord(a, b) {
      record(&output, inputs: [a, b]) { gradient, needed in
        var result: [Tensor<Scalar>?] = [nil, nil]
        for (k, other) in [(0, b), (1, a)] where needed[k] {
          let product = Tensor<Scalar>(uninitializedShape: gradient.shape)
          Scalar.multiply(
            gradient.storage.base, other.storage.base, product.storage.base,
            count: gradient.scalarCount)
          result[k] = product
        }
        return result
      }
    }
    return output
  }

  /// `factor · x` element-wise (with `factor = 0` this is PyTorch's `x.mul(0.)`).
  public func scale(_ input: Tensor<Scalar>, by factor: Scalar) -> Tensor<Scalar> {
    weightedSum([input], weights: [factor])
  }

  /// The sum of all elements, as a tensor of shape `[]` (synflow's `R = Σ outputs`).
  public func sum(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
    var output = Tensor<Scalar>(
      shape: [], scalars: [Scalar.sum(input.storage.base, count: input.scalarCount)])
    if shouldRecord(input) {
      record(&output, inputs: [input]) { gradient, _ in
        [Tensor(repeating: gradient.storage.base[0], shape: input.shape)]
      }
    }
    return output
  }

  /// The same elements with another shape of equal element count (shares memory).
  public func reshape(_ input: Tensor<Scalar>, to shape: [Int]) -> Tensor<Scalar> {
    precondition(
      Tensor<Scalar>.elementCount(shape) == input.scalarCount,
      "cannot reshape \(input.shape) to \(shape)")
    var output = Tensor(shape: shape, storage: input.storage)
    if shouldRecord(input) {
      let original = input.shape
      record(&output, inputs: [input]) { gradient, _ in
        [Tensor(shape: original, storage: gradient.storage)]
      }
    }
    return output
  }
}
