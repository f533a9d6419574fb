/// A scalar type with tuned SIMD kernels: `Float` (8 lanes) and `Double` (4 lanes).
///
/// The tuned kernels are written once, generically over the vector type, and every file
/// that holds a generic kernel also holds its concrete `Float` and `Double` entry points.
/// That keeps each kernel fully specialised even in incremental (non whole-module)
/// builds, where a generic body in another file cannot be specialised and would run
/// hundreds of times slower. Calls between files go through the requirements below,
/// whose witnesses are concrete functions.
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

  /// Where `v > best` or `v` is NaN, takes `v` into `best` and `p` into `position`
  /// (one max-pooling step, as a vector compare and blend).
  static func keepGreaterOrNaN(
    _ best: inout Vector, _ position: inout Vector, _ v: Vector, _ p: Self)

  /// `v < 0 ? 0 : v` per lane (ReLU as ``ElementwiseKernels/relu(_:_:count:)`` computes
  /// it: NaN and −0 pass through), as a vector compare and blend.
  static func rectified(_ v: Vector) -> Vector

  /// `Int(x)` for a small integral value, without the generic conversion path.
  static func integer(_ x: Self) -> Int

  /// Packs `rows × depth` of op(A) into the micro-panels ``tile(depth:a:b:c:ldc:rows:columns:alpha:beta:)``
  /// reads; see ``packPanelsOfA(transposed:rows:depth:a:lda:into:)``.
  static func packA(
    transposed: Bool, rows: Int, depth: Int, a: UnsafePointer<Self>, lda: Int,
    into dst: UnsafeMutablePointer<Self>)

  /// The tuned forward convolution on an internal geometry (asymmetric padding); see
  /// ``convolveForward(_:input:weight:output:)``.
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

extension Float: KernelScalar {
  typealias Vector = SIMD8<Float>
  #if NAS_WIDE_TILES
  typealias WideVector = SIMD16<Float>
  #else
  typealias WideVector = SIMD8<Float>
  #endif
}

extension Double: KernelScalar {
  typealias Vector = SIMD4<Double>
  #if NAS_WIDE_TILES
  typealias WideVector = SIMD8<Double>
  #else
  typealias WideVector = SIMD4<Double>
  #endif
}
