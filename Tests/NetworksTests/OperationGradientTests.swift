import Networks
import Testing

/// Every operation's gradient against central differences in `Double`, with respect to
/// every input (data and weights).
struct OperationGradientTests {
  typealias G = GradientCheck

  @Test(arguments: [
    (kernel: 3, stride: 1, padding: 1), (kernel: 3, stride: 2, padding: 1),
    (kernel: 1, stride: 1, padding: 0), (kernel: 2, stride: 2, padding: 0),
  ])
  func convolutionGradients(kernel: Int, stride: Int, padding: Int) {
    let x = G.random([2, 3, 5, 5], seed: 1)
    let w = G.random([4, 3, kernel, kernel], seed: 2)
    let b = G.random([4], seed: 3)
    G.check(inputs: [x, w, b]) { pass, t in
      pass.convolution(t[0], weight: t[1], bias: t[2], stride: stride, padding: padding)
    }
    G.check(inputs: [x, w]) { pass, t in
      pass.convolution(t[0], weight: t[1], stride: stride, padding: padding)
    }
  }

  @Test func batchNormGradientsWithBatchStatistics() {
    let x = G.random([3, 2, 3, 3], in: -2...2, seed: 4)
    let scale = G.random([2], in: 0.5...1.5, seed: 5)
    let shift = G.random([2], seed: 6)
    G.check(inputs: [x, scale, shift]) { pass, t in
      pass.batchNormalization(t[0], scale: t[1], shift: t[2]).output
    }
    let flat = G.random([5, 3], in: -2...2, seed: 7)
    G.check(inputs: [flat, G.random([3], seed: 8), G.random([3], seed: 9)]) { pass, t in
      pass.batchNormalization(t[0], scale: t[1], shift: t[2]).output
    }
  }

  @Test func batchNormGradientsWithRunningStatistics() {
    let x = G.random([2, 3, 2, 2], seed: 10)
    let mean = G.random([3], seed: 11)
    let variance = G.random([3], in: 0.5...2, seed: 12)
    G.check(inputs: [x, G.random([3], seed: 13), G.random([3], seed: 14)]) { pass, t in
      pass.batchNormalization(
        t[0], scale: t[1], shift: t[2], runningStatistics: (mean, variance)
      ).output
    }
  }

  @Test func activationGradients() {
    let x = G.random([2, 3, 4], in: -2...2, seed: 15)
    G.check(inputs: [x]) { pass, t in pass.relu(t[0]) }
    G.check(inputs: [x]) { pass, t in pass.leakyReLU(t[0], slope: 0.01) }
    G.check(inputs: [x]) { pass, t in pass.leakyReLU(t[0], slope: -0.3) }
    G.check(inputs: [x]) { pass, t in pass.tanh(t[0]) }
    G.check(inputs: [x]) { pass, t in pass.sigmoid(t[0]) }
  }

  @Test(arguments: [
    (window: 3, stride: 1, padding: 1), (window: 2, stride: 2, padding: 0),
    (window: 3, stride: 2, padding: 1),
  ])
  func poolingGradients(window: Int, stride: Int, padding: Int) {
    let x = G.random([2, 2, 5, 5], seed: 16)
    G.check(inputs: [x]) { pass, t in
      pass.averagePool(t[0], window: window, stride: stride, padding: padding)
    }
    G.check(inputs: [x]) { pass, t in
      pass.maxPool(t[0], window: window, stride: stride, padding: padding)
    }
  }

  @Test func globalAveragePoolGradient() {
    G.check(inputs: [G.random([2, 3, 3, 4], seed: 17)]) { pass, t in pass.globalAveragePool(t[0]) }
  }

  @Test func linearGradients() {
    let w = G.random([4, 5], seed: 18)
    let b = G.random([4], seed: 19)
    G.check(inputs: [G.random([3, 5], seed: 20), w, b]) { pass, t in
      pass.linear(t[0], weight: t[1], bias: t[2])
    }
    G.check(inputs: [G.random([2, 3, 5], seed: 21), w]) { pass, t in
      pass.linear(t[0], weight: t[1])
    }
  }

  @Test func embeddingGradient() {
    let table = G.random([5, 3], seed: 22)
    G.check(inputs: [table]) { pass, t in
      pass.embedding(t[0], indices: [4, 0, 4, 2, 1, 4], shape: [2, 3])
    }
  }

  @Test func arithmeticGradients() {
    let a = G.random([2, 3], seed: 23)
    let b = G.random([2, 3], seed: 24)
    let c = G.random([2, 3], seed: 25)
    G.check(inputs: [a, b]) { pass, t in pass.add(t[0], t[1]) }
    G.check(inputs: [a, b]) { pass, t in pass.subtract(t[0], t[1]) }
    G.check(inputs: [a, b]) { pass, t in pass.multiply(t[0], t[1]) }
    G.check(inputs: [a]) { pass, t in pass.scale(t[0], by: -2.5) }
    G.check(inputs: [a, b, c]) { pass, t in
      pass.weightedSum([t[0], t[1], t[2]], weights: [1, 0, 3])
    }
    G.check(inputs: [a]) { pass, t in pass.sum(t[0]) }
    G.check(inputs: [a]) { pass, t in pass.reshape(t[0], to: [3, 2]) }
    // A value used twice accumulates both gradients.
    G.check(inputs: [a, b]) { pass, t in pass.multiply(pass.add(t[0], t[1]), t[0]) }
  }

  @Test func channelGradients() {
    let a = G.random([2, 1, 2, 2], seed: 26)
    let b = G.random([2, 3, 2, 2], seed: 27)
    G.check(inputs: [a, b]) { pass, t in pass.concatenateChannels([t[0], t[1], t[0]]) }
    G.check(inputs: [b]) { pass, t in pass.sliceChannels(t[0], 1..<3) }
    G.check(inputs: [G.random([3, 5], seed: 28)]) { pass, t in pass.sliceChannels(t[0], 0..<2) }
  }

  @Test func crossEntropyGradient() {
    G.check(inputs: [G.random([4, 3], in: -3...3, seed: 29)]) { pass, t in
      pass.crossEntropy(t[0], labels: [2, 0, 1, 2])
    }
  }
}

/// The gradient checker itself must be able to fail.
struct GradientCheckTests {
  @Test func detectsAGradientThatIgnoresADependency() {
    let x = GradientCheck.random([2, 3], seed: 30)
    withKnownIssue("x·stop(x) has analytic gradient x, numeric 2x") {
      GradientCheck.check(inputs: [x]) { pass, t in
        // `t[0].reshaped` is an untracked copy: the tape sees a constant factor.
        pass.multiply(t[0], t[0].reshaped(t[0].shape))
      }
    }
  }
}
