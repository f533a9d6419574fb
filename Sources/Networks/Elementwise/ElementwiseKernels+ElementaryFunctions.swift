import Foundation

/// The transcendental element-wise functions (tanh, sigmoid) and the scalar ones
/// (exp, log, conversion from `Double`), whose witnesses pick Foundation's function for
/// their own type and run a plain loop: the libm calls dominate; a SIMD polynomial would
/// be faster but no benchmark network's hot path needs one.
extension ElementwiseKernels {
  /// `y[i] = function(x[i])`, the function inlined into the loop.
  @inline(__always)
  static func map<S: KernelScalar>(
    _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, count: Int, _ function: (S) -> S
  ) {
    for i in 0..<count { y[i] = function(x[i]) }
  }

  /// `1 / (1 + e^(−v))`, computed without overflow for large negative `v`.
  @inline(__always)
  static func logistic<S: KernelScalar>(_ v: S, exp: (S) -> S) -> S {
    v >= 0 ? 1 / (1 + exp(-v)) : exp(v) / (1 + exp(v))
  }
}

extension Float {
  /// `y = tanh(x)`.
  public static func tanh(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
    ElementwiseKernels.map(x, y, count: count) { Foundation.tanh($0) }
  }

  /// `y = 1 / (1 + e^(−x))`.
  public static func sigmoid(
    _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int
  ) {
    ElementwiseKernels.map(x, y, count: count) {
      ElementwiseKernels.logistic($0) { Foundation.exp($0) }
    }
  }

  /// `e^x`.
  public static func exponential(_ x: Float) -> Float { Foundation.exp(x) }

  /// The natural logarithm.
  public static func logarithm(_ x: Float) -> Float { Foundation.log(x) }

  /// `y[i] = Float(x[i])`.
  public static func convert(
    _ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Float>, count: Int
  ) {
    for i in 0..<count { y[i] = Float(x[i]) }
  }
}

extension Double {
  /// `y = tanh(x)`.
  public static func tanh(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int)
  {
    ElementwiseKernels.map(x, y, count: count) { Foundation.tanh($0) }
  }

  /// `y = 1 / (1 + e^(−x))`.
  public static func sigmoid(
    _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int
  ) {
    ElementwiseKernels.map(x, y, count: count) {
      ElementwiseKernels.logistic($0) { Foundation.exp($0) }
    }
  }

  /// `e^x`.
  public static func exponential(_ x: Double) -> Double { Foundation.exp(x) }

  /// The natural logarithm.
  public static func logarithm(_ x: Double) -> Double { Foundation.log(x) }

  /// `y[i] = Double(x[i])`.
  public static func convert(
    _ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, count: Int
  ) {
    for i in 0..<count { y[i] = Double(x[i]) }
  }
}
