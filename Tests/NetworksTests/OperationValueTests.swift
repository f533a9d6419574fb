import Foundation
import Networks
import Testing

/// Forward values of the operations against hand-computed results.
struct OperationValueTests {
  /// 1…9 in one 3×3 plane.
  let plane = Tensor<Double>(shape: [1, 1, 3, 3], scalars: (1...9).map(Double.init))

  @Test func averagePoolExcludesPadding() {
    let y = ForwardPass<Double>().averagePool(plane, window: 3, stride: 1, padding: 1)
    // Corner (0,0) averages {1,2,4,5}; edge (0,1) averages {1,2,3,4,5,6}; centre all 9.
    #expect(y[0, 0, 0, 0] == 3)
    #expect(y[0, 0, 0, 1] == 3.5)
    #expect(y[0, 0, 1, 1] == 5)
    #expect(y[0, 0, 2, 2] == 7)
  }

  @Test func maxPoolTakesWindowMaxima() {
    let y = ForwardPass<Double>().maxPool(plane, window: 2, stride: 1)
    #expect(y.scalars == [5, 6, 8, 9])
  }

  @Test func globalAveragePoolAveragesPlanes() {
    let y = ForwardPass<Double>().globalAveragePool(plane)
    #expect(y.shape == [1, 1])
    #expect(y.scalars == [5])
  }

  @Test func convolutionAddsBiasPerChannel() {
    let pass = ForwardPass<Double>()
    let weight = Tensor<Double>(shape: [2, 1, 1, 1], scalars: [2, -1])
    let bias = Tensor<Double>(shape: [2], scalars: [10, 20])
    let y = pass.convolution(plane, weight: weight, bias: bias)
    #expect(y.shape == [1, 2, 3, 3])
    #expect(y[0, 0, 1, 2] == 2 * 6 + 10)
    #expect(y[0, 1, 2, 0] == -7 + 20)
    #expect(pass.multiplyAccumulates == 2 * 9)
  }

  @Test func linearIsMatrixProductPlusBias() {
    let pass = ForwardPass<Double>()
    let x = Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    let w = Tensor<Double>(shape: [2, 3], scalars: [1, 0, -1, 0.5, 0.5, 0.5])
    let y = pass.linear(x, weight: w, bias: Tensor(shape: [2], scalars: [100, 200]))
    let expected: [Double] = [1 - 3 + 100, 3 + 200, 4 - 6 + 100, 7.5 + 200]
    #expect(y.scalars == expected)
    #expect(pass.multiplyAccumulates == 12)
  }

  @Test func batchNormWithBatchStatisticsStandardises() {
    let x = Tensor<Double>(shape: [2, 1, 1, 2], scalars: [1, 2, 3, 6])
    let result = ForwardPass<Double>().batchNormalization(
      x, scale: Tensor(shape: [1], scalars: [2]), shift: Tensor(shape: [1], scalars: [1]))
    // mean 3, biased variance (4 + 1 + 0 + 9) / 4 = 3.5.
    #expect(result.mean.scalars == [3])
    #expect(abs(result.variance[0] - 3.5) < 1e-12)
    let inverseStd = 1 / (3.5 + 1e-5).squareRoot()
    for (y, x) in zip(result.output.scalars, [1.0, 2, 3, 6]) {
      #expect(abs(y - (2 * (x - 3) * inverseStd + 1)) < 1e-12)
    }
  }

  @Test func batchNormLayerUpdatesRunningStatisticsLikePyTorch() {
    let layer = BatchNorm2D<Double>(name: "bn", channels: 1)
    let x = Tensor<Double>(shape: [2, 1, 1, 2], scalars: [1, 2, 3, 6])
    _ = layer.forward(x, in: ForwardPass())
    // running = 0.9·running + 0.1·batch, variance unbiased: 14 / 3.
    #expect(abs(layer.runningMean[0] - 0.3) < 1e-12)
    #expect(abs(layer.runningVariance[0] - (0.9 + 0.1 * 14 / 3)) < 1e-9)
    // Eval mode uses them: (x − 0.3)/√(var + ε).
    let y = layer.forward(x, in: ForwardPass(batchNorm: .runningStatistics))
    let inverseStd = 1 / (layer.runningVariance[0] + 1e-5).squareRoot()
    #expect(abs(y[0, 0, 0, 1] - (2 - 0.3) * inverseStd) < 1e-12)
    #expect(abs(y[1, 0, 0, 1] - (6 - 0.3) * inverseStd) < 1e-12)
    // Identity mode skips it.
    #expect(layer.forward(x, in: ForwardPass(batchNorm: .identity)).scalars == x.scalars)
  }

  @Test func zeroWeightReproducesPyTorchMulZero() {
    let x = Tensor<Float>(shape: [4], scalars: [.nan, .infinity, -.infinity, 3])
    let one = Tensor<Float>(repeating: 1, shape: [4])
    let y = ForwardPass<Float>().weightedSum([one, x], weights: [1, 0])
    #expect(y[0].isNaN && y[1].isNaN && y[2].isNaN)
    #expect(y[3] == 1)
    let z = ForwardPass<Float>().scale(Tensor(repeating: 5, shape: [40]), by: 0)
    #expect(z.scalars.allSatisfy { $0 == 0 })
  }

  @Test func reluKeepsNaNAndZeroesNegatives() {
    let values: [Float] = [.nan, -1, 0, 2, -.infinity, .infinity] + Array(repeating: -3, count: 16)
    let y = ForwardPass<Float>().relu(Tensor(shape: [values.count], scalars: values))
    #expect(y[0].isNaN)
    #expect(
      Array(y.scalars.dropFirst()) == [0, 0, 2, 0, .infinity] + Array(repeating: 0, count: 16))
  }

  @Test func activationsMatchTheirFormulas() {
    let values: [Double] = [-800, -2, -0.5, 0, 0.5, 2, 800]
    let x = Tensor(shape: [values.count], scalars: values)
    let pass = ForwardPass<Double>()
    let sigmoid = pass.sigmoid(x).scalars
    let tanh = pass.tanh(x).scalars
    let leaky = pass.leakyReLU(x, slope: 0.1).scalars
    for (k, v) in values.enumerated() {
      #expect(abs(sigmoid[k] - 1 / (1 + Foundation.exp(-v))) < 1e-15)
      #expect(abs(tanh[k] - Foundation.tanh(v)) < 1e-15)
      #expect(leaky[k] == (v > 0 ? v : 0.1 * v))
    }
  }

  @Test func crossEntropyIsMeanNegativeLogSoftmax() {
    let logits = Tensor<Double>(shape: [2, 3], scalars: [0, 0, 0, 1, 2, 3])
    let loss = ForwardPass<Double>().crossEntropy(logits, labels: [1, 2])
    let e: (Double) -> Double = Foundation.exp
    let second = -(3 - Foundation.log(e(1) + e(2) + e(3)))
    #expect(loss.shape == [])
    #expect(abs(loss[] - (Foundation.log(3) + second) / 2) < 1e-12)
  }

  @Test func channelConcatenationAndSlicing() {
    let pass = ForwardPass<Double>()
    let a = Tensor<Double>(shape: [2, 1, 1, 1], scalars: [1, 2])
    let b = Tensor<Double>(shape: [2, 2, 1, 1], scalars: [10, 11, 20, 21])
    let joined = pass.concatenateChannels([a, b])
    #expect(joined.shape == [2, 3, 1, 1])
    #expect(joined.scalars == [1, 10, 11, 2, 20, 21])
    #expect(pass.sliceChannels(joined, 1..<3).scalars == [10, 11, 20, 21])
  }

  @Test func embeddingPicksRows() {
    let table = Tensor<Double>(shape: [3, 2], scalars: [0, 1, 10, 11, 20, 21])
    let y = ForwardPass<Double>().embedding(table, indices: [2, 0, 2], shape: [3])
    #expect(y.shape == [3, 2])
    #expect(y.scalars == [20, 21, 0, 1, 20, 21])
  }
}
