/// SIMD16 loops over raw buffers for the element-wise operations: one call per tensor
/// operation, never a dynamic call per element.
///
/// Each kernel is generic over ``KernelScalar`` and reached through its ``TensorScalar``
/// requirement, whose `Float` and `Double` witnesses are at the end of this file (the
/// masked ones, the fused sums and the transcendental maps in the other
/// `ElementwiseKernels+…` files likewise). All kernels allow `y` to alias an input
/// exactly (in-place use), never partially.
enum ElementwiseKernels {
  @inline(__always)
  static func load<S: KernelScalar>(_ pointer: UnsafePointer<S>, _ index: Int) -> SIMD16<S> {
    UnsafeRawPointer(pointer + index).loadUnaligned(as: SIMD16<S>.self)
  }

  @inline(__always)
  static func store<S: KernelScalar>(
    _ value: SIMD16<S>, _ pointer: UnsafeMutablePointer<S>, _ index: Int
  ) {
    UnsafeMutableRawPointer(pointer + index).storeBytes(of: value, as: SIMD16<S>.self)
  }

  /// `y[i] = value` for every `i < count`.
  @inline(__always)
  static func fill<S: KernelScalar>(_ y: UnsafeMutablePointer<S>, with value: S, count: Int) {
    ParallelLoop.forEachChunk(count: count) { range in
      let v = SIMD16<S>(repeating: value)
      var i = range.lowerBound
      while i + 16 <= range.upperBound {
        store(v, y, i)
        i += 16
      }
      while i < range.upperBound {
        y[i] = value
        i += 1
      }
    }
  }

  /// Copies `count` scalars from `x` to `y`: a `memmove`, fast from unspecialised generic
  /// code, so it needs no witness.
  @inline(__always)
  static func copy<S: TensorScalar>(
    _ x: UnsafePointer<S>, to y: UnsafeMutablePointer<S>, count: Int
  ) {
    UnsafeMutableRawPointer(y).copyMemory(
      from: UnsafeRawPointer(x), byteCount: count * MemoryLayout<S>.stride)
  }

  /// `y = a + b`.
  @inline(__always)
  static func add<S: KernelScalar>(
    _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, count: Int
  ) {
    ParallelLoop.forEachChunk(count: count) { range in
      var i = range.lowerBound
      while i + 16 <= range.upperBound {
        store(load(a, i) + load(b, i), y, i)
        i += 16
      }
      while i < range.upperBound {
        y[i] = a[i] + b[i]
        i += 1
      }
    }
  }

  /// `y = a − b`.
  @inline(__always)
  static func subtract<S: KernelScalar>(
    _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, count: Int
  ) {
    ParallelLoop.forEachChunk(count: count) { range in
      var i = range.lowerBound
      while i + 16 <= range.upperBound {
        store(load(a, i) - load(b, i), y, i)
        i += 16
      }
      while i < range.upperBound {
        y[i] = a[i] - b[i]
        i += 1
      }
    }
  }

  /// `y = a ⊙ b`.
  @inline(__always)
  static func multiply<S: KernelScalar>(
    _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, count: Int
  ) {
    ParallelLoop.forEachChunk(count: count) { range in
      var i = range.lowerBound
      while i + 16 <= range.upperBound {
        store(load(a, i) * load(b, i), y, i)
        i += 16
      }
      while i < range.upperBound {
        y[i] = a[i] * b[i]
        i += 1
      }
    }
  }

  /// `y = alpha · x`.
  @inline(__always)
  static func scale<S: KernelScalar>(
    _ alpha: S, _ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, count: Int
  ) {
    ParallelLoop.forEachChunk(count: count) { range in
      let a = SIMD16<S>(repeating: alpha)
      var i = range.lowerBound
      while i + 16 <= range.upperBound {
        store(a * load(x, i), y, i)
        i += 16
      }
      while i < range.upperBound {
        y[i] = alpha * x[i]
        i += 1
      }
    }
  }

  /// `y = y + alpha · x`, rounded as `y + (alpha · x)` (so `alpha = 0` turns a NaN or
  /// infinite `x` into NaN, as PyTorch's `x.mul(0)` does).
  @inline(__always)
  static func addScaled<S: KernelScalar>(
    _ alpha: S, _ x: UnsafePointer<S>, into y: UnsafeMutablePointer<S>, count: Int
  ) {
    ParallelLoop.forEachChunk(count: count) { range in
      var i = range.lowerBound
      if alpha == 1 {
        while i + 16 <= range.upperBound {
          store(load(UnsafePointer(y), i) + load(x, i), y, i)
          i += 16
        }
        while i < range.upperBound {
          y[i] += x[i]
          i += 1
        }
      } else {
        let a = SIMD16<S>(repeating: alpha)
        while i + 16 <= range.upperBound {
          store(load(UnsafePointer(y), i) + a * load(x, i), y, i)
          i += 16
        }
        while i < range.upperBound {
          y[i] += alpha * x[i]
          i += 1
        }
      }
    }
  }

  /// `y = g ⊙ (1 − t²)`: the gradient of `t = tanh(x)`.
  @inline(__always)
  static func tanhGradient<S: KernelScalar>(
    _ g: UnsafePointer<S>, _ t: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, count: Int
  ) {
    ParallelLoop.forEachChunk(count: count) { range in
      let one = SIMD16<S>(repeating: 1)
      var i = range.lowerBound
      while i + 16 <= range.upperBound {
        let tv = load(t, i)
        store(load(g, i) * (one - tv * tv), y, i)
        i += 16
      }
      while i < range.upperBound {
        y[i] = g[i] * (1 - t[i] * t[i])
        i += 1
      }
    }
  }

  /// `y = g ⊙ s ⊙ (1 − s)`: the gradient of `s = sigmoid(x)`.
  @inline(__always)
  static func sigmoidGradient<S: KernelScalar>(
    _ g: UnsafePointer<S>, _ s: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, count: Int
  ) {
    ParallelLoop.forEachChunk(count: count) { range in
      let one = SIMD16<S>(repeating: 1)
      var i = range.lowerBound
      while i + 16 <= range.upperBound {
        let sv = load(s, i)
        store(load(g, i) * sv * (one - sv), y, i)
        i += 16
      }
      while i < range.upperBound {
        y[i] = g[i] * s[i] * (1 - s[i])
        i += 1
      }
    }
  }

  /// The sum of `x[0..<count]`, always added in the same order (16 lanes, then the
  /// lanes and the tail), so the result does not depend on threads.
  @inline(__always)
  static func sum<S: KernelScalar>(_ x: UnsafePointer<S>, count: Int) -> S {
    var accumulator = SIMD16<S>()
    var i = 0
    while i + 16 <= count {
      accumulator += load(x, i)
      i += 16
    }
    var total = accumulator.sum()
    while i < count {
      total += x[i]
      i += 1
    }
    return total
  }

  /// `Σ x[i]·y[i]` in a fixed order.
  @inline(__always)
  static func dot<S: KernelScalar>(_ x: UnsafePointer<S>, _ y: UnsafePointer<S>, count: Int) -> S {
    var accumulator = SIMD16<S>()
    var i = 0
    while i + 16 <= count {
      accumulator = accumulator.addingProduct(load(x, i), load(y, i))
      i += 16
    }
    var total = accumulator.sum()
    while i < count {
      total += x[i] * y[i]
      i += 1
    }
    return total
  }
}

extension Float {
  /// `y[i] = value` (see ``ElementwiseKernels/fill(_:with:count:)``).
  public static func fill(_ y: UnsafeMutablePointer<Float>, with value: Float, count: Int) {
    ElementwiseKernels.fill(y, with: value, count: count)
  }

  /// `y = a + b`.
  public static func add(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
    count: Int
  ) {
    ElementwiseKernels.add(a, b, y, count: count)
  }

  /// `y = a − b`.
  public static func subtract(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
    count: Int
  ) {
    ElementwiseKernels.subtract(a, b, y, count: count)
  }

  /// `y = a ⊙ b`.
  public static func multiply(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
    count: Int
  ) {
    ElementwiseKernels.multiply(a, b, y, count: count)
  }

  /// `y = alpha · x`.
  public static func scale(
    _ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int
  ) {
    ElementwiseKernels.scale(alpha, x, y, count: count)
  }

  /// `y = y + alpha · x` (see ``ElementwiseKernels/addScaled(_:_:into:count:)``).
  public static func addScaled(
    _ alpha: Float, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int
  ) {
    ElementwiseKernels.addScaled(alpha, x, into: y, count: count)
  }

  /// `y = g ⊙ (1 − t²)`.
  public static func tanhGradient(
    _ g: UnsafePointer<Float>, _ t: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
    count: Int
  ) {
    ElementwiseKernels.tanhGradient(g, t, y, count: count)
  }

  /// `y = g ⊙ s ⊙ (1 − s)`.
  public static func sigmoidGradient(
    _ g: UnsafePointer<Float>, _ s: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
    count: Int
  ) {
    ElementwiseKernels.sigmoidGradient(g, s, y, count: count)
  }

  /// The sum of `x[0..<count]` (see ``ElementwiseKernels/sum(_:count:)``).
  public static func sum(_ x: UnsafePointer<Float>, count: Int) -> Float {
    ElementwiseKernels.sum(x, count: count)
  }

  /// `Σ x[i]·y[i]` (see ``ElementwiseKernels/dot(_:_:count:)``).
  public static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float
  {
    ElementwiseKernels.dot(x, y, count: count)
  }
}

extension Double {
  /// `y[i] = value` (see ``ElementwiseKernels/fill(_:with:count:)``).
  public static func fill(_ y: UnsafeMutablePointer<Double>, with value: Double, count: Int) {
    ElementwiseKernels.fill(y, with: value, count: count)
  }

  /// `y = a + b`.
  public static func add(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>,
    count: Int
  ) {
    ElementwiseKernels.add(a, b, y, count: count)
  }

  /// `y = a − b`.
  public static func subtract(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>,
    count: Int
  ) {
    ElementwiseKernels.subtract(a, b, y, count: count)
  }

  /// `y = a ⊙ b`.
  public static func multiply(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>,
    count: Int
  ) {
    ElementwiseKernels.multiply(a, b, y, count: count)
  }

  /// `y = alpha · x`.
  public static func scale(
    _ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int
  ) {
    ElementwiseKernels.scale(alpha, x, y, count: count)
  }

  /// `y = y + alpha · x` (see ``ElementwiseKernels/addScaled(_:_:into:count:)``).
  public static func addScaled(
    _ alpha: Double, _ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, count: Int
  ) {
    ElementwiseKernels.addScaled(alpha, x, into: y, count: count)
  }

  /// `y = g ⊙ (1 − t²)`.
  public static func tanhGradient(
    _ g: UnsafePointer<Double>, _ t: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>,
    count: Int
  ) {
    ElementwiseKernels.tanhGradient(g, t, y, count: count)
  }

  /// `y = g ⊙ s ⊙ (1 − s)`.
  public static func sigmoidGradient(
    _ g: UnsafePointer<Double>, _ s: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>,
    count: Int
  ) {
    ElementwiseKernels.sigmoidGradient(g, s, y, count: count)
  }

  /// The sum of `x[0..<count]` (see ``ElementwiseKernels/sum(_:count:)``).
  public static func sum(_ x: UnsafePointer<Double>, count: Int) -> Double {
    ElementwiseKernels.sum(x, count: count)
  }

  /// `Σ x[i]·y[i]` (see ``ElementwiseKernels/dot(_:_:count:)``).
  public static func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int)
    -> Double
  {
    ElementwiseKernels.dot(x, y, count: count)
  }
}
