import Foundation
import Networks

/// Timing statistics of one benchmark.
struct Measurement: Codable {
  /// The benchmark's name.
  var name: String
  /// Threads used.
  var threads: Int
  /// Runs per sample (auto-scaled so that a sample lasts about 50 ms).
  var iterations: Int
  /// Seconds per run: median, minimum and maximum over the samples.
  var median: Double
  var minimum: Double
  var maximum: Double
  /// Floating-point operations per run, when known.
  var flops: Double?
  /// GFLOP/s at the median and at the best sample.
  var gflopsMedian: Double?
  var gflopsBest: Double?
  /// The best sample as a percentage of the measured peak for the same thread count.
  var percentOfPeak: Double?
  /// GB/s at the best sample, for memory-bound kernels.
  var gigabytesPerSecondBest: Double?
  /// Process CPU seconds per run (all threads), median over the samples.
  ///
  /// On a shared machine wall time includes waiting for a core; CPU time does not.
  var cpuMedian: Double
  /// GFLOP/s per busy core: flops / CPU time (all threads), the best sample.
  ///
  /// Times the thread count, close to the wall-clock figure on an idle machine; on a
  /// loaded one, the kernels' own speed.
  var gflopsPerCoreBest: Double?
  /// ``gflopsPerCoreBest`` as a percentage of the peak loop's CPU-time figure per core:
  /// the kernel's efficiency, robust to other processes taking the cores.
  var percentOfCorePeak: Double?
}

/// Runs benchmarks: a warm-up, auto-scaled iterations, at least `samples` samples.
struct Harness {
  /// Samples per benchmark (at least 5).
  var samples = 7
  /// Minimum length of one sample.
  var sampleSeconds = 0.05
  /// Warm-up length before sampling.
  var warmUpSeconds = 0.2
  /// Measured peak GFLOP/s by thread count, filled in by the peak benchmarks.
  var peak: [Int: Double] = [:]
  /// Measured peak GFLOP/s per busy core (CPU time), filled in by the peak benchmarks.
  var corePeak: Double?

  /// Times `benchmark` and returns its statistics.
  mutating func run(_ benchmark: Benchmark) -> Measurement {
    ComputeThreads.count = benchmark.threads
    let prepared = benchmark.prepare()
    defer { prepared.finish() }
    let clock = ContinuousClock()
    // Warm-up, and a first estimate of the time per run.
    var runs = 0
    let warmStart = clock.now
    var elapsed = 0.0
    repeat {
      prepared.body()
      runs += 1
      elapsed = seconds(clock.now - warmStart)
    } while elapsed < warmUpSeconds && runs < 1000
    let perRun = elapsed / Double(runs)
    let iterations = max(1, Int((sampleSeconds / perRun).rounded(.up)))
    var times: [Double] = []
    var cpuTimes: [Double] = []
    for _ in 0..<max(5, samples) {
      let start = clock.now
      let cpuStart = processCPUSeconds()
      for _ in 0..<iterations { prepared.body() }
      cpuTimes.append((processCPUSeconds() - cpuStart) / Double(iterations))
      times.append(seconds(clock.now - start) / Double(iterations))
    }
    times.sort()
    cpuTimes.sort()
    var result = Measurement(
      name: benchmark.name, threads: benchmark.threads, iterations: iterations,
      median: times[times.count / 2], minimum: times[0], maximum: times[times.count - 1],
      cpuMedian: cpuTimes[cpuTimes.count / 2])
    if let flops = benchmark.flops {
      result.flops = flops
      result.gflopsMedian = flops / result.median / 1e9
      result.gflopsBest = flops / result.minimum / 1e9
      result.gflopsPerCoreBest = cpuTimes[0] > 0 ? flops / cpuTimes[0] / 1e9 : nil
      if let perCore = result.gflopsPerCoreBest, let core = corePeak {
        result.percentOfCorePeak = 100 * perCore / core
      }
      if let best = result.gflopsBest, let peakValue = peak[benchmark.threads] {
        result.percentOfPeak = 100 * best / peakValue
      }
    }
    if let bytes = benchmark.bytes {
      result.gigabytesPerSecondBest = bytes / result.minimum / 1e9
    }
    return result
  }

  private func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
  }

  private func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }
}

/// Formats one result line: name, threads, median/min/max time, GFLOP/s, % of peak.
func formatLine(_ m: Measurement) -> String {
  func time(_ s: Double) -> String {
    if s >= 1 { return String(format: "%7.3f s ", s) }
    if s >= 1e-3 { return String(format: "%7.3f ms", s * 1e3) }
    return String(format: "%7.2f us", s * 1e6)
  }
  var line = m.name.padding(toLength: 46, withPad: " ", startingAt: 0)
  line += " \(m.threads)t  med \(time(m.median))  min \(time(m.minimum))  max \(time(m.maximum))"
  if let g = m.gflopsMedian, let b = m.gflopsBest {
    line += String(format: "  %7.1f GF/s med %7.1f best", g, b)
  }
  if let p = m.percentOfPeak { line += String(format: "  %5.1f%% peak", p) }
  if let c = m.gflopsPerCoreBest {
    line += String(format: "  [cpu %6.1f GF/s/core", c)
    if let p = m.percentOfCorePeak { line += String(format: " %5.1f%%", p) }
    line += "]"
  }
  if let gb = m.gigabytesPerSecondBest { line += String(format: "  %6.1f GB/s", gb) }
  return line
}
