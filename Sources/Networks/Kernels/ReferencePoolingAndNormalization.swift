/// Naive average pooling (`count_include_pad=False`): the definition tuned pooling is checked against.
package func referenceAveragePool2D<T: TensorScalar>(
  _ s: PoolingShape, input: UnsafePointer<T>, output: UnsafeMutablePointer<T>
) {
  let (ho, wo) = (s.outHeight, s.outWidth)
  for plane in 0..<(s.batch * s.channels) {
    let x = input + plane * s.inHeight * s.inWidth
    let y = output + plane * ho * wo
    for oy in 0..<ho {
      for ox in 0..<wo {
        var sum: T = 0
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
        y[oy * wo + ox] = count > 0 ? sum / T(count) : 0
      }
    }
  }
}

/// Naive input gradient of average pooling.
package func referenceAveragePool2DGradient<T: TensorScalar>(
  _ s: PoolingShape, outputGradient: UnsafePointer<T>,
  inputGradient: UnsafeMutablePointer<T>
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
        let g = dy[oy * wo + ox] / T(count)
        for iy in ys..<ye {
          for ix in xs..<xe { dx[iy * s.inWidth + ix] += g }
        }
      }
    }
  }
}

/// Naive max pooling with argmax (first maximum in window order; NaN wins).
package func referenceMaxPool2D<T: TensorScalar>(
  _ s: PoolingShape, input: UnsafePointer<T>, output: UnsafeMutablePointer<T>,
  argmax: UnsafeMutablePointer<Int32>
) {
  let (ho, wo) = (s.outHeight, s.outWidth)
  for plane in 0..<(s.batch * s.channels) {
    let base = plane * s.inHeight * s.inWidth
    for oy in 0..<ho {
      for ox in 0..<wo {
        var best = -T.infinity
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

/// Naive input gradient of max pooling: scatter-add through `argmax`.
package func referenceMaxPool2DGradient<T: TensorScalar>(
  _ s: PoolingShape, outputGradient: UnsafePointer<T>,
  argmax: UnsafePointer<Int32>, inputGradient: UnsafeMutablePointer<T>
) {
  inputGradient.update(repeating: 0, count: s.batch * s.channels * s.inHeight * s.inWidth)
  for o in 0..<(s.batch * s.channels * s.outHeight * s.outWidth) {
    inputGradient[Int(argmax[o])] += outputGradient[o]
  }
}

/// Naive batch normalisation (two-pass biased variance).
package func referenceBatchNormForward<T: TensorScalar>(
  batch: Int, channels: Int, spatial: Int, epsilon: T,
  input: UnsafePointer<T>, gamma: UnsafePointer<T>, beta: UnsafePointer<T>,
  statistics: (mean: UnsafePointer<T>, variance: UnsafePointer<T>)?,
  output: UnsafeMutablePointer<T>,
  savedMean: UnsafeMutablePointer<T>, savedInverseStd: UnsafeMutablePointer<T>
) {
  let count = T(batch * spatial)
  for ch in 0..<channels {
    var mean: T
    var variance: T
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

/// Naive batch-normalisation gradients.
package func referenceBatchNormBackward<T: TensorScalar>(
  batch: Int, channels: Int, spatial: Int, usedBatchStatistics: Bool,
  input: UnsafePointer<T>, outputGradient: UnsafePointer<T>,
  gamma: UnsafePointer<T>, savedMean: UnsafePointer<T>,
  savedInverseStd: UnsafePointer<T>,
  inputGradient: UnsafeMutablePointer<T>,
  gammaGradient: UnsafeMutablePointer<T>, betaGradient: UnsafeMutablePointer<T>
) {
  let count = T(batch * spatial)
  for ch in 0..<channels {
    let (mean, inverseStd) = (savedMean[ch], savedInverseStd[ch])
    var sumDy: T = 0
    var sumDyXHat: T = 0
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
