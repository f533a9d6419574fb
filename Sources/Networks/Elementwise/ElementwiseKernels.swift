/// SIMD16 loops over raw buffers for the element-wise operations: one call per tensor
/// operation, never a dynamic call per element.
///
/// Arithmetic kernels are generic and pre-specialised for `Float` and `Double`
/// (`@_specialize`), so calls from unspecialised generic code still run the vector
/// loops. Kernels that need comparison masks are written per type in
/// `ElementwiseKernels+Masked.swift`, because generic SIMD comparisons do not vectorise.
/// All kernels allow `y` to alias an input exactly (in-place use), never partially.
enum ElementwiseKernels {
  typealias Vector<S: TensorScalar> = SIMD16<S>

  @inline(__always)
  static func load<S: TensorScalar>(_ pointer: UnsafePointer<S>, _ index: Int) -> SIMD16<S> {
    UnsafeRawPointer(pointer + index).loadUnaligned(as: SIMD16<S>.self)
  }

  @inline(__always)
  static func store<S: TensorScalar>(
    _ value: SIMD16<S>, _ pointer: UnsafeMutablePointer<S>, _ index: Int
  ) {
    UnsafeMutableRawPointer(pointer + index).storeBytes(of: value, as: SIMD16<S>.self)
  }

  /// `y[i] = value` for every `i < count`.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func fill<S: TensorScalar>(_ y: UnsafeMutablePointer<S>, with value: S, count: Int) {
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

  /// Copies `count` scalars from `x` to `y` (`memmove`, so it is fast even when the
  /// caller is unspecialised generic code).
  @inline(__always)
  static func copy<S: TensorScalar>(
    _ x: UnsafePointer<S>, to y: UnsafeMutablePointer<S>, count: Int
  ) {
    UnsafeMutableRawPointer(y).copyMemory(
      from: UnsafeRawPointer(x), byteCount: count * MemoryLayout<S>.stride)
  }

  /// `y = a + b`.
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func add<S: TensorScalar>(
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
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func subtract<S: TensorScalar>(
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
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func multiply<S: TensorScalar>(
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
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func scale<S: TensorScalar>(
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
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func addScaled<S: TensorScalar>(
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
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func tanhGradient<S: TensorScalar>(
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
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func sigmoidGradient<S: TensorScalar>(
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
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func sum<S: TensorScalar>(_ x: UnsafePointer<S>, count: Int) -> S {
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
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func dot<S: TensorScalar>(_ x: UnsafePointer<S>, _ y: UnsafePointer<S>, count: Int) -> S {
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
