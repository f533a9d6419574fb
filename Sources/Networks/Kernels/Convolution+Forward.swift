/// Convolution forward pass as an implicit GEMM: `output[n] = W · im2col(input[n])`
/// with M = output channels, K = Cin·kh·kw and the output pixels of the whole batch as
/// N, cut into micro-panels of 3·lanes pixels.
///
/// The weights are packed once per call. Each thread owns a contiguous range of pixel
/// panels; for each panel it writes that panel's im2col columns straight into packed-B
/// form (vector copies of input row segments out of a zero-padded copy of the images
/// involved, so no bounds checks in the copies), then runs the micro-kernel over all
/// rows of W with the whole depth K. The panel (K × 24 floats) stays in L2, the result
/// tile goes straight into the NCHW output unless the panel straddles two images.
/// Every output element is one dot product in a fixed order, so results do not depend
/// on the thread count. 1×1 stride-1 convolutions read the image rows directly.
@inline(__always)
func convolveForward<S: KernelScalar>(
  _ shape: ConvolutionGeometry, input: UnsafePointer<S>, weight: UnsafePointer<S>,
  output: UnsafeMutablePointer<S>
) {
  let g = shape.flattenedIfPointwise
  let m = g.outChannels
  let k = g.depth
  let pixels = g.outPixels
  let total = g.batch * pixels
  guard m > 0 && total > 0 else { return }
  guard k > 0 else {
    output.update(repeating: 0, count: m * total)
    return
  }
  let mr = S.microTileRows
  let nr = S.microTileColumns
  let packedWeight = Scratch<S>(count: (m + mr - 1) / mr * mr * k)
  defer { packedWeight.deallocate() }
  S.packA(transposed: false, rows: m, depth: k, a: weight, lda: k, into: packedWeight.base)
  let panels = (total + nr - 1) / nr
  let parts = threadCount(work: m * k * total, limit: panels)
  nonisolated(unsafe) let (input, output, packed) = (input, output, UnsafePointer(packedWeight.base))
  forEachPart(parts) { part in
    let range = slice(panels, parts: parts, part: part)
    guard !range.isEmpty else { return }
    let worker = ImageColumnPacker<S>(g, input: input)
    let columns = Scratch<S>(count: k * nr)
    let tile = Scratch<S>(count: mr * nr)
    defer {
      worker.deallocate()
      columns.deallocate()
      tile.deallocate()
    }
    for panel in range {
      let first = panel * nr
      let count = min(nr, total - first)
      worker.pack(columns: first..<(first + count), into: columns.base)
      let image = first / pixels
      let lastImage = (first + count - 1) / pixels
      if image == lastImage {
        let c = output + image * m * pixels + (first - image * pixels)
        var ir = 0
        while ir < m {
          S.tile(
            depth: k, a: packed + ir * k, b: columns.base, c: c + ir * pixels, ldc: pixels,
            rows: min(mr, m - ir), columns: count, alpha: 1, beta: 0)
          ir += mr
        }
      } else {
        var ir = 0
        while ir < m {
          let rows = min(mr, m - ir)
          S.tile(
            depth: k, a: packed + ir * k, b: columns.base, c: tile.base, ldc: nr,
            rows: rows, columns: count, alpha: 1, beta: 0)
          for j in 0..<count {
            let q = first + j
            let n = q / pixels
            let c = output + (n * m + ir) * pixels + (q - n * pixels)
            for r in 0..<rows { c[r * pixels] = tile.base[r * nr + j] }
          }
          ir += mr
        }
      }
    }
  }
}

/// Writes im2col columns (one per output pixel, K = Cin·kh·kw values each) in packed-B
/// layout `[K][3·lanes]`, reading a zero-padded copy of each image it needs (or the
/// input itself when no window leaves it). One per thread.
private struct ImageColumnPacker<S: KernelScalar> {
  let g: ConvolutionGeometry
  let input: UnsafePointer<S>
  let paddedHeight: Int
  let paddedWidth: Int
  /// Elements of one (padded) image.
  let imageSize: Int
  /// Padded copies of the most recent images, `slotCount` of them, and which image
  /// each slot holds (-1: none). Nil when the input is read directly.
  let slots: Scratch<S>?
  let slotImages: UnsafeMutablePointer<Int>
  let slotCount: Int

  init(_ g: ConvolutionGeometry, input: UnsafePointer<S>) {
    self.g = g
    self.input = input
    if g.needsPadding {
      paddedHeight = g.paddedHeight
      paddedWidth = g.paddedWidth
    } else {
      paddedHeight = g.inHeight
      paddedWidth = g.inWidth
    }
    imageSize = g.inChannels * paddedHeight * paddedWidth
    // A panel of 3·lanes pixels touches at most this many consecutive images.
    slotCount = g.needsPadding ? (S.microTileColumns + g.outPixels - 1) / g.outPixels + 1 : 0
    slots = g.needsPadding ? Scratch<S>(count: slotCount * imageSize) : nil
    slotImages = .allocate(capacity: max(1, slotCount))
    slotImages.initialize(repeating: -1, count: max(1, slotCount))
  }

  func deallocate() {
    slots?.deallocate()
    slotImages.deallocate()
  }

  /// Image `n` in padded coordinates: `[Cin][paddedHeight][paddedWidth]`.
  @inline(__always)
  func image(_ n: Int) -> UnsafePointer<S> {
    guard let slots else { return input + n * imageSize }
    let slot = n % slotCount
    let base = slots.base + slot * imageSize
    if slotImages[slot] != n {
      slotImages[slot] = n
      base.update(repeating: 0, count: imageSize)
      let source = input + n * g.inChannels * g.inHeight * g.inWidth
      for c in 0..<g.inChannels {
        for y in 0..<g.inHeight {
          let from = source + (c * g.inHeight + y) * g.inWidth
          let to = base + (c * paddedHeight + y + g.padTop) * paddedWidth + g.padLeft
          to.update(from: from, count: g.inWidth)
        }
      }
    }
    return UnsafePointer(base)
  }

  /// Packs the im2col columns of the global output pixels `range` (batch-major) into
  /// `dst` (`[K][3·lanes]`, zero beyond the range).
  @inline(__always)
  func pack(columns range: Range<Int>, into dst: UnsafeMutablePointer<S>) {
    let nr = S.microTileColumns
    let pixels = g.outPixels
    let (kh, kw, s) = (g.kernelHeight, g.kernelWidth, g.stride)
    let plane = paddedHeight * paddedWidth
    var q = range.lowerBound
    while q < range.upperBound {
      let n = q / pixels
      let pixel = q - n * pixels
      let oy = pixel / g.outWidth
      let ox = pixel - oy * g.outWidth
      let length = min(g.outWidth - ox, range.upperBound - q)
      let source = image(n) + (oy * s) * paddedWidth + ox * s
      var d = dst + (q - range.lowerBound)
      for c in 0..<g.inChannels {
        let channel = source + c * plane
        for ky in 0..<kh {
          let row = channel + ky * paddedWidth
          for kx in 0..<kw {
            copyRun(from: row + kx, stride: s, to: d, count: length)
            d += nr
          }
        }
      }
      q += length
    }
    let filled = range.count
    if filled < nr {
      for p in 0..<g.depth {
        (dst + p * nr + filled).update(repeating: 0, count: nr - filled)
      }
    }
  }
}

/// Copies `count` elements `src[t·stride]` to `dst[t]`; stride-1 runs of at least one
/// vector move whole vectors (the last one overlapping, which is harmless for a copy).
@inline(__always)
private func copyRun<S: KernelScalar>(
  from src: UnsafePointer<S>, stride: Int, to dst: UnsafeMutablePointer<S>, count: Int
) {
  let lanes = S.lanes
  if stride == 1 && count >= lanes {
    let s = UnsafeRawPointer(src)
    let d = UnsafeMutableRawPointer(dst)
    let step = lanes * MemoryLayout<S>.stride
    var offset = 0
    let last = (count - lanes) * MemoryLayout<S>.stride
    while offset < last {
      d.storeBytes(of: s.loadUnaligned(fromByteOffset: offset, as: S.Vector.self), toByteOffset: offset, as: S.Vector.self)
      offset += step
    }
    d.storeBytes(of: s.loadUnaligned(fromByteOffset: last, as: S.Vector.self), toByteOffset: last, as: S.Vector.self)
  } else {
    for t in 0..<count { dst[t] = src[t * stride] }
  }
}

extension Float {
  /// The tuned single-precision convolution (see ``convolveForward``).
  public static func convolution2D(
    _ shape: ConvolutionShape, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
    output: UnsafeMutablePointer<Float>
  ) {
    convolveForward(ConvolutionGeometry(shape), input: input, weight: weight, output: output)
  }

  static func convolve(
    _ geometry: ConvolutionGeometry, input: UnsafePointer<Float>,
    weight: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>
  ) {
    convolveForward(geometry, input: input, weight: weight, output: output)
  }
}

extension Double {
  /// The tuned double-precision convolution (see ``convolveForward``).
  public static func convolution2D(
    _ shape: ConvolutionShape, input: UnsafePointer<Double>, weight: UnsafePointer<Double>,
    output: UnsafeMutablePointer<Double>
  ) {
    convolveForward(ConvolutionGeometry(shape), input: input, weight: weight, output: output)
  }

  static func convolve(
    _ geometry: ConvolutionGeometry, input: UnsafePointer<Double>,
    weight: UnsafePointer<Double>, output: UnsafeMutablePointer<Double>
  ) {
    convolveForward(geometry, input: input, weight: weight, output: output)
  }
}
