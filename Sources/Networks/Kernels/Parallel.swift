import Dispatch
import Synchronization

/// Runs `body(part)` for every `part` in `0..<parts`, concurrently when `parts > 1`.
///
/// Kernels choose `parts` (at most ``ComputeThreads/count``) and give each part a
/// disjoint slice of the output, so the result never depends on which thread ran which
/// part. Called only from synchronous code (never from inside a Swift-concurrency task).
/// Package-visible so that the scorers' own kernels (NASWOT's codes) split work the same way.
package func forEachPart(_ parts: Int, _ body: @Sendable (Int) -> Void) {
  if parts <= 1 {
    body(0)
  } else {
    DispatchQueue.concurrentPerform(iterations: parts, execute: body)
  }
}

/// A shared queue of work items `0..<count`, handed out in chunks to whichever thread
/// asks next (dynamic scheduling: on a shared machine a thread that loses its core for
/// a while simply takes fewer chunks).
///
/// Items must be independent and each must be computed the same way by any thread, so
/// the result does not depend on who took what.
package final class WorkQueue: Sendable {
  private let next = Atomic<Int>(0)
  /// Items in all.
  package let count: Int
  /// Items per chunk.
  package let chunk: Int

  package init(count: Int, chunk: Int) {
    self.count = count
    self.chunk = max(1, chunk)
  }

  /// The next chunk of items, or nil when all are taken.
  package func take() -> Range<Int>? {
    let start = next.add(chunk, ordering: .relaxed).oldValue
    guard start < count else { return nil }
    return start..<min(count, start + chunk)
  }
}

/// Runs `worker` on `threads` threads that share one ``WorkQueue`` over `0..<count`.
///
/// Each worker sets up its own scratch once, then loops on ``WorkQueue/take()``. About
/// eight chunks per thread unless `chunk` says otherwise. Package-visible for the
/// scorers' own kernels.
package func forEachChunk(
  _ count: Int, threads: Int, chunk: Int? = nil, _ worker: @Sendable (WorkQueue) -> Void
) {
  let queue = WorkQueue(
    count: count, chunk: chunk ?? max(1, count / (threads > 1 ? 8 * threads : 1)))
  forEachPart(threads) { _ in worker(queue) }
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
