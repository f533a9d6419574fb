import Networks

/// The NASWOT kernel (Mellor and others, ICML 2021).
///
/// For a batch of B inputs, the B×B matrix K whose entry (i, j) counts the ReLU units on which inputs i and j agree
/// (both active or both inactive), summed over every ReLU of the network.
///
/// `K = Σ_relu [c cᵀ + (1 − c)(1 − c)ᵀ]` with c = (x > 0) per unit; equivalently
/// `K[i][j] = units − Hamming(cᵢ, cⱼ)`. The codes are packed 64 units to a word and
/// compared with XOR and popcount, so K is exact integer arithmetic and costs a small
/// fraction of the forward pass (PyTorch's float `c @ c.T` costs as much as the pass).
public struct ActivationCodeKernel: Sendable {
  /// The batch size B.
  public let batch: Int
  /// Units accumulated so far (per input).
  public private(set) var units = 0
  /// Hamming distances summed over every ReLU, row-major B×B (symmetric, zero diagonal).
  private var hamming: [Int64]
  /// Packed codes of the current ReLU, reused between calls.
  private var codes: [UInt64] = []
  /// What the last ``add(_:unitsPerSample:)`` contributed: pair distances and units.
  private var lastDistances: [Int64] = []
  private var lastUnits = 0

  /// An empty kernel for a batch of `batch` inputs.
  public init(batch: Int) {
    precondition(batch > 0, "batch must be positive")
    self.batch = batch
    hamming = Array(repeating: 0, count: batch * batch)
  }

  /// Adds one ReLU's input: `activations` holds `batch` samples of `unitsPerSample`
  /// values each, sample-major (NCHW flattened per sample).
  public mutating func add(_ activations: UnsafeBufferPointer<Float>, unitsPerSample: Int) {
    precondition(activations.count == batch * unitsPerSample, "activation count mismatch")
    guard unitsPerSample > 0, let base = activations.baseAddress else { return }
    let words = (unitsPerSample + 63) / 64
    // Pad each sample's code to a multiple of 8 words so the comparison loop is SIMD8.
    let stride = (words + 7) / 8 * 8
    if codes.count < batch * stride { codes = Array(repeating: 0, count: batch * stride) }
    let batch = self.batch
    // Samples (packing) and rows of pairs (comparison) go to whichever thread asks next;
    // each writes its own codes and distances, and integer sums are exact, so the kernel
    // is the same for any thread count.
    let parts = batch * unitsPerSample >= 1 << 16 ? min(ComputeThreads.count, batch) : 1
    lastDistances = Array(repeating: 0, count: batch * batch)
    codes.withUnsafeMutableBufferPointer { codeBuffer in
      lastDistances.withUnsafeMutableBufferPointer { distances in
        guard let codePointer = codeBuffer.baseAddress, let d = distances.baseAddress else {
          return
        }
        nonisolated(unsafe) let (codes, values, distances) = (codePointer, base, d)
        forEachChunk(batch, threads: parts) { queue in
          while let samples = queue.take() {
            for sample in samples {
              ActivationCodeKernel.pack(
                values + sample * unitsPerSample, count: unitsPerSample,
                into: codes + sample * stride, words: stride)
            }
          }
        }
        // Row i compares with the batch − 1 − i rows after it: one row per item keeps
        // the threads' shares even.
        forEachChunk(batch, threads: parts, chunk: 1) { queue in
          while let rows = queue.take() {
            ActivationCodeKernel.accumulateHamming(
              codes: UnsafePointer(codes), batch: batch, stride: stride, rows: rows,
              into: distances)
          }
        }
      }
    }
    lastUnits = unitsPerSample
    repeatLastAddition()
  }

  /// Adds the activations of the last ``add(_:unitsPerSample:)`` once more, without
  /// packing them again: what a ReLU input read by several ReLUs contributes per ReLU.
  ///
  /// - Precondition: something was added before.
  public mutating func repeatLastAddition() {
    precondition(lastUnits > 0, "nothing to repeat")
    for index in hamming.indices { hamming[index] &+= lastDistances[index] }
    units += lastUnits
  }

  /// The kernel matrix K as Doubles, row-major B×B.
  public var matrix: [Double] {
    var k = [Double](repeating: 0, count: batch * batch)
    for i in 0..<batch {
      for j in 0..<batch {
        let lower = min(i, j)
        let upper = max(i, j)
        k[i * batch + j] = Double(Int64(units) - hamming[lower * batch + upper])
      }
    }
    return k
  }

  /// The NASWOT score: log |det K| (the sign ignored), or `-infinity` when K is singular.
  public var score: Double { LogDeterminant.ofSymmetric(matrix, order: batch) }

  /// Sets bit u of the code when value u is > 0 (NaN counts as inactive, like PyTorch).
  @inline(__always)
  static func pack(
    _ values: UnsafePointer<Float>, count: Int, into code: UnsafeMutablePointer<UInt64>,
    words: Int
  ) {
    code.update(repeating: 0, count: words)
    var unit = 0
    var word = 0
    // Lane k of a 16-value group contributes bit k: select the powers of two where the
    // value is positive and add them up (no per-lane branches).
    let powers = SIMD16<UInt32>(
      1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768)
    let none = SIMD16<UInt32>(repeating: 0)
    let raw = UnsafeRawPointer(values)
    let stride = MemoryLayout<Float>.stride
    while unit + 64 <= count {
      var bits: UInt64 = 0
      for lane in 0..<4 {
        let v = raw.loadUnaligned(
          fromByteOffset: (unit + lane * 16) * stride, as: SIMD16<Float>.self)
        let laneBits = none.replacing(with: powers, where: v .> 0).wrappedSum()
        bits |= UInt64(laneBits) << UInt64(lane * 16)
      }
      code[word] = bits
      unit += 64
      word += 1
    }
    if unit < count {
      var bits: UInt64 = 0
      for k in 0..<(count - unit) where values[unit + k] > 0 { bits |= 1 << UInt64(k) }
      code[word] = bits
    }
  }

  /// Adds Hamming(code_i, code_j) to `d[i*B + j]` for every i in `rows` and j > i.
  @inline(__always)
  static func accumulateHamming(
    codes: UnsafePointer<UInt64>, batch: Int, stride: Int, rows: Range<Int>,
    into d: UnsafeMutablePointer<Int64>
  ) {
    let vectors = stride / 8
    for i in rows {
      let a = UnsafeRawPointer(codes + i * stride)
      for j in (i + 1)..<max(i + 1, batch) {
        let b = UnsafeRawPointer(codes + j * stride)
        var counts = SIMD8<UInt64>(repeating: 0)
        for v in 0..<vectors {
          let x = a.loadUnaligned(fromByteOffset: v * 64, as: SIMD8<UInt64>.self)
          let y = b.loadUnaligned(fromByteOffset: v * 64, as: SIMD8<UInt64>.self)
          counts &+= (x ^ y).nonzeroBitCount
        }
        d[i * batch + j] &+= Int64(counts.wrappedSum())
      }
    }
  }
}
