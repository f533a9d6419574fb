/// The weight gradient of a convolution, `dW = Σₙ dY[n] · im2col(X[n])ᵀ`, as a GEMM with
/// M = Cout, N = Cin·kh·kw and the output pixels as the reduction.
///
/// Per image: `dY[n]` is packed into 4-row panels (pixel-major); the image is copied
/// into a zero-padded channels-last buffer, so that with the reduction columns ordered
/// (ky, kx, ci) each packed B row (one output pixel, 3·lanes columns) is a few
/// contiguous channel runs. The micro-kernel accumulates over the image's pixels into a
/// partial `dW` (columns in (ky, kx, ci) order).
///
/// 1×1 stride-1 convolutions skip all of this: their im2col is the input itself, and a
/// register-blocked dot product over contiguous pixel rows needs no packing.
///
/// Determinism: the batch is cut into at most 8 fixed chunks of consecutive images
/// (independent of the thread count); each chunk accumulates its images in order into
/// its own partial, and the partials are added in chunk order while permuting the
/// columns back to (ci, ky, kx). Threads take whole chunks from a shared queue.
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
  let pointwise =
    g.kernelHeight == 1 && g.kernelWidth == 1 && g.stride == 1 && g.padTop == 0
    && g.padLeft == 0
  forEachChunk(chunks, threads: parts, chunk: 1) { queue in
    if pointwise {
      while let mine = queue.take() {
        for chunk in mine {
          pointwiseWeightGradient(
            g, images: slice(g.batch, parts: chunks, part: chunk), input: x,
            outputGradient: dy, into: partial + chunk * cout * k)
        }
      }
      return
    }
    let worker = WeightGradientWorker<S>(g)
    defer { worker.deallocate() }
    while let mine = queue.take() {
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

/// The weight gradient of a 1×1, stride-1, unpadded convolution for `images`:
/// `target[co][ci] = Σₙ Σ_pixels dY[n][co][p] · X[n][ci][p]`, both rows contiguous.
///
/// No packing at all: a 4 × 3 block of (co, ci) dot products runs on 12 vector
/// accumulators over a stretch of 128 pixels (so that the rows it reads stay in L1),
/// and parks them in a small per-call array of vector partial sums between stretches.
/// Lane sums are taken once, at the end. The order depends only on the shape.
@inline(__always)
private func pointwiseWeightGradient<S: KernelScalar>(
  _ g: ConvolutionGeometry, images: Range<Int>, input x: UnsafePointer<S>,
  outputGradient dy: UnsafePointer<S>, into target: UnsafeMutablePointer<S>
) {
  typealias V = S.Vector
  let (cin, cout) = (g.inChannels, g.outChannels)
  let pixels = g.outPixels
  let lanes = V.scalarCount
  let vectorEnd = pixels - pixels % lanes
  let stretch = 128
  let rowBlocks = (cout + 3) / 4
  let columnBlocks = (cin + 2) / 3
  // Vector partial sums, [rowBlock][columnBlock][12][lanes], and scalar tails.
  let partial = Scratch<S>(count: rowBlocks * columnBlocks * 12 * lanes)
  let tails = Scratch<S>(count: cout * cin)
  defer {
    partial.deallocate()
    tails.deallocate()
  }
  partial.base.update(repeating: 0, count: partial.count)
  tails.base.update(repeating: 0, count: cout * cin)
  let raw = UnsafeMutableRawPointer(partial.base)
  let vectorBytes = lanes * MemoryLayout<S>.stride
  for n in images {
    let d = dy + n * cout * pixels
    let xs = x + n * cin * pixels
    var p0 = 0
    while p0 < vectorEnd {
      let p1 = min(vectorEnd, p0 + stretch)
      for rb in 0..<rowBlocks {
        let co0 = rb * 4
        // Rows past the end repeat the last row; their sums are never read.
        let d0 = d + co0 * pixels
        let d1 = d + min(co0 + 1, cout - 1) * pixels
        let d2 = d + min(co0 + 2, cout - 1) * pixels
        let d3 = d + min(co0 + 3, cout - 1) * pixels
        for cb in 0..<columnBlocks {
          let ci0 = cb * 3
          let x0 = xs + ci0 * pixels
          let x1 = xs + min(ci0 + 1, cin - 1) * pixels
          let x2 = xs + min(ci0 + 2, cin - 1) * pixels
          let slot = raw + (rb * columnBlocks + cb) * 12 * vectorBytes
          var a00 = slot.loadUnaligned(as: V.self)
          var a01 = slot.loadUnaligned(fromByteOffset: vectorBytes, as: V.self)
          var a02 = slot.loadUnaligned(fromByteOffset: 2 * vectorBytes, as: V.self)
          var a10 = slot.loadUnaligned(fromByteOffset: 3 * vectorBytes, as: V.self)
          var a11 = slot.loadUnaligned(fromByteOffset: 4 * vectorBytes, as: V.self)
          var a12 = slot.loadUnaligned(fromByteOffset: 5 * vectorBytes, as: V.self)
          var a20 = slot.loadUnaligned(fromByteOffset: 6 * vectorBytes, as: V.self)
          var a21 = slot.loadUnaligned(fromByteOffset: 7 * vectorBytes, as: V.self)
          var a22 = slot.loadUnaligned(fromByteOffset: 8 * vectorBytes, as: V.self)
          var a30 = slot.loadUnaligned(fromByteOffset: 9 * vectorBytes, as: V.self)
          var a31 = slot.loadUnaligned(fromByteOffset: 10 * vectorBytes, as: V.self)
          var a32 = slot.loadUnaligned(fromByteOffset: 11 * vectorBytes, as: V.self)
          var p = p0
          while p < p1 {
            let u0 = UnsafeRawPointer(x0 + p).loadUnaligned(as: V.self)
            let u1 = UnsafeRawPointer(x1 + p).loadUnaligned(as: V.self)
            let u2 = UnsafeRawPointer(x2 + p).loadUnaligned(as: V.self)
            var v = UnsafeRawPointer(d0 + p).loadUnaligned(as: V.self)
            a00 = a00.addingProduct(v, u0)
            a01 = a01.addingProduct(v, u1)
            a02 = a02.addingProduct(v, u2)
            v = UnsafeRawPointer(d1 + p).loadUnaligned(as: V.self)
            a10 = a10.addingProduct(v, u0)
            a11 = a11.addingProduct(v, u1)
            a12 = a12.addingProduct(v, u2)
            v = UnsafeRawPointer(d2 + p).loadUnaligned(as: V.self)
            a20 = a20.addingProduct(v, u0)
            a21 = a21.addingProduct(v, u1)
            a22 = a22.addingProduct(v, u2)
            v = UnsafeRawPointer(d3 + p).loadUnaligned(as: V.self)
            a30 = a30.addingProduct(v, u0)
            a31 = a31.addingProduct(v, u1)
            a32 = a32.addingProduct(v, u2)
            p += lanes
          }
          slot.storeBytes(of: a00, as: V.self)
          slot.storeBytes(of: a01, toByteOffset: vectorBytes, as: V.self)
          slot.storeBytes(of: a02, toByteOffset: 2 * vectorBytes, as: V.self)
          slot.storeBytes(of: a10, toByteOffset: 3 * vectorBytes, as: V.self)
          slot.storeBytes(of: a11, toByteOffset: 4 * vectorBytes, as: V.self)
          slot.storeBytes(of: a12, toByteOffset: 5 * vectorBytes, as: V.self)
          slot.storeBytes(of: a20, toByteOffset: 6 * vectorBytes, as: V.self)
          slot.storeBytes(of: a21, toByteOffset: 7 * vectorBytes, as: V.self)
          slot.storeBytes(of: a22, toByteOffset: 8 * vectorBytes, as: V.self)
          slot.storeBytes(of: a30, toByteOffset: 9 * vectorBytes, as: V.self)
          slot.storeBytes(of: a31, toByteOffset: 10 * vectorBytes, as: V.self)
          slot.storeBytes(of: a32, toByteOffset: 11 * vectorBytes, as: V.self)
        }
      }
      p0 = p1
    }
    if vectorEnd < pixels {
      for co in 0..<cout {
        for ci in 0..<cin {
          var t = tails.base[co * cin + ci]
          for p in vectorEnd..<pixels {
            t = t.addingProduct(d[co * pixels + p], xs[ci * pixels + p])
          }
          tails.base[co * cin + ci] = t
        }
      }
    }
  }
  for co in 0..<cout {
    for ci in 0..<cin {
      let (rb, r) = (co / 4, co % 4)
      let (cb, q) = (ci / 3, ci % 3)
      let v = (raw + ((rb * columnBlocks + cb) * 12 + r * 3 + q) * vectorBytes).load(as: V.self)
      target[co * cin + ci] = v.sum() + tails.base[co * cin + ci]
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
      // One run at a time over all pixels: a fixed-length copy in the inner loop.
      let image = UnsafePointer(self.image.base)
      let pixelStep = s * cin
      let rowStep = s * paddedWidth * cin
      for r in 0..<runCount {
        let (j, offset, run) = (runs[3 * r], runs[3 * r + 1], runs[3 * r + 2])
        var row = panel.base + j
        for oy in 0..<g.outHeight {
          var window = image + oy * rowStep + offset
          if run >= S.lanes {
            for _ in 0..<g.outWidth {
              copyContiguous(from: window, to: row, count: run)
              window += pixelStep
              row += nr
            }
          } else {
            for _ in 0..<g.outWidth {
              for t in 0..<run { row[t] = window[t] }
              window += pixelStep
              row += nr
            }
          }
        }
      }
      if used < nr {
        var row = panel.base + used
        for _ in 0..<g.outPixels {
          row.update(repeating: 0, count: nr - used)
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
