/// Straightforward loop implementations of every ``TensorScalar`` kernel.
///
/// They are the definition the tuned kernels are tested against, and the default for
/// scalar types without tuned kernels. Single-threaded, so trivially deterministic.
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
    _ s: PoolingShape, input: UnsafePointer<Self>, output: UnsafeMutablePointer<Self>
  ) {
    let (ho, wo) = (s.outHeight, s.outWidth)
    for plane in 0..<(s.batch * s.channels) {
      let x = input + plane * s.inHeight * s.inWidth
      let y = output + plane * ho * wo
      for oy in 0..<ho {
        for ox in 0..<wo {
          var sum: Self = 0
          var count = 0
          for ky in 0..<s.window {
            let iy = oy * s.stride - s.padding + ky
            guard iy >= 0 && iy < s.inHeight else { continue }
            for kx in 0..<s.window {
              let ix = ox * s.stride - s.padding + kx
              guard ix >= 0 && ix < s.inWidth else { continue }
              sum += x[iy * s.inWidth + ix]
              count += 1
            }
          }
          y[oy * wo + ox] = count > 0 ? sum / Self(count) : 0
        }
      }
    }
  }

  public static func averagePool2DGradient(
    _ s: PoolingShape, outputGradient: UnsafePointer<Self>,
    inputGradient: UnsafeMutablePointer<Self>
  ) {
    let (ho, wo) = (s.outHeight, s.outWidth)
    inputGradient.update(repeating: 0, count: s.batch * s.channels * s.inHeight * s.inWidth)
    for plane in 0..<(s.batch * s.channels) {
      let dx = inputGradient + plane * s.inHeight * s.inWidth
      let dy = outputGradient + plane * ho * wo
      for oy in 0..<ho {
        for ox in 0..<wo {
          let ys = max(0, oy * s.stride - s.padding)
          let ye = min(s.inHeight, oy * s.stride - s.padding + s.window)
          let xs = max(0, ox * s.stride - s.padding)
          let xe = min(s.inWidth, ox * s.stride - s.padding + s.window)
          let count = (ye - ys) * (xe - xs)
          guard count > 0 else { continue }
          let g = dy[oy * wo + ox] / Self(count)
          for iy in ys..<ye {
            for ix in xs..<xe { dx[iy * s.inWidth + ix] += g }
          }
        }
      }
    }
  }

  public static func maxPool2D(
    _ s: PoolingShape, input: UnsafePointer<Self>, output: UnsafeMutablePointer<Self>,
    argmax: UnsafeMutablePointer<Int32>
  ) {
    let (ho, wo) = (s.outHeight, s.outWidth)
    for plane in 0..<(s.batch * s.channels) {
      let base = plane * s.inHeight * s.inWidth
      for oy in 0..<ho {
        for ox in 0..<wo {
          var best = -Self.infinity
          var bestIndex = -1
          for ky in 0..<s.window {
            let iy = oy * s.stride - s.padding + ky
            guard iy >= 0 && iy < s.inHeight else { continue }
            for kx in 0..<s.window {
              let ix = ox * s.stride - s.padding + kx
              guard ix >= 0 && ix < s.inWidth else { continue }
              let v = input[base + iy * s.inWidth + ix]
              if bestIndex < 0 || v > best || v.isNaN {
                best = v
                bestIndex = base + iy * s.inWidth + ix
              }
            }
          }
          let o = plane * ho * wo + oy * wo + ox
          output[o] = best
          argmax[o] = Int32(bestIndex)
        }
      }
    }
  }

  public static func maxPool2DGradient(
    _ s: PoolingShape, outputGradient: UnsafePointer<Self>,
    argmax: UnsafePointer<Int32>, inputGradient: UnsafeMutablePointer<Self>
  ) {
    inputGradient.update(repeating: 0, count: s.batch * s.channels * s.inHeight * s.inWidth)
    for o in 0..<(s.batch * s.channels * s.outHeight * s.outWidth) {
      inputGradient[Int(argmax[o])] += outputGradient[o]
    }
  }

  public static func batchNormForward(
    batch: Int, channels: Int, spatial: Int, epsilon: Self,
    input: UnsafePointer<Self>, gamma: UnsafePointer<Self>, beta: UnsafePointer<Self>,
    statistics: (mean: UnsafePointer<Self>, variance: UnsafePointer<Self>)?,
    output: UnsafeMutablePointer<Self>,
    savedMean: UnsafeMutablePointer<Self>, savedInverseStd: UnsafeMutablePointer<Self>
  ) {
    let count = Self(batch * spatial)
    for ch in 0..<channels {
      var mean: Self
      var variance: Self
      if let statistics {
        mean = statistics.mean[ch]
        variance = statistics.variance[ch]
      } else {
        mean = 0
        for n in 0..<batch {
          let x = input + (n * channels + ch) * spatial
          for i in 0..<spatial { mean += x[i] }
        }
        mean /= count
        variance = 0
        for n in 0..<batch {
          let x = input + (n * channels + ch) * spatial
          for i in 0..<spatial { variance += (x[i] - mean) * (x[i] - mean) }
        }
        variance /= count
      }
      let inverseStd = 1 / (variance + epsilon).squareRoot()
      savedMean[ch] = mean
      savedInverseStd[ch] = inverseStd
      for n in 0..<batch {
        let x = input + (n * channels + ch) * spatial
        let y = output + (n * channels + ch) * spatial
        for i in 0..<spatial { y[i] = gamma[ch] * (x[i] - mean) * inverseStd + beta[ch] }
      }
    }
  }

  public static func batchNormBackward(
    batch: Int, channels: Int, spatial: Int, usedBatchStatistics: Bool,
    input: UnsafePointer<Self>, outputGradient: UnsafePointer<Self>,
    gamma: UnsafePointer<Self>, savedMean: UnsafePointer<Self>,
    savedInverseStd: UnsafePointer<Self>,
    inputGradient: UnsafeMutablePointer<Self>,
    gammaGradient: UnsafeMutablePointer<Self>, betaGradient: UnsafeMutablePointer<Self>
  ) {
    let count = Self(batch * spatial)
    for ch in 0..<channels {
      let (mean, inverseStd) = (savedMean[ch], savedInverseStd[ch])
      var sumDy: Self = 0
      var sumDyXHat: Self = 0
      for n in 0..<batch {
        let x = input + (n * channels + ch) * spatial
        let dy = outputGradient + (n * channels + ch) * spatial
        for i in 0..<spatial {
          sumDy += dy[i]
          sumDyXHat += dy[i] * (x[i] - mean) * inverseStd
        }
      }
      betaGradient[ch] = sumDy
      gammaGradient[ch] = sumDyXHat
      let scale = gamma[ch] * inverseStd
      for n in 0..<batch {
        let x = input + (n * channels + ch) * spatial
        let dy = outputGradient + (n * channels + ch) * spatial
        let dx = inputGradient + (n * channels + ch) * spatial
        for i in 0..<spatial {
          if usedBatchStatistics {
            let xHat = (x[i] - mean) * inverseStd
            dx[i] = scale * (dy[i] - sumDy / count - xHat * sumDyXHat / count)
          } else {
            dx[i] = scale * dy[i]
          }
        }
      }
    }
  }
}

extension Float: TensorScalar {}
extension Double: TensorScalar {}
