/// The engine's one mechanism for specialising its kernels to `Float` and `Double`.
///
/// A kernel is written once, as a generic function over `S: KernelScalar` marked
/// `@inline(__always)`, and is entered only through a protocol requirement: a
/// requirement of ``TensorScalar`` when generic network code calls it (one dynamic call
/// per operation, never per element), or of this protocol when a kernel in another file
/// does (the micro-kernels, weight packing). The `Float` and `Double` witnesses of that
/// requirement sit at the end of the kernel's file and only call the generic function,
/// so each is a fully specialised copy of it: concrete SIMD types, `addingProduct` as a
/// fused multiply-add, no witness calls inside the loops. There is no other switch on
/// the scalar type (no `@_specialize`, no `S.self == Float.self`, no per-type copies of
/// a kernel).
///
/// Three rules keep every copy fully specialised:
/// - **Witnesses next to the body.** The witnesses live in the same file as the generic
///   function. Incremental (debug, not whole-module) builds optimise one file at a
///   time and cannot specialise a generic body from another file; the kernels would run
///   hundreds of times slower under `swift test`.
/// - **Concrete-type steps are requirements.** Swift picks operator overloads when it
///   type-checks the generic body, not when it specialises it. Arithmetic and FMA on
///   `S.Vector` specialise well, but mask compares and blends (``rectified(_:)``,
///   ``selectingWherePositive(_:_:otherwise:)``, ``keepGreaterOrNaN(_:_:_:_:)``) and
///   shuffles (``copyEvenElements(from:to:count:)``) keep the generic per-lane loop
///   unless written against the concrete `SIMD8<Float>` or `SIMD4<Double>`, where they
///   compile to one compare and blend. So they are requirements, and their concrete
///   witnesses at the end of this file are the kernels' only type-specific code.
/// - **Named vector types.** Loops use ``Vector`` (one 256-bit register),
///   ``WideVector`` (the direct convolution's tile) or `SIMD16<S>` (the element-wise
///   arithmetic loops; ``TensorScalar/sum(_:count:)`` and ``TensorScalar/dot(_:_:count:)``
///   add in 16 lanes). A reduction's lane count fixes the order of its sums, so changing
///   it changes results in the last bits.
///
/// To add a kernel: write the generic body, add a requirement (here, or to
/// ``TensorScalar`` when generic code outside the kernels calls it), and add the two
/// one-line witnesses at the end of the body's file.
protocol KernelScalar: TensorScalar {
  /// One 256-bit register of this scalar: `SIMD8<Float>` or `SIMD4<Double>`.
  ///
  /// 256 bits because the machines this runs on (AMD Zen 3 and Zen 4) have two 256-bit
  /// FMA pipes either way, and AVX2-only machines (Zen 3) have just 16 vector
  /// registers: a 4 × 3-vector tile needs 12 accumulators + 3 B vectors + 1 broadcast.
  associatedtype Vector: SIMD where Vector.Scalar == Self

  /// The register of the direct convolution's tile
  /// (``offsetTile(depth:a:b:offsets:c:ldc:rows:columns:)``): 512 bits when the build
  /// targets AVX-512 (`NAS_WIDE_TILES`, see Package.swift), else ``Vector``.
  ///
  /// Twice the columns per broadcast halves the loads per multiply-add, and with 32
  /// registers the 12 wide accumulators still fit.
  associatedtype WideVector: SIMD where WideVector.Scalar == Self

  /// `c[0..<rows][0..<columns] = alpha · A·B + beta · c` for one register tile of
  /// ``microTileRows`` × ``microTileColumns``; see ``microKernel(depth:a:b:c:ldc:rows:columns:alpha:beta:)``.
  static func tile(
    depth: Int, a: UnsafePointer<Self>, b: UnsafePointer<Self>,
    c: UnsafeMutablePointer<Self>, ldc: Int, rows: Int, columns: Int, alpha: Self, beta: Self)

  /// One register tile with B read in place at `b + offsets[p]`; see
  /// ``offsetMicroKernel(depth:a:b:offsets:c:ldc:rows:columns:)``.
  static func offsetTile(
    depth: Int, a: UnsafePointer<Self>, b: UnsafePointer<Self>, offsets: UnsafePointer<Int>,
    c: UnsafeMutablePointer<Self>, ldc: Int, rows: Int, columns: Int)

  /// One 8-channel tile of two runs of output positions (``WideVector``s when `wide`,
  /// else ``Vector``s), B read in place at `b0 + offsets[p]` and `b1 + offsets[p]`; see
  /// ``runPairMicroKernel(_:depth:a:b0:b1:offsets:c0:c1:ldc:)``.
  static func runPairTile(
    wide: Bool, depth: Int, a: UnsafePointer<Self>, b0: UnsafePointer<Self>,
    b1: UnsafePointer<Self>,
    offsets: UnsafePointer<Int>, c0: UnsafeMutablePointer<Self>,
    c1: UnsafeMutablePointer<Self>, ldc: Int)

  /// Where `v > best` or `v` is NaN, takes `v` into `best` and `p` into `position`
  /// (one max-pooling step, as a vector compare and blend).
  static func keepGreaterOrNaN(
    _ best: inout Vector, _ position: inout Vector, _ v: Vector, _ p: Self)

  /// `v < 0 ? 0 : v` per lane (ReLU as ``TensorScalar/relu(_:_:count:)`` computes it:
  /// NaN and −0 pass through), as a vector compare and blend.
  static func rectified(_ v: Vector) -> Vector

  /// `v > 0 ? value : otherwise` per lane (NaN is not positive), as a vector compare
  /// and blend.
  static func selectingWherePositive(_ v: Vector, _ value: Vector, otherwise: Vector) -> Vector

  /// `Int(x)` for a small integral value, without the generic conversion path.
  static func integer(_ x: Self) -> Int

  /// Packs `rows × depth` of op(A) into the micro-panels ``tile(depth:a:b:c:ldc:rows:columns:alpha:beta:)``
  /// reads; see ``packPanelsOfA(transposed:rows:depth:a:lda:into:)``.
  static func packA(
    transposed: Bool, rows: Int, depth: Int, a: UnsafePointer<Self>, lda: Int,
    into dst: UnsafeMutablePointer<Self>)

  /// The tuned forward convolution on an internal geometry (asymmetric padding); see
  /// ``convolveForward(_:input:weight:output:moments:)``.
  static func convolve(
    _ geometry: ConvolutionGeometry, input: UnsafePointer<Self>,
    weight: UnsafePointer<Self>, output: UnsafeMutablePointer<Self>)

  /// `dst[t] = src[2t]` for `t < count`, with vector loads and shuffles.
  static func copyEvenElements(
    from src: UnsafePointer<Self>, to dst: UnsafeMutablePointer<Self>, count: Int)
}

extension KernelScalar {
  /// Lanes in one ``Vector``.
  @inline(__always) static var lanes: Int { Vector.scalarCount }
  /// Rows of C in one register tile (one broadcast A element per row).
  @inline(__always) static var microTileRows: Int { 4 }
  /// Columns of C in one register tile (three vectors).
  @inline(__always) static var microTileColumns: Int { 3 * Vector.scalarCount }
  /// Columns of C in one direct-convolution tile (three ``WideVector``s).
  @inline(__always) static var directTileColumns: Int { 3 * WideVector.scalarCount }
}

/// Single precision: the engine's working type.
extension Float: TensorScalar {}

/// Double precision: gradient checks and overflow-prone scorers.
extension Double: TensorScalar {}

extension Float: KernelScalar {
  typealias Vector = SIMD8<Float>
  #if NAS_WIDE_TILES
  typealias WideVector = SIMD16<Float>
  #else
  typealias WideVector = SIMD8<Float>
  #endif

  // The concrete mask and shuffle steps ("Concrete-type steps are requirements" above).

  @inline(__always)
  static func rectified(_ v: SIMD8<Float>) -> SIMD8<Float> {
    v.replacing(with: 0, where: v .< 0)
  }

  @inline(__always)
  static func selectingWherePositive(
    _ v: SIMD8<Float>, _ value: SIMD8<Float>, otherwise: SIMD8<Float>
  ) -> SIMD8<Float> {
    otherwise.replacing(with: value, where: v .> 0)
  }

  @inline(__always)
  static func keepGreaterOrNaN(
    _ best: inout SIMD8<Float>, _ position: inout SIMD8<Float>, _ v: SIMD8<Float>,
    _ p: Float
  ) {
    let better = (v .> best) .| (v .!= v)
    best.replace(with: v, where: better)
    position.replace(with: p, where: better)
  }

  @inline(__always)
  static func integer(_ x: Float) -> Int { Int(x) }

  static func copyEvenElements(
    from src: UnsafePointer<Float>, to dst: UnsafeMutablePointer<Float>, count: Int
  ) {
    // Every load stays within src[0 ... 2(count − 1)].
    var t = 0
    let s = UnsafeRawPointer(src)
    let d = UnsafeMutableRawPointer(dst)
    while t + 9 <= count {
      let v = s.loadUnaligned(fromByteOffset: 8 * t, as: SIMD16<Float>.self)
      d.storeBytes(of: v.evenHalf, toByteOffset: 4 * t, as: SIMD8<Float>.self)
      t += 8
    }
    if t < count && count >= 8 {
      // The last 8 outputs, src[2count − 16 + 2j]: the even lanes of src[2count − 16 ..<
      // 2count − 8] and the odd lanes of src[2count − 9 ..< 2count − 1].
      let low = s.loadUnaligned(fromByteOffset: 4 * (2 * count - 16), as: SIMD8<Float>.self)
      let high = s.loadUnaligned(fromByteOffset: 4 * (2 * count - 9), as: SIMD8<Float>.self)
      d.storeBytes(
        of: SIMD8(lowHalf: low.evenHalf, highHalf: high.oddHalf), toByteOffset: 4 * (count - 8),
        as: SIMD8<Float>.self)
      t = count
    }
    while t < count {
      dst[t] = src[2 * t]
      t += 1
    }
  }
}

extension Double: KernelScalar {
  typealias Vector = SIMD4<Double>
  #if NAS_WIDE_TILES
  typealias WideVector = SIMD8<Double>
  #else
  typealias WideVector = SIMD4<Double>
  #endif

  @inline(__always)
  static func rectified(_ v: SIMD4<Double>) -> SIMD4<Double> {
    v.replacing(with: 0, where: v .< 0)
  }

  @inline(__always)
  static func selectingWherePositive(
    _ v: SIMD4<Double>, _ value: SIMD4<Double>, otherwise: SIMD4<Double>
  ) -> SIMD4<Double> {
    otherwise.replacing(with: value, where: v .> 0)
  }

  @inline(__always)
  static func keepGreaterOrNaN(
    _ best: inout SIMD4<Double>, _ position: inout SIMD4<Double>, _ v: SIMD4<Double>,
    _ p: Double
  ) {
    let better = (v .> best) .| (v .!= v)
    best.replace(with: v, where: better)
    position.replace(with: p, where: better)
  }

  @inline(__always)
  static func integer(_ x: Double) -> Int { Int(x) }

  static func copyEvenElements(
    from src: UnsafePointer<Double>, to dst: UnsafeMutablePointer<Double>, count: Int
  ) {
    var t = 0
    let s = UnsafeRawPointer(src)
    let d = UnsafeMutableRawPointer(dst)
    while t + 5 <= count {
      let v = s.loadUnaligned(fromByteOffset: 16 * t, as: SIMD8<Double>.self)
      d.storeBytes(of: v.evenHalf, toByteOffset: 8 * t, as: SIMD4<Double>.self)
      t += 4
    }
    if t < count && count >= 4 {
      // The last 4 outputs, as in the `Float` version.
      let low = s.loadUnaligned(fromByteOffset: 8 * (2 * count - 8), as: SIMD4<Double>.self)
      let high = s.loadUnaligned(fromByteOffset: 8 * (2 * count - 5), as: SIMD4<Double>.self)
      d.storeBytes(
        of: SIMD4(lowHalf: low.evenHalf, highHalf: high.oddHalf), toByteOffset: 8 * (count - 4),
        as: SIMD4<Double>.self)
      t = count
    }
    while t < count {
      dst[t] = src[2 * t]
      t += 1
    }
  }
}
