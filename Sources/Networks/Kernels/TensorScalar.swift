/// An element type the engine computes in: `Float` for speed, `Double` for gradient
/// checks and for scorers whose values overflow single precision (synflow).
///
/// The heavy kernels are requirements, so generic network code pays one dynamic call
/// per operation (never per element) and each scalar type gets its own tuned loops.
/// Every kernel works on raw NCHW buffers, overwrites its output, and gives bitwise
/// identical results whatever the number of threads (``ComputeThreads``).
public protocol TensorScalar: BinaryFloatingPoint, SIMDScalar, Sendable, Codable
where RawSignificand: FixedWidthInteger {
  /// `C = alpha·op(A)·op(B) + beta·C` for row-major matrices with leading dimensions;
  /// `op(A)` is `m×k`, `op(B)` is `k×n`. With `beta == 0`, `C` is not read.
  static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Self, a: UnsafePointer<Self>, lda: Int,
    b: UnsafePointer<Self>, ldb: Int,
    beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)

  /// Cross-correlation (PyTorch's `conv2d`, no bias): `output[N, Cout, Ho, Wo]` from
  /// `input[N, Cin, H, W]` and `weight[Cout, Cin, kh, kw]`.
  static func convolution2D(
    _ shape: ConvolutionShape, input: UnsafePointer<Self>, weight: UnsafePointer<Self>,
    output: UnsafeMutablePointer<Self>)

  /// ``convolution2D(_:input:weight:output:)`` with two options for forward-only work.
  ///
  /// With `rectifyingInput` it convolves `relu(input)` (`x < 0 ? 0 : x`), taking the ReLU
  /// as the kernel copies its input, so the activated tensor is never written out. With
  /// `outputMoments` (2·Cout values) it also writes `Σy` and `Σy²` of each output channel
  /// over the batch, where the kernel can form them while each image's output is still in
  /// cache (a batch norm then need not read the output again), and returns whether it
  /// did.
  static func convolution2D(
    _ shape: ConvolutionShape, input: UnsafePointer<Self>, weight: UnsafePointer<Self>,
    output: UnsafeMutablePointer<Self>, rectifyingInput: Bool,
    outputMoments: UnsafeMutablePointer<Double>?
  ) -> Bool

  /// The gradient with respect to the convolution's input.
  static func convolution2DInputGradient(
    _ shape: ConvolutionShape, outputGradient: UnsafePointer<Self>,
    weight: UnsafePointer<Self>, inputGradient: UnsafeMutablePointer<Self>)

  /// The gradient with respect to the convolution's weight, summed over the batch.
  static func convolution2DWeightGradient(
    _ shape: ConvolutionShape, input: UnsafePointer<Self>,
    outputGradient: UnsafePointer<Self>, weightGradient: UnsafeMutablePointer<Self>)

  /// Average pooling that divides by the number of in-bounds elements of each window
  /// (PyTorch's `count_include_pad=False`).
  static func averagePool2D(
    _ shape: PoolingShape, input: UnsafePointer<Self>, output: UnsafeMutablePointer<Self>)

  /// The input gradient of ``averagePool2D(_:input:output:)``.
  static func averagePool2DGradient(
    _ shape: PoolingShape, outputGradient: UnsafePointer<Self>,
    inputGradient: UnsafeMutablePointer<Self>)

  /// Max pooling (padding never wins); writes each output's flat input index into
  /// `argmax` for the backward pass.
  static func maxPool2D(
    _ shape: PoolingShape, input: UnsafePointer<Self>, output: UnsafeMutablePointer<Self>,
    argmax: UnsafeMutablePointer<Int32>)

  /// The input gradient of ``maxPool2D(_:input:output:argmax:)``.
  static func maxPool2DGradient(
    _ shape: PoolingShape, outputGradient: UnsafePointer<Self>,
    argmax: UnsafePointer<Int32>, inputGradient: UnsafeMutablePointer<Self>)

  /// Batch normalisation of `x[N, C, HW]`: `gamma·(x − mean)·invStd + beta` per channel.
  /// With `statistics` nil it uses batch statistics (biased variance) and writes them
  /// to `savedMean` / `savedInverseStd`; otherwise it uses the given running
  /// `(mean, variance)` and copies them (as inverse std) into the saved buffers. With
  /// `output` nil it only fills the saved buffers (the normalisation is applied later).
  static func batchNormForward(
    batch: Int, channels: Int, spatial: Int, epsilon: Self,
    input: UnsafePointer<Self>, gamma: UnsafePointer<Self>, beta: UnsafePointer<Self>,
    statistics: (mean: UnsafePointer<Self>, variance: UnsafePointer<Self>)?,
    output: UnsafeMutablePointer<Self>?,
    savedMean: UnsafeMutablePointer<Self>, savedInverseStd: UnsafeMutablePointer<Self>)

  /// Gradients of ``batchNormForward``: input (through the batch statistics when
  /// `usedBatchStatistics`), gamma and beta.
  static func batchNormBackward(
    batch: Int, channels: Int, spatial: Int, usedBatchStatistics: Bool,
    input: UnsafePointer<Self>, outputGradient: UnsafePointer<Self>,
    gamma: UnsafePointer<Self>, savedMean: UnsafePointer<Self>,
    savedInverseStd: UnsafePointer<Self>,
    inputGradient: UnsafeMutablePointer<Self>,
    gammaGradient: UnsafeMutablePointer<Self>, betaGradient: UnsafeMutablePointer<Self>)
}
