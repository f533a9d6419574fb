/// The weight gradient of a convolution, `dW = Σₙ dY[n] · im2col(X[n])ᵀ`, as a GEMM with
/// M = Cout, N = Cin·kh·kw and the output pixels as the reduction.
///
/// Per image: `dY[n]` is packed into 4-row panels (pixel-major); the image is copied
/// into a zero-padded channels-last buffer, so that with the reduction columns ordered
/// (ky, kx, ci) each packed B row (one output pixel, 3·lanes columns) is a few
/// contiguous channel runs. The micro-kernel accumulates over the image's pixels into a
/// partial `dW` (columns in (ky, kx, ci) order).
///
/// Determinism: the batch is cut into at most 8 fixed chunks of consecutive images
/// (independent of the thread count); each chunk accumulates its images in order into
/// its own partial, and the partials are added in chunk order while permuting the
/// columns back to (ci, ky, kx). Threads take whole chunks.
@inline(__always)
func convolveWeightGradient<S: KernelScalar>(
  _ shape: ConvolutionShape, input x: UnsafePointer<S>,
  outputGradient dy: UnsafePointer<S>, weightGradient dw: UnsafeMutablePointer<S>
) {
  let g = ConvolutionGeometry(shape)
  let cout = g.outChannels
  let cin = g.inChannels
  let k = g.depth
  let pixels = g.outPixels
  dw.update(repeating: 0, count: cout * k)
  guard cout > 0 && k > 0 && pixels > 0 && g.batch > 0 else { return }
  let chunks = min(g.batch, 8)
  let partials = Scratch<S>(count: chunks * cout * k)
  defer { partials.deallocate() }
  let parts = threadCount(work: cout * k * pixels * g.batch, limit: chunks)
  nonisolated(unsafe) let (x, dy, partial) = (x, dy, partials.base)
  forEachPart(parts) { part in
    let mine = slice(chunks, parts: parts, part: part)
    guard !mine.isEmpty else { return }
    let worker = WeightGradientWorker<S>(g)
    defer { worker.deallocate() }
    for chunk in mine {
      let images = slice(g.batch, parts: chunks, part: chunk)
      let target = partial + chunk * cout * k
      target.update(repeating: 0, count: cout * k)
      for n in images {
        worker.accumulate(
          image: x + n * cin * g.inHeight * g.inWidth, gradient: dy + n * cout * pixels,
          into: target)
      }
    }
  }
  // dw[co][ci][ky][kx] = Σ_chunks partial[chunk][co][(ky·kw + kx)·Cin + ci], in order.
  let window = g.kernelHeight * g.kernelWidth
  for chunk in 0..<chunks {
    let source = partials.base + chunk * cout * k
    for co in 0..<cout {
      let row = source + co * k
      let out = dw + co * k
      for ci in 0..<cin {
        for w in 0..<window { out[ci * window + w] += row[w * cin + ci] }
      }
    }
  }
}

/// One thread's buffers for ``convolveWeightGradient``.
private struct WeightGradientWorker<S: KernelScalar> {
  let g: ConvolutionGeometry
  let paddedHeight: Int
  let paddedWidth: Int
  /// The current image, zero-padded and channels-last: `[paddedHeight][paddedWidth][Cin]`.
  let image: Scratch<S>
  /// `dY[n]` packed into 4-row panels over the pixels.
  let packedGradient: Scratch<S>
  /// One packed B panel: `[pixels][3·lanes]`.
  let panel: Scratch<S>
  /// Per panel column: its offset in the channels-last window, or -1 past the end.
  let columnOffsets: UnsafeMutablePointer<Int>

  init(_ g: ConvolutionGeometry) {
    self.g = g
    paddedHeight = g.paddedHeight
    paddedWidth = g.paddedWidth
    let mr = S.microTileRows
    image = Scratch(count: paddedHeight * paddedWidth * g.inChannels)
    image.base.update(repeating: 0, count: image.count)
    packedGradient = Scratch(count: (g.outChannels + mr - 1) / mr * mr * g.outPixels)
    panel = Scratch(count: g.outPixels * S.microTileColumns)
    let nr = S.microTileColumns
    let k = g.depth
    let panels = (k + nr - 1) / nr
    columnOffsets = .allocate(capacity: panels * nr)
    for column in 0..<(panels * nr) {
      if column < k {
        let w = column / g.inChannels
        let ci = column - w * g.inChannels
        let ky = w / g.kernelWidth
        let kx = w - ky * g.kernelWidth
        columnOffsets[column] = (ky * paddedWidth + kx) * g.inChannels + ci
      } else {
        columnOffsets[column] = -1
      }
    }
  }

  func deallocate() {
    image.deallocate()
    packedGradient.deallocate()
    panel.deallocate()
    columnOffsets.deallocate()
  }

  /// Adds image `n`'s contribution to `target` (`[Cout][(ky, kx, ci)]`).
  @inline(__always)
  func accumulate(
    image x: UnsafePointer<S>, gradient: UnsafePointer<S>, into target: UnsafeMutablePointer<S>
  ) {
    let cin = g.inChannels
    let cout = g.outChannels
    let k = g.depth
    let pixels = g.outPixels
    let mr = S.microTileRows
    let nr = S.microTileColumns
    // Channels-last padded copy (the zero border was written once and stays zero).
    for c in 0..<cin {
      for y in 0..<g.inHeight {
        let from = x + (c * g.inHeight + y) * g.inWidth
        var to = image.base + ((y + g.padTop) * paddedWidth + g.padLeft) * cin + c
        for i in 0..<g.inWidth {
          to.pointee = from[i]
          to += cin
        }
      }
    }
    S.packA(
      transposed: false, rows: cout, depth: pixels, a: gradient, lda: pixels,
      into: packedGradient.base)
    var j0 = 0
    while j0 < k {
      let columns = min(nr, k - j0)
      packPanel(firstColumn: j0)
      var ir = 0
      while ir < cout {
        S.tile(
          depth: pixels, a: packedGradient.base + ir * pixels, b: panel.base,
          c: target + ir * k + j0, ldc: k, rows: min(mr, cout - ir), columns: columns,
          alpha: 1, beta: 1)
        ir += mr
      }
      j0 += nr
    }
  }

  /// Packs the B panel of reduction columns `firstColumn ..< firstColumn + 3·lanes`:
  /// row p (an output pixel) holds the channels-last window values of those columns,
  /// copied as runs of consecutive channels (contiguous in the channels-last image).
  @inline(__always)
  func packPanel(firstColumn: Int) {
    let nr = S.microTileColumns
    let cin = g.inChannels
    let s = g.stride
    let offsets = columnOffsets + firstColumn
    // Runs of this panel: (first column, source offset, length); the rest is zero.
    var used = nr
    var runCount = 0
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * nr) { runs in
      var j = 0
      while j < nr {
        let offset = offsets[j]
        if offset < 0 {
          used = j
          break
        }
        var run = 1
        while j + run < nr && offsets[j + run] == offset + run { run += 1 }
        runs[3 * runCount] = j
        runs[3 * runCount + 1] = offset
        runs[3 * runCount + 2] = run
        runCount += 1
        j += run
      }
      var row = panel.base
      for oy in 0..<g.outHeight {
        for ox in 0..<g.outWidth {
          let window = UnsafePointer(image.base) + (oy * s * paddedWidth + ox * s) * cin
          for r in 0..<runCount {
            let (j, offset, run) = (runs[3 * r], runs[3 * r + 1], runs[3 * r + 2])
            if run >= S.lanes {
              copyContiguous(from: window + offset, to: row + j, count: run)
            } else {
              for t in 0..<run { row[j + t] = window[offset + t] }
            }
          }
          if used < nr { (row + used).update(repeating: 0, count: nr - used) }
          row += nr
        }
      }
    }
  }
}

/// Copies `count ≥ lanes` contiguous elements with vector moves (the last overlapping).
@inline(__always)
private func copyContiguous<S: KernelScalar>(
  from src: UnsafePointer<S>, to dst: UnsafeMutablePointer<S>, count: Int
) {
  let s = UnsafeRawPointer(src)
  let d = UnsafeMutableRawPointer(dst)
  let step = S.lanes * MemoryLayout<S>.stride
  let last = (count - S.lanes) * MemoryLayout<S>.stride
  var offset = 0
  while offset < last {
    d.storeBytes(
      of: s.loadUnaligned(fromByteOffset: offset, as: S.Vector.self), toByteOffset: offset,
      as: S.Vector.self)
    offset += step
  }
  d.storeBytes(
    of: s.loadUnaligned(fromByteOffset: last, as: S.Vector.self), toByteOffset: last,
    as: S.Vector.self)
}

extension Float {
  /// The tuned single-precision weight gradient (see ``convolveWeightGradient``).
  public static func convolution2DWeightGradient(
    _ shape: ConvolutionShape, input: UnsafePointer<Float>,
    outputGradient: UnsafePointer<Float>, weightGradient: UnsafeMutablePointer<Float>
  ) {
    convolveWeightGradient(
      shape, input: input, outputGradient: outputGradient, weightGradient: weightGradient)
  }
}

extension Double {
  /// The tuned double-precision weight gradient (see ``convolveWeightGradient``).
  public static func convolution2DWeightGradient(
    _ shape: ConvolutionShape, input: UnsafePointer<Double>,
    outputGradient: UnsafePointer<Double>, weightGradient: UnsafeMutablePointer<Double>
  ) {
    convolveWeightGradient(
      shape, input: input, outputGradient: outputGradient, weightGradient: weightGradient)
  }
}
