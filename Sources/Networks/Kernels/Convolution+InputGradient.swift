/// The input gradient of a convolution, `dX = convᵀ(dY, W)`.
///
/// Stride 1 (every NB201 cell convolution): `dX` is itself a convolution of `dY` with
/// the weights flipped in space and transposed in channels, padded by `k − 1 − p`, so
/// it runs on the tuned forward kernel. Other strides: per image, the columns
/// `Wᵀ·dY[n]` (M = Cin·kh·kw, N = output pixels, K = Cout) come out of the
/// micro-kernel tile by tile and are scatter-added (col2im) into a zero-padded copy of
/// `dX[n]`, which is then cropped into place. Threads own whole images, and each image
/// accumulates in a fixed order, so the result does not depend on the thread count.
@inline(__always)
func convolveInputGradient<S: KernelScalar>(
  _ shape: ConvolutionShape, outputGradient dy: UnsafePointer<S>,
  weight: UnsafePointer<S>, inputGradient dx: UnsafeMutablePointer<S>
) {
  let g = ConvolutionGeometry(shape)
  let (kh, kw) = (g.kernelHeight, g.kernelWidth)
  if g.stride == 1 && g.padTop <= kh - 1 && g.padLeft <= kw - 1 {
    let (cout, cin) = (g.outChannels, g.inChannels)
    let flipped = Scratch<S>(count: cin * cout * kh * kw)
    defer { flipped.deallocate() }
    for co in 0..<cout {
      for ci in 0..<cin {
        let from = weight + (co * cin + ci) * kh * kw
        let to = flipped.base + (ci * cout + co) * kh * kw
        for i in 0..<(kh * kw) { to[kh * kw - 1 - i] = from[i] }
      }
    }
    var transposed = g
    transposed.inChannels = cout
    transposed.inHeight = g.outHeight
    transposed.inWidth = g.outWidth
    transposed.outChannels = cin
    transposed.padTop = kh - 1 - g.padTop
    transposed.padLeft = kw - 1 - g.padLeft
    transposed.outHeight = g.inHeight
    transposed.outWidth = g.inWidth
    S.convolve(transposed, input: dy, weight: flipped.base, output: dx)
    return
  }
  scatterInputGradient(g, outputGradient: dy, weight: weight, inputGradient: dx)
}

/// The col2im path of ``convolveInputGradient`` (strided convolutions).
@inline(__always)
private func scatterInputGradient<S: KernelScalar>(
  _ g: ConvolutionGeometry, outputGradient dy: UnsafePointer<S>,
  weight: UnsafePointer<S>, inputGradient dx: UnsafeMutablePointer<S>
) {
  let k = g.depth
  let cout = g.outChannels
  let pixels = g.outPixels
  let inPlane = g.inHeight * g.inWidth
  dx.update(repeating: 0, count: g.batch * g.inChannels * inPlane)
  guard k > 0 && cout > 0 && pixels > 0 && g.batch > 0 else { return }
  let mr = S.microTileRows
  let nr = S.microTileColumns
  let packedWeight = Scratch<S>(count: (k + mr - 1) / mr * mr * cout)
  defer { packedWeight.deallocate() }
  S.packA(transposed: true, rows: k, depth: cout, a: weight, lda: k, into: packedWeight.base)
  let (hp, wp) = (g.paddedHeight, g.paddedWidth)
  let parts = threadCount(work: k * cout * pixels * g.batch, limit: g.batch)
  nonisolated(unsafe) let (dy, dx, packed) = (dy, dx, UnsafePointer(packedWeight.base))
  forEachChunk(g.batch, threads: parts) { queue in
    let padded = Scratch<S>(count: g.inChannels * hp * wp)
    let panel = Scratch<S>(count: cout * nr)
    let tile = Scratch<S>(count: mr * nr)
    defer {
      padded.deallocate()
      panel.deallocate()
      tile.deallocate()
    }
    while let images = queue.take() {
      for n in images {
        padded.base.update(repeating: 0, count: g.inChannels * hp * wp)
        let gradient = dy + n * cout * pixels
        var first = 0
        while first < pixels {
          let count = min(nr, pixels - first)
          for co in 0..<cout {
            let to = panel.base + co * nr
            to.update(from: gradient + co * pixels + first, count: count)
            if count < nr { (to + count).update(repeating: 0, count: nr - count) }
          }
          var ir = 0
          while ir < k {
            let rows = min(mr, k - ir)
            S.tile(
              depth: cout, a: packed + ir * cout, b: panel.base, c: tile.base, ldc: nr,
              rows: rows, columns: count, alpha: 1, beta: 0)
            for r in 0..<rows {
              let kIndex = ir + r
              let ci = kIndex / (g.kernelHeight * g.kernelWidth)
              let rest = kIndex - ci * g.kernelHeight * g.kernelWidth
              let ky = rest / g.kernelWidth
              let kx = rest - ky * g.kernelWidth
              let target = padded.base + (ci * hp + ky) * wp + kx
              let values = tile.base + r * nr
              var oy = first / g.outWidth
              var ox = first - oy * g.outWidth
              for j in 0..<count {
                target[(oy * wp + ox) * g.stride] += values[j]
                ox += 1
                if ox == g.outWidth {
                  ox = 0
                  oy += 1
                }
              }
            }
            ir += mr
          }
          first += nr
        }
        let image = dx + n * g.inChannels * inPlane
        for c in 0..<g.inChannels {
          for y in 0..<g.inHeight {
            let from = padded.base + (c * hp + y + g.padTop) * wp + g.padLeft
            (image + (c * g.inHeight + y) * g.inWidth).update(from: from, count: g.inWidth)
          }
        }
      }
    }
  }
}

extension Float {
  /// The tuned single-precision input gradient (see ``convolveInputGradient``).
  public static func convolution2DInputGradient(
    _ shape: ConvolutionShape, outputGradient: UnsafePointer<Float>,
    weight: UnsafePointer<Float>, inputGradient: UnsafeMutablePointer<Float>
  ) {
    convolveInputGradient(
      shape, outputGradient: outputGradient, weight: weight, inputGradient: inputGradient)
  }
}

extension Double {
  /// The tuned double-precision input gradient (see ``convolveInputGradient``).
  public static func convolution2DInputGradient(
    _ shape: ConvolutionShape, outputGradient: UnsafePointer<Double>,
    weight: UnsafePointer<Double>, inputGradient: UnsafeMutablePointer<Double>
  ) {
    convolveInputGradient(
      shape, outputGradient: outputGradient, weight: weight, inputGradient: inputGradient)
  }
}
