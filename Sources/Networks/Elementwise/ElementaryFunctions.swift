import Foundation

/// Transcendental element-wise functions (tanh, sigmoid, exp, log) for the scalar
/// types the engine supports, dispatched once per call on the scalar type.
///
/// `TensorScalar` does not promise `exp` or `tanh`, so these pick Foundation's `Float`
/// or `Double` function and run a plain loop (the libm calls dominate; a SIMD
/// polynomial would be faster but is not needed by any benchmark network's hot path).
enum ElementaryFunctions {
  /// `y = tanh(x)`.
  static func tanh<S: TensorScalar>(_ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, count: Int)
  {
    map(x, y, count: count, float: { Foundation.tanh($0) }, double: { Foundation.tanh($0) })
  }

  /// `y = 1 / (1 + e^(−x))`, computed without overflow for large negative `x`.
  static func sigmoid<S: TensorScalar>(
    _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, count: Int
  ) {
    map(
      x, y, count: count,
      float: { v in
        v >= 0 ? 1 / (1 + Foundation.exp(-v)) : Foundation.exp(v) / (1 + Foundation.exp(v))
      },
      double: { v in
        v >= 0 ? 1 / (1 + Foundation.exp(-v)) : Foundation.exp(v) / (1 + Foundation.exp(v))
      })
  }

  /// `e^x` for one scalar.
  static func exp<S: TensorScalar>(_ x: S) -> S {
    if let v = x as? Float { return S(Foundation.exp(v)) }
    return S(Foundation.exp(Double(x)))
  }

  /// The natural logarithm of one scalar.
  static func log<S: TensorScalar>(_ x: S) -> S {
    if let v = x as? Float { return S(Foundation.log(v)) }
    return S(Foundation.log(Double(x)))
  }

  private static func map<S: TensorScalar>(
    _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, count: Int,
    float: (Float) -> Float, double: (Double) -> Double
  ) {
    if S.self == Float.self {
      let xf: UnsafePointer<Float> = ElementwiseKernels.rebound(x)
      let yf: UnsafeMutablePointer<Float> = ElementwiseKernels.rebound(y)
      for i in 0..<count { yf[i] = float(xf[i]) }
    } else if S.self == Double.self {
      let xd: UnsafePointer<Double> = ElementwiseKernels.rebound(x)
      let yd: UnsafeMutablePointer<Double> = ElementwiseKernels.rebound(y)
      for i in 0..<count { yd[i] = double(xd[i]) }
    } else {
      for i in 0..<count { y[i] = S(double(Double(x[i]))) }
    }
  }
}
