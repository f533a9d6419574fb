import Dispatch

/// Splits element-wise work over ``ComputeThreads``; deterministic because every
/// element is computed by exactly one thread with the same arithmetic.
enum ParallelLoop {
  /// Below this many elements per thread, threading costs more than it saves.
  static let minimumElementsPerThread = 1 << 15

  /// Calls `body` on disjoint ranges that cover `0..<count`, in parallel when the work
  /// is large; range boundaries are multiples of 16 so SIMD loops stay aligned to them.
  static func forEachChunk(count: Int, _ body: (Range<Int>) -> Void) {
    let threads = min(ComputeThreads.count, count / minimumElementsPerThread)
    guard threads > 1 else {
      body(0..<count)
      return
    }
    let chunk = ((count + threads - 1) / threads + 15) / 16 * 16
    withoutActuallyEscaping(body) { body in
      // The chunks are disjoint, so the closure's writes never overlap.
      nonisolated(unsafe) let body = body
      DispatchQueue.concurrentPerform(iterations: threads) { thread in
        let start = thread * chunk
        let end = min(count, start + chunk)
        if start < end { body(start..<end) }
      }
    }
  }
}
