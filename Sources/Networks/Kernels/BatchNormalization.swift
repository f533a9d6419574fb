/// Batch normalisation forward and backward over `x[N, C, HW]`.
///
/// Memory-bound: every pass is a vector loop over one channel's `N` contiguous runs of
/// `HW` elements, with several independent vector accumulators for the sums. The
/// forward pass reads the input twice for the statistics (mean, then the centred sum of
/// squares, as the reference does: no cancellation) and once to normalise; the
/// backward pass reads input and output gradient once for the two sums and once for
/// the input gradient. Channels are split over threads; each channel's sums are formed
/// in one fixed order, so results do not depend on the thread count. Without `output`
/// only the statistics are written (a forward-only pass that normalises later, in
/// ``ForwardPass/normalizedSum(_:)``).
@inline(__always)
func batchNormalize<S: KernelScalar>(
  batch: Int, channels: Int, spatial: Int, epsilon: S,
  input: UnsafePointer<S>, gamma: UnsafePointer<S>, beta: UnsafePointer<S>,
  statistics: (mean: UnsafePointer<S>, variance: UnsafePointer<S>)?,
  output: UnsafeMutablePointer<S>?,
  savedMean: UnsafeMutablePointer<S>, savedInverseStd: UnsafeMutablePointer<S>
) {
  guard channels > 0 else { return }
  let count = S(batch * spatial)
  let parts = threadCount(work: batch * channels * spatial * 4, limit: channels)
  nonisolated(unsafe) let (input, gamma, beta, output, savedMean, savedInverseStd) = (
    input, gamma, beta, output, savedMean, savedInverseStd
  )
  nonisolated(unsafe) let statistics = statistics
  // Channels handed out one at a time, so a thread that starts late takes fewer.
  forEachChunk(channels, threads: parts, chunk: 1) { queue in
    while let range = queue.take() {
      let ch = range.lowerBound
      let first = input + ch * spatial
      let stride = channels * spatial
      let mean: S
      let variance: S
      if let statistics {
        mean = statistics.mean[ch]
        variance = statistics.variance[ch]
      } else {
        mean =
          channelSum(first, batch: batch, spatial: spatial, stride: stride, centre: nil) / count
        variance =
          channelSum(first, batch: batch, spatial: spatial, stride: stride, centre: mean) / count
      }
      let inverseStd = 1 / (variance + epsilon).squareRoot()
      savedMean[ch] = mean
      savedInverseStd[ch] = inverseStd
      guard let output else { continue }
      let scale = gamma[ch] * inverseStd
      let shift = beta[ch]
      let (vMean, vScale, vShift) = (
        S.Vector(repeating: mean), S.Vector(repeating: scale), S.Vector(repeating: shift)
      )
      for n in 0..<batch {
        let x = first + n * stride
        let y = output + ch * spatial + n * stride
        var i = 0
        while i + S.lanes <= spatial {
          store(vShift.addingProduct(load(x + i) - vMean, vScale), y + i)
          i += S.lanes
        }
        while i < spatial {
          y[i] = shift.addingProduct(x[i] - mean, scale)
          i += 1
        }
      }
    }
  }
}

/// Σ x, or Σ (x − centre)² when `centre` is given, over one channel.
///
/// The channel is `batch` runs of `spatial` elements, `stride` apart. Four vector
/// accumulators, combined at the end.
@inline(__always)
private func channelSum<S: KernelScalar>(
  _ x: UnsafePointer<S>, batch: Int, spatial: Int, stride: Int, centre: S?
) -> S {
  let lanes = S.lanes
  var a0 = S.Vector()
  var a1 = S.Vector()
  var a2 = S.Vector()
  var a3 = S.Vector()
  var tail: S = 0
  let c = S.Vector(repeating: centre ?? 0)
  let squared = centre != nil
  for n in 0..<batch {
    let row = x + n * stride
    var i = 0
    if squared {
      while i + 4 * lanes <= spatial {
        let d0 = load(row + i) - c
        let d1 = load(row + i + lanes) - c
        let d2 = load(row + i + 2 * lanes) - c
        let d3 = load(row + i + 3 * lanes) - c
        a0 = a0.addingProduct(d0, d0)
        a1 = a1.addingProduct(d1, d1)
        a2 = a2.addingProduct(d2, d2)
        a3 = a3.addingProduct(d3, d3)
        i += 4 * lanes
      }
      while i + lanes <= spatial {
        let d = load(row + i) - c
        a0 = a0.addingProduct(d, d)
        i += lanes
      }
      while i < spatial {
        let d = row[i] - c[0]
        tail = tail.addingProduct(d, d)
        i += 1
      }
    } else {
      while i + 4 * lanes <= spatial {
        a0 += load(row + i)
        a1 += load(row + i + lanes)
        a2 += load(row + i + 2 * lanes)
        a3 += load(row + i + 3 * lanes)
        i += 4 * lanes
      }
      while i + lanes <= spatial {
        a0 += load(row + i)
        i += lanes
      }
      while i < spatial {
        tail += row[i]
        i += 1
      }
    }
  }
  return ((a0 + a1) + (a2 + a3)).sum() + tail
}

/// Σ dy and Σ dy·(x − mean) over one channel, with vector accumulators.
@inline(__always)
private func channelGradientSums<S: KernelScalar>(
  _ x: UnsafePointer<S>, _ dy: UnsafePointer<S>, batch: Int, spatial: Int, stride: Int,
  mean: S
) -> (S, S) {
  let lanes = S.lanes
  var s0 = S.Vector()
  var s1 = S.Vector()
  var p0 = S.Vector()
  var p1 = S.Vector()
  var sumTail: S = 0
  var productTail: S = 0
  let m = S.Vector(repeating: mean)
  for n in 0..<batch {
    let xr = x + n * stride
    let gr = dy + n * stride
    var i = 0
    while i + 2 * lanes <= spatial {
      let g0 = load(gr + i)
      let g1 = load(gr + i + lanes)
      s0 += g0
      s1 += g1
      p0 = p0.addingProduct(g0, load(xr + i) - m)
      p1 = p1.addingProduct(g1, load(xr + i + lanes) - m)
      i += 2 * lanes
    }
    while i < spatial {
      sumTail += gr[i]
      productTail = productTail.addingProduct(gr[i], xr[i] - mean)
      i += 1
    }
  }
  return ((s0 + s1).sum() + sumTail, (p0 + p1).sum() + productTail)
}

/// The gradients of ``batchNormalize``: `dβ = Σ dy`, `dγ = Σ dy·x̂`, and
/// `dx = γ·invStd·(dy − dβ/m − x̂·dγ/m)` through the batch statistics (or `γ·invStd·dy`
/// with fixed statistics).
@inline(__always)
func batchNormalizeBackward<S: KernelScalar>(
  batch: Int, channels: Int, spatial: Int, usedBatchStatistics: Bool,
  input: UnsafePointer<S>, outputGradient: UnsafePointer<S>,
  gamma: UnsafePointer<S>, savedMean: UnsafePointer<S>, savedInverseStd: UnsafePointer<S>,
  inputGradient: UnsafeMutablePointer<S>,
  gammaGradient: UnsafeMutablePointer<S>, betaGradient: UnsafeMutablePointer<S>
) {
  guard channels > 0 else { return }
  let count = S(batch * spatial)
  let parts = threadCount(work: batch * channels * spatial * 4, limit: channels)
  nonisolated(unsafe) let (input, outputGradient, gamma, savedMean, savedInverseStd) = (
    input, outputGradient, gamma, savedMean, savedInverseStd
  )
  nonisolated(unsafe) let (inputGradient, gammaGradient, betaGradient) = (
    inputGradient, gammaGradient, betaGradient
  )
  forEachChunk(channels, threads: parts, chunk: 1) { queue in
    while let range = queue.take() {
      let ch = range.lowerBound
      let stride = channels * spatial
      let x = input + ch * spatial
      let dy = outputGradient + ch * spatial
      let dx = inputGradient + ch * spatial
      let (mean, inverseStd) = (savedMean[ch], savedInverseStd[ch])
      let (sumDy, sumDyCentred) = channelGradientSums(
        x, dy, batch: batch, spatial: spatial, stride: stride, mean: mean)
      let sumDyXHat = sumDyCentred * inverseStd
      betaGradient[ch] = sumDy
      gammaGradient[ch] = sumDyXHat
      let scale = gamma[ch] * inverseStd
      // dx = scale·dy + offset + slope·(x − mean)
      let offset = usedBatchStatistics ? -scale * sumDy / count : 0
      let slope = usedBatchStatistics ? -scale * inverseStd * sumDyXHat / count : 0
      let (vScale, vOffset, vSlope, vMean) = (
        S.Vector(repeating: scale), S.Vector(repeating: offset), S.Vector(repeating: slope),
        S.Vector(repeating: mean)
      )
      for n in 0..<batch {
        let xr = x + n * stride
        let gr = dy + n * stride
        let out = dx + n * stride
        var i = 0
        while i + S.lanes <= spatial {
          let v = vOffset.addingProduct(vScale, load(gr + i))
          store(v.addingProduct(vSlope, load(xr + i) - vMean), out + i)
          i += S.lanes
        }
        while i < spatial {
          out[i] = offset.addingProduct(scale, gr[i]).addingProduct(slope, xr[i] - mean)
          i += 1
        }
      }
    }
  }
}

@inline(__always)
private func load<S: KernelScalar>(_ p: UnsafePointer<S>) -> S.Vector {
  UnsafeRawPointer(p).loadUnaligned(as: S.Vector.self)
}

@inline(__always)
private func store<S: KernelScalar>(_ v: S.Vector, _ p: UnsafeMutablePointer<S>) {
  UnsafeMutableRawPointer(p).storeBytes(of: v, as: S.Vector.self)
}

extension Float {
  /// The tuned single-precision batch normalisation (see ``batchNormalize``).
  public static func batchNormForward(
    batch: Int, channels: Int, spatial: Int, epsilon: Float,
    input: UnsafePointer<Float>, gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>,
    statistics: (mean: UnsafePointer<Float>, variance: UnsafePointer<Float>)?,
    output: UnsafeMutablePointer<Float>?,
    savedMean: UnsafeMutablePointer<Float>, savedInverseStd: UnsafeMutablePointer<Float>
  ) {
    batchNormalize(
      batch: batch, channels: channels, spatial: spatial, epsilon: epsilon, input: input,
      gamma: gamma, beta: beta, statistics: statistics, output: output, savedMean: savedMean,
      savedInverseStd: savedInverseStd)
  }

  /// The tuned single-precision batch-normalisation gradients (see
  /// ``batchNormalizeBackward``).
  public static func batchNormBackward(
    batch: Int, channels: Int, spatial: Int, usedBatchStatistics: Bool,
    input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
    gamma: UnsafePointer<Float>, savedMean: UnsafePointer<Float>,
    savedInverseStd: UnsafePointer<Float>,
    inputGradient: UnsafeMutablePointer<Float>,
    gammaGradient: UnsafeMutablePointer<Float>, betaGradient: UnsafeMutablePointer<Float>
  ) {
    batchNormalizeBackward(
      batch: batch, channels: channels, spatial: spatial,
      usedBatchStatistics: usedBatchStatistics, input: input, outputGradient: outputGradient,
      gamma: gamma, savedMean: savedMean, savedInverseStd: savedInverseStd,
      inputGradient: inputGradient, gammaGradient: gammaGradient, betaGradient: betaGradient)
  }
}

extension Double {
  /// The tuned single-precision batch normalisation (see ``batchNormalize``).
  public static func batchNormForward(
    batch: Int, channels: Int, spatial: Int, epsilon: Double,
    input: UnsafePointer<Double>, gamma: UnsafePointer<Double>, beta: UnsafePointer<Double>,
    statistics: (mean: UnsafePointer<Double>, variance: UnsafePointer<Double>)?,
    output: UnsafeMutablePointer<Double>?,
    savedMean: UnsafeMutablePointer<Double>, savedInverseStd: UnsafeMutablePointer<Double>
  ) {
    batchNormalize(
      batch: batch, channels: channels, spatial: spatial, epsilon: epsilon, input: input,
      gamma: gamma, beta: beta, statistics: statistics, output: output, savedMean: savedMean,
      savedInverseStd: savedInverseStd)
  }

  /// The tuned single-precision batch-normalisation gradients (see
  /// ``batchNormalizeBackward``).
  public static func batchNormBackward(
    batch: Int, channels: Int, spatial: Int, usedBatchStatistics: Bool,
    input: UnsafePointer<Double>, outputGradient: UnsafePointer<Double>,
    gamma: UnsafePointer<Double>, savedMean: UnsafePointer<Double>,
    savedInverseStd: UnsafePointer<Double>,
    inputGradient: UnsafeMutablePointer<Double>,
    gammaGradient: UnsafeMutablePointer<Double>, betaGradient: UnsafeMutablePointer<Double>
  ) {
    batchNormalizeBackward(
      batch: batch, channels: channels, spatial: spatial,
      usedBatchStatistics: usedBatchStatistics, input: input, outputGradient: outputGradient,
      gamma: gamma, savedMean: savedMean, savedInverseStd: savedInverseStd,
      inputGradient: inputGradient, gammaGradient: gammaGradient, betaGradient: betaGradient)
  }
}
