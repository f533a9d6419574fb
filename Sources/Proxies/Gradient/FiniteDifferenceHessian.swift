import Networks

/// Hessian-vector products of a network's loss with respect to some of its weights.
///
/// GraSP needs `H·v` at the weights `θ` where the gradient `∇L(θ)` is already known.
/// The engine's tape is first order (no double backward), so it is a one-sided
/// difference of gradients, forward or backward:
///
///     H·v ≈ ±(∇L(θ ± εv) − ∇L(θ)) / ε
///
/// PyTorch's exact `autograd.grad(…, create_graph=True)` treats every ReLU as linear on
/// its side of the kink (ReLU'' = 0). A quotient whose two points put a ReLU input on
/// opposite sides of 0 picks up the kink instead: the gradient jumps by an O(1) amount,
/// divided by ε. On NB201 (≈3·10⁷ ReLU inputs for a batch of 64) the number of such
/// flips is proportional to ε (measured: ≈1 flip at ε = 1e-8·‖θ‖/‖v‖), and one flip can
/// change GraSP a thousandfold. So each ReLU input of the shifted pass is compared by
/// sign with the pass at `θ` (an ``ActivationObserver``): when any differs, the other
/// direction is tried (a unit next to its kink moves away from it on the other side),
/// then a 16 times smaller ε. With no flip, every ReLU is linear on the segment, the loss
/// is smooth there (batch norm, average pooling and softmax cross-entropy are), and the
/// quotient equals the autograd product up to O(ε) truncation (≈ ε/‖θ‖ relative) and the
/// rounding of `Double` gradients divided by ε (measured: a few 1e-6 relative at the default
/// step). Max-pool winner changes (NB101) are not detected.
///
/// The first step is `relativeStep · max(1, ‖θ‖) / ‖v‖`.
struct FiniteDifferenceHessian<Scalar: TensorScalar> {
  /// The result of one product.
  struct Product {
    /// `H·v`, one tensor per weight; nil when every step tried flipped some ReLU.
    var values: [Tensor<Scalar>]?
    /// The step ε of the accepted difference (negative for a backward difference).
    var step: Double
    /// How many shifted passes were computed.
    var passes: Int
    /// ReLU inputs whose sign differed from the pass at `θ`, summed over the rejected
    /// passes.
    var rejectedFlips: Int
  }

  /// `ε / (max(1, ‖θ‖) / ‖v‖)` of the first pass.
  var relativeStep: Double = 1e-10
  /// Step sizes tried (each in both directions) before giving up.
  var maximumSteps = 3

  /// `H·v` for the loss `loss(pass)` with respect to `weights` at their current values
  /// `θ`, which are restored afterwards.
  ///
  /// - Parameters:
  ///   - weights: The weights `θ`.
  ///   - gradient: `∇L(θ)`, one tensor per weight.
  ///   - pattern: The ReLU signs of the pass that computed `gradient`.
  ///   - direction: `v`, one tensor per weight.
  ///   - batchNorm: The batch-norm mode of the shifted passes.
  ///   - loss: Computes the loss within a recording pass.
  /// - Returns: `H·v` with the accepted step, or nil values when every step flipped a
  ///   ReLU.
  func product(
    weights: [Parameter<Scalar>], gradient: [Tensor<Scalar>], pattern: ReLUPattern<Scalar>,
    direction: [Tensor<Scalar>], batchNorm: BatchNormMode,
    loss: (ForwardPass<Scalar>) -> Tensor<Scalar>
  ) -> Product {
    precondition(
      weights.count == direction.count && weights.count == gradient.count,
      "one gradient and one direction tensor per weight")
    let originals = weights.map(\.value)
    let thetaNorm = Self.norm(originals)
    let directionNorm = Self.norm(direction)
    guard directionNorm > 0 else {
      return Product(
        values: originals.map { Tensor(zeros: $0.shape) }, step: 0, passes: 0, rejectedFlips: 0)
    }
    defer { for (weight, theta) in zip(weights, originals) { weight.value = theta } }
    var step = relativeStep * max(1, thetaNorm) / directionNorm
    var passes = 0
    var rejected = 0
    for _ in 0..<maximumSteps {
      for signedStep in [step, -step] {
        shift(weights, from: originals, along: direction, by: signedStep)
        pattern.beginComparison()
        let pass = ForwardPass<Scalar>(
          recordsGradients: true, batchNorm: batchNorm, observer: pattern)
        pass.backward(from: loss(pass))
        passes += 1
        guard pattern.flips == 0 else {
          rejected += pattern.flips
          continue
        }
        let scale = Scalar(1 / signedStep)
        let values = zip(weights, gradient).map { weight, base in
          var difference = pass.gradient(of: weight) ?? Tensor(zeros: weight.shape)
          difference.withUnsafeMutableBufferPointer { d in
            base.withUnsafeBufferPointer { g in
              for index in d.indices { d[index] = (d[index] - g[index]) * scale }
            }
          }
          return difference
        }
        return Product(values: values, step: signedStep, passes: passes, rejectedFlips: rejected)
      }
      step /= 16
    }
    return Product(values: nil, step: step * 16, passes: passes, rejectedFlips: rejected)
  }

  /// Sets each weight to `θ + step·v`.
  private func shift(
    _ weights: [Parameter<Scalar>], from originals: [Tensor<Scalar>],
    along direction: [Tensor<Scalar>], by step: Double
  ) {
    let factor = Scalar(step)
    for (weight, (theta, v)) in zip(weights, zip(originals, direction)) {
      var shifted = theta
      shifted.withUnsafeMutableBufferPointer { s in
        v.withUnsafeBufferPointer { d in
          for index in s.indices { s[index] += factor * d[index] }
        }
      }
      weight.value = shifted
    }
  }

  /// The Euclidean norm of all elements of `tensors`, in `Double`.
  static func norm(_ tensors: [Tensor<Scalar>]) -> Double {
    var squares = 0.0
    for tensor in tensors {
      tensor.withUnsafeBufferPointer { t in
        for x in t { squares += Double(x) * Double(x) }
      }
    }
    return squares.squareRoot()
  }
}

/// The signs of every ReLU input of one pass (bit-packed `x > 0`, in point order), and
/// the count of units whose sign differs in a later pass of the same network.
final class ReLUPattern<Scalar: TensorScalar>: ActivationObserver {
  /// Units whose sign differed from the recorded pass in the current comparison.
  private(set) var flips = 0
  private var patterns: [[UInt64]] = []
  private var isComparing = false
  private var compared = 0

  /// Compares the following pass with the recorded one (from zero flips).
  func beginComparison() {
    isComparing = true
    flips = 0
    compared = 0
  }

  func observe(_ activation: Tensor<Scalar>, at point: ObservationPoint) {
    guard point.kind == .reluInput else { return }
    let words = ActivationKernels.positiveBits(activation)
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
