/// Naive GEMM: the definition tuned GEMMs are checked against.
package func referenceGEMM<T: TensorScalar>(
  transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
  alpha: T, a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
  beta: T, c: UnsafeMutablePointer<T>, ldc: Int
) {
  for i in 0..<m {
    for j in 0..<n {
      var sum: T = 0
      for p in 0..<k {
        let av = transposeA ? a[p * lda + i] : a[i * lda + p]
        let bv = transposeB ? b[j * ldb + p] : b[p * ldb + j]
        sum += av * bv
      }
      c[i * ldc + j] = beta == 0 ? alpha * sum : alpha * sum + beta * c[i * ldc + j]
    }
  }
}

/// Naive direct convolution: the definition tuned convolutions are checked against.
package func referenceConvolution2D<T: TensorScalar>(
  _ s: ConvolutionShape, input: UnsafePointer<T>, weight: UnsafePointer<T>,
  output: UnsafeMutablePointer<T>
) {
  let (ho, wo) = (s.outHeight, s.outWidth)
  for n in 0..<s.batch {
    for co in 0..<s.outChannels {
      for oy in 0..<ho {
        for ox in 0..<wo {
          var sum: T = 0
          for ci in 0..<s.inChannels {
            for ky in 0..<s.kernelHeight {
              let iy = oy * s.stride - s.padding + ky
              guard iy >= 0 && iy < s.inHeight else { continue }
              for kx in 0..<s.kernelWidth {
                let ix = ox * s.stride - s.padding + kx
                guard ix >= 0 && ix < s.inWidth else { continue }
                let xv = input[((n * s.inChannels + ci) * s.inHeight + iy) * s.inWidth + ix]
                let wv = weight[
                  ((co * s.inChannels + ci) * s.kernelHeight + ky) * s.kernelWidth + kx]
                sum += xv * wv
              }
            }
          }
          output[((n * s.outChannels + co) * ho + oy) * wo + ox] = sum
        }
      }
    }
  }
}

/// Naive input gradient of a convolution.
package func referenceConvolution2DInputGradient<T: TensorScalar>(
  _ s: ConvolutionShape, outputGradient: UnsafePointer<T>, weight: UnsafePointer<T>,
  inputGradient: UnsafeMutablePointer<T>
) {
  let (ho, wo) = (s.outHeight, s.outWidth)
  inputGradient.update(repeating: 0, count: s.inputCount)
  for n in 0..<s.batch {
    for co in 0..<s.outChannels {
      for oy in 0..<ho {
        for ox in 0..<wo {
          let g = outputGradient[((n * s.outChannels + co) * ho + oy) * wo + ox]
          for ci in 0..<s.inChannels {
            for ky in 0..<s.kernelHeight {
              let iy = oy * s.stride - s.padding + ky
              guard iy >= 0 && iy < s.inHeight else { continue }
              for kx in 0..<s.kernelWidth {
                let ix = ox * s.stride - s.padding + kx
                guard ix >= 0 && ix < s.inWidth else { continue }
                let wv = weight[
                  ((co * s.inChannels + ci) * s.kernelHeight + ky) * s.kernelWidth + kx]
                inputGradient[((n * s.inChannels + ci) * s.inHeight + iy) * s.inWidth + ix] +=
                  g * wv
              }
            }
          }
        }
      }
    }
  }
}

/// Naive weight gradient of a convolution, summed over the batch.
package func referenceConvolution2DWeightGradient<T: TensorScalar>(
  _ s: ConvolutionShape, input: UnsafePointer<T>, outputGradient: UnsafePointer<T>,
  weightGradient: UnsafeMutablePointer<T>
) {
  let (ho, wo) = (s.outHeight, s.outWidth)
  weightGradient.update(repeating: 0, count: s.weightCount)
  for n in 0..<s.batch {
    for co in 0..<s.outChannels {
      for oy in 0..<ho {
        for ox in 0..<wo {
          let g = outputGradient[((n * s.outChannels + co) * ho + oy) * wo + ox]
          for ci in 0..<s.inChannels {
            for ky in 0..<s.kernelHeight {
              let iy = oy * s.stride - s.padding + ky
              guard iy >= 0 && iy < s.inHeight else { continue }
              for kx in 0..<s.kernelWidth {
                let ix = ox * s.stride - s.padding + kx
                guard ix >= 0 && ix < s.inWidth else { continue }
                let xv = input[((n * s.inChannels + ci) * s.inHeight + iy) * s.inWidth + ix]
                weightGradient[
                  ((co * s.inChannels + ci) * s.kernelHeight + ky) * s.kernelWidth + kx] += g * xv
              }
            }
          }
        }
      }
    }
  }
}
