import SearchSpace
import Testing

@testable import Networks

/// Shared helpers of the kernel tests: seeded operands and the floating-point error
/// bound tuned kernels are held to.
enum KernelTestSupport {
  /// `count` values uniform in [-1, 1) from a fixed seed (SplitMix64).
  static func random<T: TensorScalar>(_ count: Int, seed: UInt64, as: T.Type = T.self) -> [T] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in T(Double(rng.next() >> 11) * 0x1.0p-52 - 1) }
  }

  /// Indices where `actual` and `expected` differ by more than the standard bound for a
  /// sum of `terms` products, `(terms + 2)·ε·magnitude` (`magnitude` = Σ|a·b| per
  /// element, computed by the reference kernel on absolute values), times a safety 2.
  static func mismatches<T: TensorScalar>(
    _ actual: [T], _ expected: [T], magnitude: [T], terms: Int
  ) -> [Int] {
    let scale = T(2 * (terms + 2)) * T.ulpOfOne
    return actual.indices.filter { i in
      !(abs(actual[i] - expected[i]) <= scale * magnitude[i] + T.leastNormalMagnitude)
    }
  }

  /// Runs `body` with ``ComputeThreads/count`` equal to `threads` for this test only.
  static func withThreads<R>(_ threads: Int, _ body: () -> R) -> R {
    ComputeThreads.withCount(threads, body)
  }
}

/// A GEMM problem with all its parameters.
struct GEMMCase: CustomTestStringConvertible, Sendable {
  var transposeA: Bool
  var transposeB: Bool
  var m: Int
  var n: Int
  var k: Int
  var alpha: Double = 1
  var beta: Double = 0
  var testDescription: String {
    "\(transposeA ? "T" : "N")\(transposeB ? "T" : "N") \(m)x\(n)x\(k) alpha \(alpha) beta \(beta)"
  }

  static let all: [GEMMCase] = {
    var cases: [GEMMCase] = []
    for ta in [false, true] {
      for tb in [false, true] {
        cases.append(GEMMCase(transposeA: ta, transposeB: tb, m: 7, n: 13, k: 5))
        cases.append(GEMMCase(transposeA: ta, transposeB: tb, m: 1, n: 1, k: 1))
        cases.append(
          GEMMCase(transposeA: ta, transposeB: tb, m: 33, n: 50, k: 300, alpha: -0.5, beta: 0.75))
        cases.append(GEMMCase(transposeA: ta, transposeB: tb, m: 4, n: 24, k: 8, beta: 1))
        cases.append(GEMMCase(transposeA: ta, transposeB: tb, m: 130, n: 530, k: 17, alpha: 2))
        // Deeper than one depth block: later blocks accumulate onto C.
        cases.append(
          GEMMCase(transposeA: ta, transposeB: tb, m: 9, n: 30, k: 1100, alpha: 1.5, beta: -1))
      }
    }
    return cases
  }()
}

struct KernelGEMMTests {
  /// Runs the tuned GEMM and the reference on one case; returns both results and the
  /// error magnitudes.
  static func run<T: TensorScalar>(_ c: GEMMCase, as: T.Type) -> (
    tuned: [T], reference: [T], magnitude: [T]
  ) {
    let (rowsA, colsA) = c.transposeA ? (c.k, c.m) : (c.m, c.k)
    let (rowsB, colsB) = c.transposeB ? (c.n, c.k) : (c.k, c.n)
    // Leading dimensions larger than the rows, to catch stride mistakes.
    let (lda, ldb, ldc) = (colsA + 3, colsB + 1, c.n + 2)
    let a: [T] = KernelTestSupport.random(rowsA * lda, seed: 1)
    let b: [T] = KernelTestSupport.random(rowsB * ldb, seed: 2)
    let c0: [T] = KernelTestSupport.random(c.m * ldc, seed: 3)
    var tuned = c0
    var reference = c0
    var magnitude = c0.map(abs)
    let (alpha, beta) = (T(c.alpha), T(c.beta))
    T.gemm(
      transposeA: c.transposeA, transposeB: c.transposeB, m: c.m, n: c.n, k: c.k,
      alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: &tuned, ldc: ldc)
    referenceGEMM(
      transposeA: c.transposeA, transposeB: c.transposeB, m: c.m, n: c.n, k: c.k,
      alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: &reference, ldc: ldc)
    referenceGEMM(
      transposeA: c.transposeA, transposeB: c.transposeB, m: c.m, n: c.n, k: c.k,
      alpha: abs(alpha), a: a.map(abs), lda: lda, b: b.map(abs), ldb: ldb, beta: abs(beta),
      c: &magnitude, ldc: ldc)
    _ = colsA
    return (tuned, reference, magnitude)
  }

  @Test(arguments: GEMMCase.all)
  func floatMatchesReference(_ c: GEMMCase) {
    let r = Self.run(c, as: Float.self)
    let bad = KernelTestSupport.mismatches(r.tuned, r.reference, magnitude: r.magnitude, terms: c.k)
    #expect(bad.isEmpty, "\(bad.count) elements differ, first at \(bad.first ?? -1)")
  }

  @Test(arguments: GEMMCase.all)
  func doubleMatchesReference(_ c: GEMMCase) {
    let r = Self.run(c, as: Double.self)
    let bad = KernelTestSupport.mismatches(r.tuned, r.reference, magnitude: r.magnitude, terms: c.k)
    #expect(bad.isEmpty, "\(bad.count) elements differ, first at \(bad.first ?? -1)")
  }

  @Test func betaZeroNeverReadsC() {
    let (m, n, k) = (9, 30, 11)
    let a: [Float] = KernelTestSupport.random(m * k, seed: 4)
    let b: [Float] = KernelTestSupport.random(k * n, seed: 5)
    var c = [Float](repeating: .nan, count: m * n)
    Float.gemm(
      transposeA: false, transposeB: false, m: m, n: n, k: k, alpha: 1, a: a, lda: k, b: b,
      ldb: n, beta: 0, c: &c, ldc: n)
    #expect(c.allSatisfy { $0.isFinite })
  }

  @Test func zeroDepthScalesC() {
    var c: [Float] = [1, 2, 3, 4]
    let empty: [Float] = [0]
    Float.gemm(
      transposeA: false, transposeB: false, m: 2, n: 2, k: 0, alpha: 1, a: empty, lda: 1,
      b: empty, ldb: 2, beta: 0.5, c: &c, ldc: 2)
    #expect(c == [0.5, 1, 1.5, 2])
  }

  @Test(arguments: [false, true])
  func threadCountDoesNotChangeBits(transposed: Bool) {
    // Large enough to be split over threads (m·n·k > 2^21), odd edges on both sides.
    let c = GEMMCase(transposeA: transposed, transposeB: !transposed, m: 150, n: 170, k: 101)
    let one = KernelTestSupport.withThreads(1) { Self.run(c, as: Float.self).tuned }
    let two = KernelTestSupport.withThreads(2) { Self.run(c, as: Float.self).tuned }
    #expect(one == two)
    let tall = GEMMCase(transposeA: transposed, transposeB: false, m: 400, n: 30, k: 200)
    let tallOne = KernelTestSupport.withThreads(1) { Self.run(tall, as: Float.self).tuned }
    let tallTwo = KernelTestSupport.withThreads(2) { Self.run(tall, as: Float.self).tuned }
    #expect(tallOne == tallTwo)
  }
}
