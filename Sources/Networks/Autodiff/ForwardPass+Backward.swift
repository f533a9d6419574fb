extension ForwardPass {
  /// Replays the tape backwards from `output`, computing the gradient of
  /// `Σ seed ⊙ output` with respect to every tracked leaf (parameters, tensors from
  /// ``requiringGradient(_:)``) and every observed point whose gradient was wanted.
  ///
  /// Gradients of intermediate values are freed as soon as they have been propagated;
  /// the tape itself is released at the end, so a pass runs backward once.
  ///
  /// - Parameters:
  ///   - output: A tensor this pass computed from tracked values.
  ///   - seed: The output's cotangent; defaults to ones (so a scalar loss gets
  ///     `dL/dL = 1`).
  /// - Precondition: the pass records gradients, `output` is tracked, and backward has
  ///   not run yet.
  public func backward(from output: Tensor<Scalar>, seed: Tensor<Scalar>? = nil) {
    precondition(recordsGradients, "backward needs ForwardPass(recordsGradients: true)")
    precondition(!hasRunBackward, "backward already ran on this pass")
    precondition(
      isTracked(output), "backward from a tensor that depends on no tracked value")
    let seed = seed ?? Tensor(repeating: 1, shape: output.shape)
    precondition(seed.shape == output.shape, "seed \(seed.shape) for output \(output.shape)")
    gradients = Array(repeating: nil, count: nodeShapes.count)
    if let node = output.node?.index { gradients[node] = seed }

    let entries = tape
    tape = []
    for entry in entries.reversed() {
      guard let gradient = gradients[entry.output] else { continue }
      if !retainedNodes.contains(entry.output) { gradients[entry.output] = nil }
      let needed = entry.inputs.map { $0 >= 0 }
      let inputGradients = entry.backward(gradient, needed)
      precondition(inputGradients.count == entry.inputs.count, "gradient rule arity")
      for (node, inputGradient) in zip(entry.inputs, inputGradients) where node >= 0 {
        if let inputGradient { accumulate(inputGradient, into: node) }
      }
    }
    hasRunBackward = true

    if let observer {
      for (node, point, activation) in observedForGradient {
        let gradient = gradients[node] ?? Tensor(zeros: activation.shape)
        observer.observe(activation, gradient: gradient, at: point)
      }
    }
    observedForGradient = []
  }

  /// The gradient of the backward output with respect to a tracked leaf `tensor`.
  ///
  /// `tensor` must come from ``requiringGradient(_:)`` or ``parameter(_:)`` of this
  /// pass. Zeros when the output does not depend on it; nil before backward or for a
  /// tensor this pass does not track.
  public func gradient(of tensor: Tensor<Scalar>) -> Tensor<Scalar>? {
    guard hasRunBackward, let node = tensor.node, node.pass == identifier,
      retainedNodes.contains(node.index)
    else { return nil }
    return gradients[node.index] ?? Tensor(zeros: nodeShapes[node.index])
  }

  /// The gradient of the backward output with respect to `parameter`: zeros when the
  /// output does not depend on it, nil when this pass never used it or before backward.
  public func gradient(of parameter: Parameter<Scalar>) -> Tensor<Scalar>? {
    guard hasRunBackward, let node = parameterNodes[ObjectIdentifier(parameter)] else {
      return nil
    }
    return gradients[node] ?? Tensor(zeros: nodeShapes[node])
  }

  /// Adds `gradient` to the gradient accumulated for `node`, in place when possible.
  private func accumulate(_ gradient: Tensor<Scalar>, into node: Int) {
    precondition(
      gradient.shape == nodeShapes[node],
      "gradient of shape \(gradient.shape) for a node of shape \(nodeShapes[node])")
    guard var existing = gradients[node] else {
      var fresh = gradient
      fresh.node = nil
      gradients[node] = fresh
      return
    }
    gradients[node] = nil
    if isKnownUniquelyReferenced(&existing.storage) {
      Scalar.addScaled(
        1, gradient.storage.base, into: existing.storage.base, count: existing.scalarCount)
      gradients[node] = existing
    } else {
      var sum = Tensor<Scalar>(uninitializedShape: existing.shape)
      Scalar.add(
        existing.storage.base, gradient.storage.base, sum.storage.base,
        count: sum.scalarCount)
      sum.node = nil
      gradients[node] = sum
    }
  }
}
