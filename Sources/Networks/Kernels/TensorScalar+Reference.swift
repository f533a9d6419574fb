/// Straightforward loop implementations of every ``TensorScalar`` kernel.
///
/// They forward to the `reference…` free functions, which are the definition the tuned
/// kernels are tested against, and they are the default for scalar types without tuned
/// kernels (`Float` and `Double` have their own). Single-threaded, so deterministic.
extension TensorScalar {
  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Self, a: UnsafePointer<Self>, lda: Int,
    b: UnsafePointer<Self>, ldb: Int,
    beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int
  ) {
    referenceGEMM(
      transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
      a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
  }

  public static func convolution2D(
    _ shape: ConvolutionShape, input: UnsafePointer<Self>, weight: UnsafePointer<Self>,
    output: UnsafeMutablePointer<Self>
  ) {
    referenceConvolution2D(shape, input: input, weight: weight, output: output)
  }

  public static func convolution2DInputGradient(
    _ shape: ConvolutionShape, outputGradient: UnsafePointer<Self>,
    weight: UnsafePointer<Self>, inputGradient: UnsafeMutablePointer<Self>
  ) {
    referenceConvolution2DInputGradient(
      shape, outputGradient: outputGradient, weight: weight, inputGradient: inputGradient)
  }

  public static func convolution2DWeightGradient(
    _ shape: ConvolutionShape, input: UnsafePointer<Self>,
    outputGradient: UnsafePointer<Self>, weightGradient: UnsafeMutablePointer<Self>
  ) {
    referenceConvolution2DWeightGradient(
      shape, input: input, outputGradient: outputGradient, weightGradient: weightGradient)
  }

  public static func averagePool2D(
    _ shape: PoolingShape, input: UnsafePointer<Self>, output: UnsafeMutablePointer<Self>
  ) {
    referenceAveragePool2D(shape, input: input, output: output)
  }

  public static func averagePool2DGradient(
    _ shape: PoolingShape, outputGradient: UnsafePointer<Self>,
    inputGradient: UnsafeMutablePointer<Self>
  ) {
    referenceAveragePool2DGradient(shape, outputGradient: outputGradient, inputGradient: inputGradient)
  }

  public static func maxPool2D(
    _ shape: PoolingShape, input: UnsafePointer<Self>, output: UnsafeMutablePointer<Self>,
    argmax: UnsafeMutablePointer<Int32>
  ) {
    referenceMaxPool2D(shape, input: input, output: output, argmax: argmax)
  }

  public static func maxPool2DGradient(
    _ shape: PoolingShape, outputGradient: UnsafePointer<Self>,
    argmax: UnsafePointer<Int32>, inputGradient: UnsafeMutablePointer<Self>
  ) {
    referenceMaxPool2DGradient(
      shape, outputGradient: outputGradient, argmax: argmax, inputGradient: inputGradient)
  }

  public static func batchNormForward(
    batch: Int, channels: Int, spatial: Int, epsilon: Self,
    input: UnsafePointer<Self>, gamma: UnsafePointer<Self>, beta: UnsafePointer<Self>,
    statistics: (mean: UnsafePointer<Self>, variance: UnsafePointer<Self>)?,
    output: UnsafeMutablePointer<Self>,
    savedMean: UnsafeMutablePointer<Self>, savedInverseStd: UnsafeMutablePointer<Self>
  ) {
    referenceBatchNormForward(
      batch: batch, channels: channels, spatial: spatial, epsilon: epsilon, input: input,
      gamma: gamma, beta: beta, statistics: statistics, output: output, savedMean: savedMean,
      savedInverseStd: savedInverseStd)
  }

  public static func batchNormBackward(
    batch: Int, channels: Int, spatial: Int, usedBatchStatistics: Bool,
    input: UnsafePointer<Self>, outputGradient: UnsafePointer<Self>,
    gamma: UnsafePointer<Self>, savedMean: UnsafePointer<Self>,
    savedInverseStd: UnsafePointer<Self>,
    inputGradient: UnsafeMutablePointer<Self>,
    gammaGradient: UnsafeMutablePointer<Self>, betaGradient: UnsafeMutablePointer<Self>
  ) {
    referenceBatchNormBackward(
      batch: batch, channels: channels, spatial: spatial,
      usedBatchStatistics: usedBatchStatistics, input: input, outputGradient: outputGradient,
      gamma: gamma, savedMean: savedMean, savedInverseStd: savedInverseStd,
      inputGradient: inputGradient, gammaGradient: gammaGradient, betaGradient: betaGradient)
  }
}

