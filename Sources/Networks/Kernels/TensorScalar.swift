/// An element type the engine computes in: `Float` for speed, `Double` for gradient
/// checks and for scorers whose values overflow single precision (synflow).
///
/// Every kernel is a requirement, so generic network code pays one dynamic call per
/// operation (never per element) and each scalar type runs its own fully specialised
/// loops; "Float and Double kernels" in the module's documentation says how (the
/// internal `KernelScalar` protocol). Every kernel works on raw buffers, overwrites its
/// output, and gives bitwise identical results whatever the number of threads
/// (``ComputeThreads``). The element-wise kernels allow the output to alias an input
/// exactly (in-place use), never partially.
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
  // MARK: Element-wise kernels

  /// `y[i] = value` for every `i < count`.
  static func fill(_ y: UnsafeMutablePointer<Self>, with value: Self, count: Int)

  /// `y = a + b`.
  static func add(
    _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>,
    count: Int)

  /// `y = a − b`.
  static func subtract(
    _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>,
    count: Int)

  /// `y = a ⊙ b`.
  static func multiply(
    _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>,
    count: Int)

  /// `y = alpha · x`.
  static func scale(
    _ alpha: Self, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>, count: Int)

  /// `y = y + alpha · x`, rounded as `y + (alpha · x)` (so `alpha = 0` turns a NaN or
  /// infinite `x` into NaN, as PyTorch's `x.mul(0)` does).
  static func addScaled(
    _ alpha: Self, _ x: UnsafePointer<Self>, into y: UnsafeMutablePointer<Self>, count: Int)

  /// `y = w₀·t₀ + w₁·t₁ + …` in one pass, bitwise what ``scale(_:_:_:count:)`` followed
  /// by ``addScaled(_:_:into:count:)`` per further term computes.
  static func weightedSum(
    _ terms: UnsafeBufferPointer<UnsafePointer<Self>>, weights: UnsafeBufferPointer<Self>,
    into y: UnsafeMutablePointer<Self>, count: Int)

  /// The sum of `x[0..<count]` in a fixed order (16 lanes, then the lanes and the tail).
  static func sum(_ x: UnsafePointer<Self>, count: Int) -> Self

  /// `Σ x[i]·y[i]` in a fixed order (16 lanes, then the lanes and the tail).
  static func dot(_ x: UnsafePointer<Self>, _ y: UnsafePointer<Self>, count: Int) -> Self

  /// `y = x < 0 ? 0 : x` (PyTorch's ReLU: NaN stays NaN).
  static func relu(_ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>, count: Int)

  /// `y = x > 0 ? g : 0`: the gradient of ``relu(_:_:count:)`` at input (or output) `x`.
  static func reluGradient(
    _ g: UnsafePointer<Self>, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>,
    count: Int)

  /// `y = x > 0 ? x : slope · x`.
  static func leakyReLU(
    slope: Self, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>, count: Int)

  /// `y = x > 0 ? g : slope · g`: the gradient of ``leakyReLU(slope:_:_:count:)``.
  static func leakyReLUGradient(
    slope: Self, _ g: UnsafePointer<Self>, _ x: UnsafePointer<Self>,
    _ y: UnsafeMutablePointer<Self>, count: Int)

  /// `y = tanh(x)` (Foundation's function for this type).
  static func tanh(_ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>, count: Int)

  /// `y = g ⊙ (1 − t²)`: the gradient of `t = tanh(x)`.
  static func tanhGradient(
    _ g: UnsafePointer<Self>, _ t: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>,
    count: Int)

  /// `y = 1 / (1 + e^(−x))`, computed without overflow for large negative `x`.
  static func sigmoid(_ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>, count: Int)

  /// `y = g ⊙ s ⊙ (1 − s)`: the gradient of `s = sigmoid(x)`.
  static func sigmoidGradient(
    _ g: UnsafePointer<Self>, _ s: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>,
    count: Int)

  /// `y = Σ wₖ · tₖ` over `planes` planes of `height × width` elements (plane `p` has
  /// channel `p mod channels`), where `tₖ` is term `k`'s values, first average-pooled
  /// and then normalised per channel if the term says so.
  static func normalizedSum(
    _ terms: UnsafeBufferPointer<NormalizedTermPointers<Self>>, planes: Int, channels: Int,
    height: Int, width: Int, into y: UnsafeMutablePointer<Self>)

  /// `e^x` for one scalar (Foundation's `exp` for this type).
  static func exponential(_ x: Self) -> Self

  /// The natural logarithm of one scalar (Foundation's `log` for this type).
  static func logarithm(_ x: Self) -> Self

  /// `y[i] = Self(x[i])`: doubles rounded to the nearest value of this type.
  static func convert(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Self>, count: Int)
}
