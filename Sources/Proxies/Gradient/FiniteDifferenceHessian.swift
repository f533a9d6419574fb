import Networks

/// Hessian-vector products of a network's loss with respect to some of its weights.
///
/// GraSP needs `H·v`; it is a central difference of gradients:
///
///     H·v ≈ (∇L(θ + εv) − ∇L(θ − εv)) / 2ε
///
/// The engine's tape is first order (no double backward), and PyTorch's exact
/// `autograd.grad(…, create_graph=True)` treats ReLU as linear on each side of its kink
/// (ReLU'' = 0). A difference quotient whose two points put some ReLU input on opposite
/// sides of 0 picks up that kink: the gradient jumps by an O(1) amount, divided by 2ε.
/// So every ReLU input of both passes is compared by sign (through an
/// ``ActivationObserver``), and while any unit flips, ε shrinks 16-fold and the pair is
/// recomputed. With no flip, every ReLU is linear on the whole segment, the loss is
/// smooth there (batch norm, average pooling and softmax cross-entropy are), and the
/// quotient equals the autograd product up to O(ε²) truncation and the rounding of
/// `Double` gradients (≈ 1e-16·‖∇L‖/ε). Max-pool winner changes (NB101) are not detected.
///
/// The starting step is `relativeStep · max(1, ‖θ‖) / ‖v‖`.
struct FiniteDifferenceHessian<Scalar: TensorScalar> {
  /// The result of one product.
  struct Product {
    /// `H·v`, one tensor per weight.
    var values: [Tensor<Scalar>]
    /// The step ε of the accepted pair.
    var step: Double
    /// How many pairs of passes were computed (1 when the first step had no flip).
    var attempts: Int
    /// ReLU inputs whose sign still differed between the accepted pair's passes (0
    /// unless every attempt flipped some).
    var flippedUnits: Int
  }

  /// `ε / (max(1, ‖θ‖) / ‖v‖)` of the first attempt.
  var relativeStep: Double = 1e-6
  /// Pairs of passes tried before accepting one with flips.
  var maximumAttempts = 4

  /// `H·v` for the loss `loss(pass)` with respect to `weights` at their current values,
  /// which are restored afterwards.
  func product(
    weights: [Parameter<Scalar>], direction: [Tensor<Scalar>], batchNorm: BatchNormMode,
    loss: (ForwardPass<Scalar>) -> Tensor<Scalar>
  ) -> Product {
    precondition(weights.count == direction.count, "one direction tensor per weight")
    let originals = weights.map(\.value)
    var thetaSquares = 0.0
    var directionSquares = 0.0
    for (theta, v) in zip(originals, direction) {
      precondition(theta.shape == v.shape, "direction shape \(v.shape) for \(theta.shape)")
      theta.withUnsafeBufferPointer { t in thetaSquares += t.reduce(0) { $0 + Double($1 * $1) } }
      v.withUnsafeBufferPointer { d in directionSquares += d.reduce(0) { $0 + Double($1 * $1) } }
    }
    guard directionSquares > 0 else {
      return Product(
        values: originals.map { Tensor(zeros: $0.shape) }, step: 0, attempts: 0, flippedUnits: 0)
    }
    var step =
      relativeStep * max(1, thetaSquares.squareRoot()) / directionSquares.squareRoot()
    var attempt = 0
    var plus: [Tensor<Scalar>] = []
    var minus: [Tensor<Scalar>] = []
    var flips = 0
    repeat {
      attempt += 1
      let recorder = ReLUPatternRecorder<Scalar>()
      plus = gradients(weights, originals, direction, step, batchNorm, recorder, loss)
      recorder.isComparing = true
      minus = gradients(weights, originals, direction, -step, batchNorm, recorder, loss)
      flips = recorder.flips
      if flips > 0 && attempt < maximumAttempts { step /= 16 }
    } while flips > 0 && attempt < maximumAttempts
    for (weight, theta) in zip(weights, originals) { weight.value = theta }

    let scale = Scalar(1 / (2 * step))
    let values = zip(plus, minus).map { up, down in
      var difference = up
      difference.withUnsafeMutableBufferPointer { d in
        down.withUnsafeBufferPointer { m in
          for index in d.indices { d[index] = (d[index] - m[index]) * scale }
        }
      }
      return difference
    }
    return Product(values: values, step: step, attempts: attempt, flippedUnits: flips)
  }

  /// The loss gradients at `θ + shift·v`.
  private func gradients(
    _ weights: [Parameter<Scalar>], _ originals: [Tensor<Scalar>], _ direction: [Tensor<Scalar>],
    _ shift: Double, _ batchNorm: BatchNormMode, _ recorder: ReLUPatternRecorder<Scalar>,
    _ loss: (ForwardPass<Scalar>) -> Tensor<Scalar>
  ) -> [Tensor<Scalar>] {
    let factor = Scalar(shift)
    for (weight, (theta, v)) in zip(weights, zip(originals, direction)) {
      var shifted = theta
      shifted.withUnsafeMutableBufferPointer { s in
        v.withUnsafeBufferPointer { d in
          for index in s.indices { s[index] += factor * d[index] }
        }
      }
      weight.value = shifted
    }
    let pass = ForwardPass<Scalar>(
      recordsGradients: true, batchNorm: batchNorm, observer: recorder)
    pass.backward(from: loss(pass))
    return weights.map { pass.gradient(of: $0) ?? Tensor(zeros: $0.shape) }
  }
}

/// Records which ReLU inputs are positive in one pass, then counts the units whose sign
/// differs in the next.
final class ReLUPatternRecorder<Scalar: TensorScalar>: ActivationObserver {
  /// False while recording the first pass, true while comparing the second.
  var isComparing = false
  /// Units whose sign differed so far.
  private(set) var flips = 0
  /// Bit-packed `x > 0` of every ReLU input of the recorded pass, in point order.
  private var patterns: [[UInt64]] = []
  private var compared = 0

  func observe(_ activation: Tensor<Scalar>, at point: ObservationPoint) {
    guard point.kind == .reluInput else { return }
    let words = activation.withUnsafeBufferPointer { x in
      var words = [UInt64](repeating: 0, count: (x.count + 63) / 64)
      for index in x.indices where x[index] > 0 {
        words[index >> 6] |= 1 << UInt64(index & 63)
      }
      return words
    }
    guard isComparing else {
      patterns.append(words)
      return
    }
    defer { compared += 1 }
    guard compared < patterns.count, patterns[compared].count == words.count else {
      flips += activation.scalarCount
      return
    }
    for (a, b) in zip(patterns[compared], words) { flips += (a ^ b).nonzeroBitCount }
  }
}
