import Dispatch

/// Runs `body(part)` for every `part` in `0..<parts`, concurrently when `parts > 1`.
///
/// Kernels choose `parts` (at most ``ComputeThreads/count``) and give each part a
/// disjoint slice of the output, so the result never depends on which thread ran which
/// part. Called only from synchronous code (never from inside a Swift-concurrency task).
func forEachPart(_ parts: Int, _ body: @Sendable (Int) -> Void) {
  if parts <= 1 {
    body(0)
  } else {
    DispatchQueue.concurrentPerform(iterations: parts, execute: body)
  }
}

/// The `part`-th of `parts` contiguous slices of `0..<count`, with every slice boundary
/// a multiple of `alignment` (except the end).
func slice(_ count: Int, parts: Int, part: Int, alignment: Int = 1) -> Range<Int> {
  let units = (count + alignment - 1) / alignment
  let lower = min(count, units * part / parts * alignment)
  let upper = min(count, units * (part + 1) / parts * alignment)
  return lower..<upper
}

/// How many threads an operation of `work` multiply-adds (or element operations) should
/// use: one below `threshold`, else ``ComputeThreads/count``, never more than `limit`.
func threadCount(work: Int, threshold: Int = 1 << 18, limit: Int) -> Int {
  guard work >= threshold else { return 1 }
  return max(1, min(ComputeThreads.count, limit))
}
