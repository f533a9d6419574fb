import Foundation
import Synchronization

/// How many threads the kernels split one operation over.
///
/// The default is every core. Use one thread per network when an outer loop already runs
/// several networks at once (parallelise at one level only). Kernels partition work so
/// that results are bitwise identical for any setting.
///
/// ``withCount(_:_:)`` sets the count for one piece of work (a task, or the current thread
/// outside tasks) without touching other work running at the same time, such as parallel
/// tests; ``count``'s setter changes the process-wide default (a benchmark harness).
public enum ComputeThreads {
  private static let storage = Atomic<Int>(0)
  @TaskLocal private static var scoped: Int?

  /// The number of threads in use: the innermost ``withCount(_:_:)``, else the
  /// process-wide setting; setting 0 restores the default (all active cores).
  public static var count: Int {
    get {
      if let scoped { return scoped }
      let value = storage.load(ordering: .relaxed)
      return value > 0 ? value : defaultCount
    }
    set { storage.store(max(0, newValue), ordering: .relaxed) }
  }

  /// Runs `body` with ``count`` equal to `threads` (at least 1) for the kernels it calls
  /// from this task or thread.
  public static func withCount<Result>(_ threads: Int, _ body: () throws -> Result) rethrows
    -> Result
  {
    try $scoped.withValue(max(1, threads), operation: body)
  }

  /// The number of active processors, read once: on Linux each read parses cgroup
  /// files, which cost about 30% of the kernels' time when done per call.
  public static let defaultCount = max(1, ProcessInfo.processInfo.activeProcessorCount)
}
