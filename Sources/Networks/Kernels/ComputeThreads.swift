import Foundation
import Synchronization

/// How many threads the kernels split one operation over.
///
/// The default is every core. Set it to 1 when an outer loop already runs several
/// networks at once (parallelise at one level only). Kernels partition work so that
/// results are bitwise identical for any setting.
public enum ComputeThreads {
  private static let storage = Atomic<Int>(0)

  /// The number of threads in use; 0 restores the default (all active cores).
  public static var count: Int {
    get {
      let value = storage.load(ordering: .relaxed)
      return value > 0 ? value : defaultCount
    }
    set { storage.store(max(0, newValue), ordering: .relaxed) }
  }

  /// The number of active processors, read once: on Linux each read parses cgroup
  /// files, which cost about 30% of the kernels' time when done per call.
  public static let defaultCount = max(1, ProcessInfo.processInfo.activeProcessorCount)
}
