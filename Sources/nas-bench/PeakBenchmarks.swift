import Dispatch

/// The measured FP32 peak.
///
/// A register-resident loop of independent 256-bit fused multiply-adds (12 SIMD8 accumulator chains: enough to hide the FMA latency on two
/// pipes, and few enough for the 16 AVX2 registers), on one thread and on two. Every
/// kernel's "% of peak" is relative to these numbers, not to the datasheet, so that the
/// report stays honest on a shared or throttled machine.
enum PeakBenchmarks {
  /// FMA steps per thread and run.
  static let steps = 4_000_000

  /// The peak benchmarks for 1 and 2 threads.
  static var all: [Benchmark] {
    [1, 2].map { threads in
      Benchmark(
        name: "peak/fma-simd8x12", threads: threads,
        flops: Double(threads * steps * 12 * 16), bytes: nil
      ) {
        Benchmark.Prepared(body: {
          if threads == 1 {
            blackHole(fmaLoop(steps: steps, seed: 1))
          } else {
            DispatchQueue.concurrentPerform(iterations: threads) { part in
              blackHole(fmaLoop(steps: steps, seed: Float(part + 1)))
            }
          }
        })
      }
    }
  }
}

/// `steps` rounds of 12 independent SIMD8 FMAs; returns a value that depends on all.
@inline(never)
func fmaLoop(steps: Int, seed: Float) -> Float {
  let x = SIMD8<Float>(repeating: 0.999_999 * seed / seed)
  let y = SIMD8<Float>(repeating: 1e-7)
  var a0 = SIMD8<Float>(repeating: 0)
  var a1 = a0 + 1
  var a2 = a0 + 2
  var a3 = a0 + 3
  var a4 = a0 + 4
  var a5 = a0 + 5
  var a6 = a0 + 6
  var a7 = a0 + 7
  var a8 = a0 + 8
  var a9 = a0 + 9
  var a10 = a0 + 10
  var a11 = a0 + 11
  for _ in 0..<steps {
    a0 = y.addingProduct(a0, x)
    a1 = y.addingProduct(a1, x)
    a2 = y.addingProduct(a2, x)
    a3 = y.addingProduct(a3, x)
    a4 = y.addingProduct(a4, x)
    a5 = y.addingProduct(a5, x)
    a6 = y.addingProduct(a6, x)
    a7 = y.addingProduct(a7, x)
    a8 = y.addingProduct(a8, x)
    a9 = y.addingProduct(a9, x)
    a10 = y.addingProduct(a10, x)
    a11 = y.addingProduct(a11, x)
  }
  let s = (a0 + a1 + a2 + a3) + (a4 + a5 + a6 + a7) + (a8 + a9 + a10 + a11)
  return s.sum()
}

/// Keeps a value alive so that the optimiser cannot delete the work that produced it.
@inline(never)
func blackHole<T>(_ value: T) {
  withExtendedLifetime(value) {}
}
