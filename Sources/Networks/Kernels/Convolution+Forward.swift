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
/// on the thread count. 1×1 stride-1 convolutions read the image rows directly. With
/// ``ConvolutionGeometry/rectifiesInput``, every copy of the input takes its ReLU on the
/// way (`x < 0 ? 0 : x`, as ``ElementwiseKernels/relu(_:_:count:)``).
///
/// With `moments`, the direct path also writes `Σy` and `Σy²` per output channel
/// (`moments[2c]`, `moments[2c + 1]`), formed image by image while each image's output is
/// still in cache; the function returns whether it did (the packed path does not).
@inline(__always)
@discardableResult
func convolveForward<S: KernelScalar>(
  _ shape: ConvolutionGeometry, input: UnsafePointer<S>, weight: UnsafePointer<S>,
  output: UnsafeMutablePointer<S>, moments: UnsafeMutablePointer<Double>? = nil
) -> Bool {
  let g = shape.flattenedIfPointwise
  let m = g.outChannels
  let k = g.depth
  let pixels = g.outPixels
  let total = g.batch * pixels
  guard m > 0 && total > 0 && k > 0 else {
    output.update(repeating: 0, count: m * total)
    return false
  }
  let mr = S.microTileRows
  let nr = S.microTileColumns
  let packedWeight = Scratch<S>(count: (m + mr - 1) / mr * mr * k)
  defer { packedWeight.deallocate() }
  let direct = usesDirectConvolution(g)
  let runPairs = runPairLanes(g, S.self)
  if runPairs != nil {
    packRunPairWeights(rows: m, depth: k, a: weight, into: packedWeight.base)
  } else {
    S.packA(transposed: false, rows: m, depth: k, a: weight, lda: k, into: packedWeight.base)
  }
  if direct || runPairs != nil {
    // Moments only where the direct path always formed them: elsewhere the batch norm
    // forms its statistics itself, as it did when these shapes were packed.
    convolveDirectly(
      g, input: input, packedWeight: packedWeight.base, runPairLanes: runPairs, output: output,
      moments: direct ? moments : nil)
    return direct && moments != nil
  }
  let panels = (total + nr - 1) / nr
  // Panels packed together: about 128 KB of columns, so that each input row is read as
  // one long run (streams well) and the block still sits in L2.
  let blockPanels = max(1, min(32, (128 << 10) / (k * nr * MemoryLayout<S>.stride)))
  let blocks = (panels + blockPanels - 1) / blockPanels
  let parts = threadCount(work: m * k * total, limit: blocks)
  nonisolated(unsafe) let (input, output, packed) = (
    input, output, UnsafePointer(packedWeight.base)
  )
  forEachChunk(blocks, threads: parts) { queue in
    let packer = ImageColumnPacker<S>(g, input: input, blockColumns: blockPanels * nr)
    let columns = Scratch<S>(count: k * nr * blockPanels)
    let tile = Scratch<S>(count: mr * nr)
    defer {
      packer.deallocate()
      columns.deallocate()
      tile.deallocate()
    }
    while let range = queue.take() {
      for block in range {
        let blockFirst = block * blockPanels * nr
        let blockEnd = min(total, blockFirst + blockPanels * nr)
        packer.pack(columns: blockFirst..<blockEnd, into: columns.base)
        var first = blockFirst
        var panelColumns = UnsafePointer(columns.base)
        while first < blockEnd {
          let count = min(nr, blockEnd - first)
          let image = first / pixels
          let lastImage = (first + count - 1) / pixels
          if image == lastImage {
            let c = output + image * m * pixels + (first - image * pixels)
            var ir = 0
            while ir < m {
              S.tile(
                depth: k, a: packed + ir * k, b: panelColumns, c: c + ir * pixels, ldc: pixels,
                rows: min(mr, m - ir), columns: count, alpha: 1, beta: 0)
              ir += mr
            }
          } else {
            var ir = 0
            while ir < m {
              let rows = min(mr, m - ir)
              S.tile(
                depth: k, a: packed + ir * k, b: panelColumns, c: tile.base, ldc: nr,
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
          first += nr
          panelColumns += k * nr
        }
      }
    }
  }
  return false
}

/// Whether ``convolveDirectly`` beats im2col packing for `g` (pointwise convolutions
/// already flattened): stride 1, few output channels to share each packed panel (packing
/// is what it saves), and long runs of output positions: rows of 16 or more for a
/// window (the padding columns it computes and drops then cost little), 256 pixels or
/// more for a flattened 1×1 convolution, which has no padding columns (measured 25-30%
/// faster than packing at 32×32, about the same at 16×16).
@inline(__always)
private func usesDirectConvolution(_ g: ConvolutionGeometry) -> Bool {
  guard g.stride == 1 && g.outChannels <= 32 else { return false }
  if g.outHeight == 1 && g.kernelHeight == 1 && g.kernelWidth == 1 {
    return g.outWidth >= 256
  }
  return g.outHeight > 1 && g.outWidth >= 16
}

/// The vector width (``KernelScalar/WideVector`` or ``KernelScalar/Vector`` lanes) at
/// which ``convolveDirectly`` tiles `g` by ``runPairMicroKernel``, or nil when it does
/// not: that needs the kernel's registers, stride 1, output channels that fill its
/// 8-row panels, and output rows of whole vectors, an even number per image (so no run
/// crosses a row or an image).
///
/// It also takes stride-1 shapes that ``usesDirectConvolution(_:)`` leaves to im2col
/// packing (rows of 8: NB201's third stage), since its tiles waste nothing there either.
@inline(__always)
private func runPairLanes<S: KernelScalar>(_ g: ConvolutionGeometry, _: S.Type) -> Int? {
  guard S.hasRunPairTiles && g.stride == 1 && g.outChannels % S.runPairRows == 0 else {
    return nil
  }
  func fits(_ lanes: Int) -> Bool {
    g.outWidth % lanes == 0 && (g.outPixels / lanes) % 2 == 0
  }
  if fits(S.WideVector.scalarCount) { return S.WideVector.scalarCount }
  return fits(S.lanes) ? S.lanes : nil
}

/// Stride-1 convolution without im2col.
///
/// Each image is copied once into a zero-padded buffer with row pitch `wp`; then output
/// position `q = oy·wp + ox` and tap `(c, ky, kx)` read the buffer at
/// `q + c·plane + ky·wp + kx`, so the ``KernelScalar/directTileColumns`` consecutive
/// positions of a tile are one contiguous run for every tap and the micro-kernel loads
/// them in place (``offsetMicroKernel(depth:a:b:offsets:c:ldc:rows:columns:)``). Positions with
/// `ox ≥ outWidth` (the padding columns) are computed and dropped. When
/// `runPairLanes` is given (``runPairLanes(_:_:)``), the tiles are
/// ``runPairMicroKernel``'s instead: two vectors of real outputs each (`packedWeight` in
/// its 8-row panels), nothing dropped.
///
/// Threads own contiguous ranges of (image, panel) pairs; every output is the same dot
/// product in the same order whoever computes it. With `moments`, each range is one
/// whole image, whose per-channel sums are formed right after it (``imageMoments``) and
/// added up over the images in order, so they do not depend on the threads either.
@inline(__always)
private func convolveDirectly<S: KernelScalar>(
  _ g: ConvolutionGeometry, input: UnsafePointer<S>, packedWeight: UnsafePointer<S>,
  runPairLanes: Int?, output: UnsafeMutablePointer<S>, moments: UnsafeMutablePointer<Double>?
) {
  let m = g.outChannels
  let k = g.depth
  let mr = S.microTileRows
  let nr = S.directTileColumns
  let (kh, kw) = (g.kernelHeight, g.kernelWidth)
  let wp = max(g.padLeft + g.inWidth, g.outWidth + kw - 1)
  let hp = max(g.padTop + g.inHeight, g.outHeight + kh - 1)
  // Planes of a multiple of 1024 elements (4 KiB or more) would put the same row of
  // every channel in the same L1 sets; 16 more elements spread them.
  let plane = hp * wp % 1024 == 0 ? hp * wp + 16 : hp * wp
  let positions = g.outHeight * wp
  let pixels = g.outPixels
  // Room for the last panel's reads past the last row.
  let bufferSize = g.inChannels * plane + nr + wp + kw
  let runPairs = runPairLanes != nil
  let lanes = runPairLanes ?? 1
  let wide = lanes == S.WideVector.scalarCount
  // Units of work per image: panels of `nr` positions, or pairs of output vectors.
  let panelsPerImage = runPairs ? pixels / (2 * lanes) : (positions + nr - 1) / nr
  let total = g.batch * panelsPerImage
  let offsets = UnsafeMutablePointer<Int>.allocate(capacity: k)
  defer { offsets.deallocate() }
  var kIndex = 0
  for c in 0..<g.inChannels {
    for ky in 0..<kh {
      for kx in 0..<kw {
        offsets[kIndex] = c * plane + ky * wp + kx
        kIndex += 1
      }
    }
  }
  let parts = threadCount(work: m * k * pixels * g.batch, limit: total)
  // Per image and channel: Σy, Σy².
  let imageSums = moments.map { _ in
    UnsafeMutablePointer<Double>.allocate(capacity: 2 * g.batch * m)
  }
  defer { imageSums?.deallocate() }
  nonisolated(unsafe) let (input, output, offsetTable, packedWeight, sums) = (
    input, output, UnsafePointer(offsets), packedWeight, imageSums
  )
  forEachChunk(total, threads: parts, chunk: sums == nil ? nil : panelsPerImage) { queue in
    let padded = Scratch<S>(count: bufferSize)
    let tile = Scratch<S>(count: mr * nr)
    defer {
      padded.deallocate()
      tile.deallocate()
    }
    padded.base.update(repeating: 0, count: bufferSize)
    var loaded = -1
    while let range = queue.take() {
      for global in range {
        let n = global / panelsPerImage
        if n != loaded {
          // Only the interior is written, so the zero border stays zero.
          let source = input + n * g.inChannels * g.inHeight * g.inWidth
          for c in 0..<g.inChannels {
            for y in 0..<g.inHeight {
              copyRun(
                from: source + (c * g.inHeight + y) * g.inWidth, stride: 1,
                to: padded.base + c * plane + (y + g.padTop) * wp + g.padLeft, count: g.inWidth,
                rectifying: g.rectifiesInput)
            }
          }
          loaded = n
        }
        if runPairs {
          // Output vectors 2u and 2u + 1 of image n: whole vectors inside one row each.
          let v0 = 2 * (global - n * panelsPerImage) * lanes
          let v1 = v0 + lanes
          let b0 = UnsafePointer(padded.base) + (v0 / g.outWidth) * wp + v0 % g.outWidth
          let b1 = UnsafePointer(padded.base) + (v1 / g.outWidth) * wp + v1 % g.outWidth
          let image = output + n * m * pixels
          var ir = 0
          while ir < m {
            S.runPairTile(
              wide: wide, depth: k, a: packedWeight + ir * k, b0: b0, b1: b1, offsets: offsetTable,
              c0: image + ir * pixels + v0, c1: image + ir * pixels + v1, ldc: pixels)
            ir += S.runPairRows
          }
          continue
        }
        let first = (global - n * panelsPerImage) * nr
        let count = min(nr, positions - first)
        let oy = first / wp
        let ox = first - oy * wp
        let image = output + n * m * pixels
        let b = UnsafePointer(padded.base) + first
        if ox + count <= g.outWidth {
          var ir = 0
          while ir < m {
            S.offsetTile(
              depth: k, a: packedWeight + ir * k, b: b, offsets: offsetTable,
              c: image + ir * pixels + oy * g.outWidth + ox, ldc: pixels,
              rows: min(mr, m - ir), columns: count)
            ir += mr
          }
        } else {
          var ir = 0
          while ir < m {
            let rows = min(mr, m - ir)
            S.offsetTile(
              depth: k, a: packedWeight + ir * k, b: b, offsets: offsetTable, c: tile.base,
              ldc: nr, rows: rows, columns: count)
            // Copy the row segments that are real outputs.
            var j = 0
            var (y, x) = (oy, ox)
            while j < count {
              let run = min(wp - x, count - j)
              let valid = max(0, min(run, g.outWidth - x))
              if valid > 0 {
                for r in 0..<rows {
                  copyRun(
                    from: tile.base + r * nr + j, stride: 1,
                    to: image + (ir + r) * pixels + y * g.outWidth + x, count: valid)
                }
              }
              j += run
              x = 0
              y += 1
            }
            ir += mr
          }
        }
      }
      if let sums {
        // The range is one whole image (chunks of `panelsPerImage`), still in cache.
        let n = range.lowerBound / panelsPerImage
        imageMoments(output + n * m * pixels, channels: m, pixels: pixels, into: sums + 2 * n * m)
      }
    }
  }
  if let moments, let imageSums {
    for c in 0..<m {
      var (sum, squares) = (0.0, 0.0)
      for n in 0..<g.batch {
        sum += imageSums[2 * (n * m + c)]
        squares += imageSums[2 * (n * m + c) + 1]
      }
      moments[2 * c] = sum
      moments[2 * c + 1] = squares
    }
  }
}

/// `Σy` and `Σy²` of each of `channels` planes of `pixels` values (`into[2c]`,
/// `into[2c + 1]`): two vector accumulators each per plane in `S`, in a fixed order, then
/// a Double sum of their lanes and the tail.
@inline(__always)
private func imageMoments<S: KernelScalar>(
  _ y: UnsafePointer<S>, channels: Int, pixels: Int, into sums: UnsafeMutablePointer<Double>
) {
  let lanes = S.lanes
  for c in 0..<channels {
    let plane = UnsafeRawPointer(y + c * pixels)
    let step = lanes * MemoryLayout<S>.stride
    var (s0, s1, q0, q1) = (S.Vector(), S.Vector(), S.Vector(), S.Vector())
    var i = 0
    while i + 2 * lanes <= pixels {
      let a = plane.loadUnaligned(fromByteOffset: i * MemoryLayout<S>.stride, as: S.Vector.self)
      let b = plane.loadUnaligned(
        fromByteOffset: i * MemoryLayout<S>.stride + step, as: S.Vector.self)
      s0 += a
      s1 += b
      q0 = q0.addingProduct(a, a)
      q1 = q1.addingProduct(b, b)
      i += 2 * lanes
    }
    var sum = Double((s0 + s1).sum())
    var squares = Double((q0 + q1).sum())
    let values = y + c * pixels
    while i < pixels {
      let v = Double(values[i])
      sum += v
      squares += v * v
      i += 1
    }
    sums[2 * c] = sum
    sums[2 * c + 1] = squares
  }
}

/// Writes im2col columns in packed-B layout, one packer per thread.
///
/// One column per output pixel, K = Cin·kh·kw values each, as `[panel][K][3·lanes]`,
/// read from a zero-padded copy of each image it needs (or from the input itself when
/// no window leaves it).
///
/// A block of columns is first cut into runs (consecutive output pixels of one output
/// row and one panel); then for every k the runs are copied in order, so each input row
/// is read front to back.
private struct ImageColumnPacker<S: KernelScalar> {
  let g: ConvolutionGeometry
  let input: UnsafePointer<S>
  let paddedHeight: Int
  let paddedWidth: Int
  /// Elements of one (padded) image.
  let imageSize: Int
  /// Padded copies of the images of the current block, `slotCount` of them.
  ///
  /// `slotImages` says which image each slot holds (-1: none). Nil when the input is
  /// read directly.
  let slots: Scratch<S>?
  let slotImages: UnsafeMutablePointer<Int>
  let slotCount: Int
  /// Run descriptors of the current block: source offset, destination offset, length.
  let runs: UnsafeMutablePointer<Int>

  init(_ g: ConvolutionGeometry, input: UnsafePointer<S>, blockColumns: Int) {
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
    // A block touches at most this many consecutive images.
    slotCount = g.needsPadding ? (blockColumns + g.outPixels - 1) / g.outPixels + 1 : 0
    slots = g.needsPadding ? Scratch<S>(count: slotCount * imageSize) : nil
    slotImages = .allocate(capacity: max(1, slotCount))
    slotImages.initialize(repeating: -1, count: max(1, slotCount))
    runs = .allocate(capacity: 3 * (blockColumns + 1))
  }

  func deallocate() {
    slots?.deallocate()
    slotImages.deallocate()
    runs.deallocate()
  }

  /// The offset of image `n` (padded coordinates, `[Cin][paddedHeight][paddedWidth]`)
  /// from ``base``, padding it into its slot first if needed.
  @inline(__always)
  func imageOffset(_ n: Int) -> Int {
    guard let slots else { return n * imageSize }
    let slot = n % slotCount
    let offset = slot * imageSize
    if slotImages[slot] != n {
      slotImages[slot] = n
      let target = slots.base + offset
      target.update(repeating: 0, count: imageSize)
      let source = input + n * g.inChannels * g.inHeight * g.inWidth
      for c in 0..<g.inChannels {
        for y in 0..<g.inHeight {
          let from = source + (c * g.inHeight + y) * g.inWidth
          let to = target + (c * paddedHeight + y + g.padTop) * paddedWidth + g.padLeft
          copyRun(from: from, stride: 1, to: to, count: g.inWidth, rectifying: g.rectifiesInput)
        }
      }
    }
    return offset
  }

  /// Where image offsets count from: the padded slots or the input.
  var base: UnsafePointer<S> { slots.map { UnsafePointer($0.base) } ?? input }

  /// Packs the im2col columns of the global output pixels `range` (batch-major) into
  /// `dst`: `ceil(range.count / 3·lanes)` panels of `[K][3·lanes]`, zero beyond the
  /// range.
  @inline(__always)
  func pack(columns range: Range<Int>, into dst: UnsafeMutablePointer<S>) {
    let nr = S.microTileColumns
    let k = g.depth
    let pixels = g.outPixels
    let s = g.stride
    // Cut the block into runs.
    var runCount = 0
    var q = range.lowerBound
    while q < range.upperBound {
      let n = q / pixels
      let pixel = q - n * pixels
      let oy = pixel / g.outWidth
      let ox = pixel - oy * g.outWidth
      let local = q - range.lowerBound
      let panelEnd = range.lowerBound + (local / nr + 1) * nr
      let length = min(g.outWidth - ox, min(range.upperBound, panelEnd) - q)
      runs[3 * runCount] = imageOffset(n) + (oy * s) * paddedWidth + ox * s
      runs[3 * runCount + 1] = (local / nr) * k * nr + local % nr
      runs[3 * runCount + 2] = length
      runCount += 1
      q += length
    }
    let source = base
    // Padded slots already hold the rectified input.
    let rectifying = g.rectifiesInput && slots == nil
    let oneVectorRuns = s == 1 && (0..<runCount).allSatisfy { runs[3 * $0 + 2] == S.lanes }
    let plane = paddedHeight * paddedWidth
    var kIndex = 0
    for c in 0..<g.inChannels {
      for ky in 0..<g.kernelHeight {
        for kx in 0..<g.kernelWidth {
          let offset = c * plane + ky * paddedWidth + kx
          let d = dst + kIndex * nr
          if oneVectorRuns {
            // Output rows of exactly one vector (8×8 images): a load and a store per run.
            for r in 0..<runCount {
              let v = UnsafeRawPointer(source + runs[3 * r] + offset).loadUnaligned(
                as: S.Vector.self)
              UnsafeMutableRawPointer(d + runs[3 * r + 1]).storeBytes(
                of: rectifying ? S.rectified(v) : v, as: S.Vector.self)
            }
          } else {
            for r in 0..<runCount {
              copyRun(
                from: source + runs[3 * r] + offset, stride: s, to: d + runs[3 * r + 1],
                count: runs[3 * r + 2], rectifying: rectifying)
            }
          }
          kIndex += 1
        }
      }
    }
    let filled = range.count % nr
    if filled > 0 {
      let last = dst + (range.count / nr) * k * nr
      for p in 0..<k {
        (last + p * nr + filled).update(repeating: 0, count: nr - filled)
      }
    }
  }
}

/// Copies `count` elements `src[t·stride]` to `dst[t]` (their ReLU when `rectifying`);
/// stride-1 runs of at least one vector move whole vectors (the last one overlapping,
/// which is harmless for a copy).
@inline(__always)
private func copyRun<S: KernelScalar>(
  from src: UnsafePointer<S>, stride: Int, to dst: UnsafeMutablePointer<S>, count: Int,
  rectifying: Bool = false
) {
  let lanes = S.lanes
  if stride == 1 && count >= lanes {
    if rectifying {
      copyVectors(from: src, to: dst, count: count, S.rectified)
    } else {
      copyVectors(from: src, to: dst, count: count) { $0 }
    }
    return
  }
  if stride == 2 {
    S.copyEvenElements(from: src, to: dst, count: count)
  } else {
    for t in 0..<count { dst[t] = src[t * stride] }
  }
  if rectifying {
    for t in 0..<count where dst[t] < 0 { dst[t] = 0 }
  }
}

/// `dst[t] = map(src[t])` for `count ≥ lanes` elements, a vector at a time; the last
/// vector overlaps the one before it, which is harmless for an element-wise map.
@inline(__always)
private func copyVectors<S: KernelScalar>(
  from src: UnsafePointer<S>, to dst: UnsafeMutablePointer<S>, count: Int,
  _ map: (S.Vector) -> S.Vector
) {
  let s = UnsafeRawPointer(src)
  let d = UnsafeMutableRawPointer(dst)
  let step = S.lanes * MemoryLayout<S>.stride
  var offset = 0
  let last = (count - S.lanes) * MemoryLayout<S>.stride
  while offset < last {
    d.storeBytes(
      of: map(s.loadUnaligned(fromByteOffset: offset, as: S.Vector.self)), toByteOffset: offset,
      as: S.Vector.self)
    offset += step
  }
  d.storeBytes(
    of: map(s.loadUnaligned(fromByteOffset: last, as: S.Vector.self)), toByteOffset: last,
    as: S.Vector.self)
}

extension Float {
  /// The tuned single-precision convolution (see ``convolveForward``).
  public static func convolution2D(
    _ shape: ConvolutionShape, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
    output: UnsafeMutablePointer<Float>
  ) {
    convolveForward(ConvolutionGeometry(shape), input: input, weight: weight, output: output)
  }

  /// The tuned convolution with the forward-only options.
  public static func convolution2D(
    _ shape: ConvolutionShape, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
    output: UnsafeMutablePointer<Float>, rectifyingInput: Bool,
    outputMoments: UnsafeMutablePointer<Double>?
  ) -> Bool {
    convolveForward(
      ConvolutionGeometry(shape, rectifiesInput: rectifyingInput), input: input, weight: weight,
      output: output, moments: outputMoments)
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

  /// The tuned convolution with the forward-only options.
  public static func convolution2D(
    _ shape: ConvolutionShape, input: UnsafePointer<Double>, weight: UnsafePointer<Double>,
    output: UnsafeMutablePointer<Double>, rectifyingInput: Bool,
    outputMoments: UnsafeMutablePointer<Double>?
  ) -> Bool {
    convolveForward(
      ConvolutionGeometry(shape, rectifiesInput: rectifyingInput), input: input, weight: weight,
      output: output, moments: outputMoments)
  }

  static func convolve(
    _ geometry: ConvolutionGeometry, input: UnsafePointer<Double>,
    weight: UnsafePointer<Double>, output: UnsafeMutablePointer<Double>
  ) {
    convolveForward(geometry, input: input, weight: weight, output: output)
  }
}
