import Networks

/// The element loops of the gradient scorers' observers, compiled for `Float` and
/// `Double`.
///
/// Observers are generic classes called through the engine's `any ActivationObserver`,
/// so their methods run unspecialised: a generic `Double(x)` or `x > 0` per element
/// went through dynamic casts and made fisher three times slower than snip. Each
/// observer casts its tensors once per layer and calls these concrete functions.
enum ActivationKernels {
  /// For `activation` and `gradient` `[N, C, …]`: `Σ_n (Σ_rest a·g)²` per channel `C`.
  static func squaredChannelDots<Scalar: TensorScalar>(
    _ activation: Tensor<Scalar>, _ gradient: Tensor<Scalar>
  ) -> [Double] {
    if let a = activation as? Tensor<Float>, let g = gradient as? Tensor<Float> {
      return squaredChannelDots(float: a, g)
    }
    if let a = activation as? Tensor<Double>, let g = gradient as? Tensor<Double> {
      return squaredChannelDots(double: a, g)
    }
    return squaredChannelDotsGeneric(activation, gradient)
  }

  /// Bit-packed `x > 0` of every element.
  static func positiveBits<Scalar: TensorScalar>(_ tensor: Tensor<Scalar>) -> [UInt64] {
    if let x = tensor as? Tensor<Float> { return positiveBits(float: x) }
    if let x = tensor as? Tensor<Double> { return positiveBits(double: x) }
    return positiveBitsGeneric(tensor)
  }

  private static func squaredChannelDots(float a: Tensor<Float>, _ g: Tensor<Float>) -> [Double] {
    squaredChannelDotsGeneric(a, g)
  }

  private static func squaredChannelDots(double a: Tensor<Double>, _ g: Tensor<Double>)
    -> [Double]
  {
    squaredChannelDotsGeneric(a, g)
  }

  private static func positiveBits(float x: Tensor<Float>) -> [UInt64] { positiveBitsGeneric(x) }

  private static func positiveBits(double x: Tensor<Double>) -> [UInt64] { positiveBitsGeneric(x) }

  @inline(__always)
  private static func squaredChannelDotsGeneric<Scalar: TensorScalar>(
    _ activation: Tensor<Scalar>, _ gradient: Tensor<Scalar>
  ) -> [Double] {
    precondition(activation.shape == gradient.shape, "activation and gradient shapes differ")
    guard activation.rank >= 2 else { return [] }
    let (samples, channels) = (activation.shape[0], activation.shape[1])
    guard samples > 0, channels > 0 else { return [] }
    let spatial = activation.scalarCount / (samples * channels)
    var sums = [Double](repeating: 0, count: channels)
    activation.withUnsafeBufferPointer { a in
      gradient.withUnsafeBufferPointer { g in
        for n in 0..<samples {
          for k in 0..<channels {
            let start = (n &* channels &+ k) &* spatial
            var s = 0.0
            for index in start..<(start &+ spatial) { s += Double(a[index]) * Double(g[index]) }
            sums[k] += s * s
          }
        }
      }
    }
    return sums
  }

  @inline(__always)
  private static func positiveBitsGeneric<Scalar: TensorScalar>(_ tensor: Tensor<Scalar>)
    -> [UInt64]
  {
    tensor.withUnsafeBufferPointer { x in
      var words = [UInt64](repeating: 0, count: (x.count + 63) / 64)
      for index in x.indices where x[index] > 0 {
        words[index >> 6] |= 1 << UInt64(index & 63)
      }
      return words
    }
  }
}
