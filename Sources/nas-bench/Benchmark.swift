/// One timed operation of the speed report.
///
/// `prepare` allocates the operands once and returns the body to time; the harness
/// runs the body repeatedly and calls the returned `finish` when done. `flops` (when
/// known) turns times into GFLOP/s and a share of the measured peak; `bytes` (for
/// memory-bound kernels) into GB/s.
struct Benchmark {
  /// A stable name, `group/what/shape`, matched by `--filter`.
  var name: String
  /// Threads the kernels may use (``ComputeThreads/count``).
  var threads: Int
  /// Floating-point operations of one run, if meaningful.
  var flops: Double?
  /// Bytes one run must move at least, for memory-bound kernels.
  var bytes: Double?
  /// Allocates and initialises the operands; returns the body and the clean-up.
  var prepare: () -> Prepared

  /// The body to time and what to do afterwards.
  struct Prepared {
    /// One run of the operation.
    var body: () -> Void
    /// Frees the operands.
    var finish: () -> Void = {}
  }
}

/// Every benchmark the report knows, in report order.
///
/// Other files add their own lists here (the network benchmarks, for instance).
enum BenchmarkRegistry {
  /// All registered benchmarks.
  static var all: [Benchmark] {
    PeakBenchmarks.all + KernelBenchmarks.all
  }
}
