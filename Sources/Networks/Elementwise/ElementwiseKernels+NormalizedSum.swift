extension ElementwiseKernels {
  /// One term of ``normalizedSum(_:planes:channels:spatial:into:relu:)``: its values, its
  /// weight and, for a term with a pending batch normalisation, the per-channel mean,
  /// scale (`γ/σ`) and shift (`β`).
  struct NormalizedTermPointers<S: TensorScalar> {
    var values: UnsafePointer<S>
    var weight: S
    var mean: UnsafePointer<S>?
    var scale: UnsafePointer<S>?
    var shift: UnsafePointer<S>?
  }

  /// `y = Σ wₖ · tₖ` over `planes` planes of `spatial` elements (plane `p` has channel
  /// `p mod channels`), where `tₖ` is term `k`'s value or, with a normalisation,
  /// `fma(x − mean[c], scale[c], shift[c])`.
  ///
  /// Each element is formed as ``batchNormalize`` normalises and
  /// ``weightedSum(_:weights:into:count:)`` adds: `((w₀·t₀) + w₁·t₁) + …`, with a
  /// separate multiply and add per term. With `relu`, each finished plane of `y` is
  /// also written there through ``relu(_:_:count:)``'s map (`x < 0 ? 0 : x`) while it is
  /// still in L1. Planes are split over threads.
  ///
  /// - Complexity: one read of each term and one write of `y` (and of `relu`).
  @_specialize(where S == Float)
  @_specialize(where S == Double)
  static func normalizedSum<S: TensorScalar>(
    _ terms: UnsafeBufferPointer<NormalizedTermPointers<S>>, planes: Int, channels: Int,
    spatial: Int, into y: UnsafeMutablePointer<S>, relu: UnsafeMutablePointer<S>?
  ) {
    precondition(!terms.isEmpty, "normalizedSum of no terms")
    ParallelLoop.forEachIndex(count: planes, workPerIndex: spatial * terms.count) { plane in
      let c = plane % channels
      let offset = plane * spatial
      let out = y + offset
      for k in 0..<terms.count {
        let term = terms[k]
        let x = term.values + offset
        let w = term.weight
        let wv = SIMD16<S>(repeating: w)
        if let mean = term.mean, let scale = term.scale, let shift = term.shift {
          let (m, a, b) = (mean[c], scale[c], shift[c])
          let (mv, av, bv) = (
            SIMD16<S>(repeating: m), SIMD16<S>(repeating: a), SIMD16<S>(repeating: b)
          )
          var i = 0
          while i + 16 <= spatial {
            let t = bv.addingProduct(load(x, i) - mv, av)
            store(k == 0 ? wv * t : load(UnsafePointer(out), i) + wv * t, out, i)
            i += 16
          }
          while i < spatial {
            let t = b.addingProduct(x[i] - m, a)
            out[i] = k == 0 ? w * t : out[i] + w * t
            i += 1
          }
        } else {
          var i = 0
          while i + 16 <= spatial {
            let t = load(x, i)
            store(k == 0 ? wv * t : load(UnsafePointer(out), i) + wv * t, out, i)
            i += 16
          }
          while i < spatial {
            out[i] = k == 0 ? w * x[i] : out[i] + w * x[i]
            i += 1
          }
        }
      }
      if let relu {
        let r = relu + offset
        let zero = SIMD16<S>(repeating: 0)
        var i = 0
        while i + 16 <= spatial {
          let v = load(UnsafePointer(out), i)
          store(v.replacing(with: zero, where: v .< zero), r, i)
          i += 16
        }
        while i < spatial {
          r[i] = out[i] < 0 ? 0 : out[i]
          i += 1
        }
      }
    }
  }
}
