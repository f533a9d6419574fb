/// The element-wise kernels that need comparison masks, over ``KernelScalar/Vector``:
/// their compare-and-blend steps are ``KernelScalar`` requirements written against the
/// concrete SIMD type, because generic SIMD comparisons compile to per-lane loops even
/// when specialised (measured: 16 ms vs 0.7 ms for a million-element ReLU).
///
/// ReLU follows PyTorch: `relu(NaN) = NaN`, and its gradient passes where the input is
/// positive. Leaky ReLU is `x` where `x > 0`, else `slope · x`.
extension ElementwiseKernels {
  @inline(__always)
  static func relu<S: KernelScalar>(_ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, count: Int)
  {
    ParallelLoop.forEachChunk(count: count) { range in
      var i = range.lowerBound
      while i + S.lanes <= range.upperBound {
        storeVector(S.rectified(loadVector(x + i)), y + i)
        i += S.lanes
      }
      while i < range.upperBound {
        y[i] = x[i] < 0 ? 0 : x[i]
        i += 1
      }
    }
  }

  @inline(__always)
  static func reluGradient<S: KernelScalar>(
    _ g: UnsafePointer<S>, _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, count: Int
  ) {
    ParallelLoop.forEachChunk(count: count) { range in
      var i = range.lowerBound
      while i + S.lanes <= range.upperBound {
        storeVector(
          S.selectingWherePositive(loadVector(x + i), loadVector(g + i), otherwise: S.Vector()),
          y + i)
        i += S.lanes
      }
      while i < range.upperBound {
        y[i] = x[i] > 0 ? g[i] : 0
        i += 1
      }
    }
  }

  @inline(__always)
  static func leakyReLU<S: KernelScalar>(
    slope: S, _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, count: Int
  ) {
    ParallelLoop.forEachChunk(count: count) { range in
      let s = S.Vector(repeating: slope)
      var i = range.lowerBound
      while i + S.lanes <= range.upperBound {
        let v = loadVector(x + i)
        storeVector(S.selectingWherePositive(v, v, otherwise: s * v), y + i)
        i += S.lanes
      }
      while i < range.upperBound {
        y[i] = x[i] > 0 ? x[i] : slope * x[i]
        i += 1
      }
    }
  }

  @inline(__always)
  static func leakyReLUGradient<S: KernelScalar>(
    slope: S, _ g: UnsafePointer<S>, _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>,
    count: Int
  ) {
    ParallelLoop.forEachChunk(count: count) { range in
      let s = S.Vector(repeating: slope)
      var i = range.lowerBound
      while i + S.lanes <= range.upperBound {
        let d = loadVector(g + i)
        storeVector(S.selectingWherePositive(loadVector(x + i), d, otherwise: s * d), y + i)
        i += S.lanes
      }
      while i < range.upperBound {
        y[i] = x[i] > 0 ? g[i] : slope * g[i]
        i += 1
      }
    }
  }

  // Vector loads and stores, private to this file: a generic helper in another file
  // would not be specialised in debug (incremental) builds.

  @inline(__always)
  private static func loadVector<S: KernelScalar>(_ pointer: UnsafePointer<S>) -> S.Vector {
    UnsafeRawPointer(pointer).loadUnaligned(as: S.Vector.self)
  }

  @inline(__always)
  private static func loadVector<S: KernelScalar>(_ pointer: UnsafeMutablePointer<S>) -> S.Vector {
    UnsafeRawPointer(pointer).loadUnaligned(as: S.Vector.self)
  }

  @inline(__always)
  private static func storeVector<S: KernelScalar>(
    _ value: S.Vector, _ pointer: UnsafeMutablePointer<S>
  ) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: S.Vector.self)
  }
}

extension Float {
  /// `y = x < 0 ? 0 : x` (see ``ElementwiseKernels/relu(_:_:count:)``).
  public static func relu(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
    ElementwiseKernels.relu(x, y, count: count)
  }

  /// `y = x > 0 ? g : 0`.
  public static func reluGradient(
    _ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
    count: Int
  ) {
    ElementwiseKernels.reluGradient(g, x, y, count: count)
  }

  /// `y = x > 0 ? x : slope · x`.
  public static func leakyReLU(
    slope: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int
  ) {
    ElementwiseKernels.leakyReLU(slope: slope, x, y, count: count)
  }

  /// `y = x > 0 ? g : slope · g`.
  public static func leakyReLUGradient(
    slope: Float, _ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>,
    _ y: UnsafeMutablePointer<Float>, count: Int
  ) {
    ElementwiseKernels.leakyReLUGradient(slope: slope, g, x, y, count: count)
  }
}

extension Double {
  /// `y = x < 0 ? 0 : x` (see ``ElementwiseKernels/relu(_:_:count:)``).
  public static func relu(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int)
  {
    ElementwiseKernels.relu(x, y, count: count)
  }

  /// `y = x > 0 ? g : 0`.
  public static func reluGradient(
    _ g: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>,
    count: Int
  ) {
    ElementwiseKernels.reluGradient(g, x, y, count: count)
  }

  /// `y = x > 0 ? x : slope · x`.
  public static func leakyReLU(
    slope: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int
  ) {
    ElementwiseKernels.leakyReLU(slope: slope, x, y, count: count)
  }

  /// `y = x > 0 ? g : slope · g`.
  public static func leakyReLUGradient(
    slope: Double, _ g: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
    _ y: UnsafeMutablePointer<Double>, count: Int
  ) {
    ElementwiseKernels.leakyReLUGradient(slope: slope, g, x, y, count: count)
  }
}
