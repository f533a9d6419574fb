extension Float {
  public static func averagePool2D(
    _ shape: PoolingShape, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>
  ) {
    referenceAveragePool2D(shape, input: input, output: output)
  }

  public static func averagePool2DGradient(
    _ shape: PoolingShape, outputGradient: UnsafePointer<Float>,
    inputGradient: UnsafeMutablePointer<Float>
  ) {
    referenceAveragePool2DGradient(shape, outputGradient: outputGradient, inputGradient: inputGradient)
  }

  public static func maxPool2D(
    _ shape: PoolingShape, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
    argmax: UnsafeMutablePointer<Int32>
  ) {
    referenceMaxPool2D(shape, input: input, output: output, argmax: argmax)
  }

  public static func maxPool2DGradient(
    _ shape: PoolingShape, outputGradient: UnsafePointer<Float>,
    argmax: UnsafePointer<Int32>, inputGradient: UnsafeMutablePointer<Float>
  ) {
    referenceMaxPool2DGradient(
      shape, outputGradient: outputGradient, argmax: argmax, inputGradient: inputGradient)
  }

  public static func batchNormForward(
    batch: Int, channels: Int, spatial: Int, epsilon: Float,
    input: UnsafePointer<Float>, gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>,
    statistics: (mean: UnsafePointer<Float>, variance: UnsafePointer<Float>)?,
    output: UnsafeMutablePointer<Float>,
    savedMean: UnsafeMutablePointer<Float>, savedInverseStd: UnsafeMutablePointer<Float>
  ) {
    referenceBatchNormForward(
      batch: batch, channels: channels, spatial: spatial, epsilon: epsilon, input: input,
      gamma: gamma, beta: beta, statistics: statistics, output: output, savedMean: savedMean,
      savedInverseStd: savedInverseStd)
  }

  public static func batchNormBackward(
    batch: Int, channels: Int, spatial: Int, usedBatchStatistics: Bool,
    input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
    gamma: UnsafePointer<Float>, savedMean: UnsafePointer<Float>,
    savedInverseStd: UnsafePointer<Float>,
    inputGradient: UnsafeMutablePointer<Float>,
    gammaGradient: UnsafeMutablePointer<Float>, betaGradient: UnsafeMutablePointer<Float>
  ) {
    referenceBatchNormBackward(
      batch: batch, channels: channels, spatial: spatial,
      usedBatchStatistics: usedBatchStatistics, input: input, outputGradient: outputGradient,
      gamma: gamma, savedMean: savedMean, savedInverseStd: savedInverseStd,
      inputGradient: inputGradient, gammaGradient: gammaGradient, betaGradient: betaGradient)
  }
}

extension Double {
  public static func averagePool2D(
    _ shape: PoolingShape, input: UnsafePointer<Double>, output: UnsafeMutablePointer<Double>
  ) {
    referenceAveragePool2D(shape, input: input, output: output)
  }

  public static func averagePool2DGradient(
    _ shape: PoolingShape, outputGradient: UnsafePointer<Double>,
    inputGradient: UnsafeMutablePointer<Double>
  ) {
    referenceAveragePool2DGradient(shape, outputGradient: outputGradient, inputGradient: inputGradient)
  }

  public static func maxPool2D(
    _ shape: PoolingShape, input: UnsafePointer<Double>, output: UnsafeMutablePointer<Double>,
    argmax: UnsafeMutablePointer<Int32>
  ) {
    referenceMaxPool2D(shape, input: input, output: output, argmax: argmax)
  }

  public static func maxPool2DGradient(
    _ shape: PoolingShape, outputGradient: UnsafePointer<Double>,
    argmax: UnsafePointer<Int32>, inputGradient: UnsafeMutablePointer<Double>
  ) {
    referenceMaxPool2DGradient(
      shape, outputGradient: outputGradient, argmax: argmax, inputGradient: inputGradient)
  }

  public static func batchNormForward(
    batch: Int, channels: Int, spatial: Int, epsilon: Double,
    input: UnsafePointer<Double>, gamma: UnsafePointer<Double>, beta: UnsafePointer<Double>,
    statistics: (mean: UnsafePointer<Double>, variance: UnsafePointer<Double>)?,
    output: UnsafeMutablePointer<Double>,
    savedMean: UnsafeMutablePointer<Double>, savedInverseStd: UnsafeMutablePointer<Double>
  ) {
    referenceBatchNormForward(
      batch: batch, channels: channels, spatial: spatial, epsilon: epsilon, input: input,
      gamma: gamma, beta: beta, statistics: statistics, output: output, savedMean: savedMean,
      savedInverseStd: savedInverseStd)
  }

  public static func batchNormBackward(
    batch: Int, channels: Int, spatial: Int, usedBatchStatistics: Bool,
    input: UnsafePointer<Double>, outputGradient: UnsafePointer<Double>,
    gamma: UnsafePointer<Double>, savedMean: UnsafePointer<Double>,
    savedInverseStd: UnsafePointer<Double>,
    inputGradient: UnsafeMutablePointer<Double>,
    gammaGradient: UnsafeMutablePointer<Double>, betaGradient: UnsafeMutablePointer<Double>
  ) {
    referenceBatchNormBackward(
      batch: batch, channels: channels, spatial: spatial,
      usedBatchStatistics: usedBatchStatistics, input: input, outputGradient: outputGradient,
      gamma: gamma, savedMean: savedMean, savedInverseStd: savedInverseStd,
      inputGradient: inputGradient, gammaGradient: gammaGradient, betaGradient: betaGradient)
  }
}

