import Foundation
import Networks

/// `nas-bench networks`: the machine's FMA peak, then the NB201, NB101 and NB-NLP
/// network tables with `samples` timed forward passes each, and a 2048³ SGEMM for
/// comparison with PyTorch (178 GFLOP/s on 2 threads on this machine kind).
func runNetworkReport(samples: Int) {
  let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "unknown"
  print("load average before: \(load.trimmingCharacters(in: .whitespacesAndNewlines))")
  var harness = Harness()
  harness.samples = 5
  for benchmark in PeakBenchmarks.all {
    let m = harness.run(benchmark)
    harness.peak[benchmark.threads] = m.gflopsBest
    if benchmark.threads == 1 { harness.corePeak = m.gflopsPerCoreBest }
    print(formatLine(m))
  }
  print(formatLine(harness.run(KernelBenchmarks.gemm(size: 2048, threads: 2))))
  ComputeThreads.count = 0
  let peak = harness.peak[2]
  NetworkReport.run(samples: samples, peak: peak)
  NB101Report.run(samples: samples, peak: peak)
  NLPReport.run(samples: samples, peak: peak)
  let after = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "unknown"
  print("load average after: \(after.trimmingCharacters(in: .whitespacesAndNewlines))")
}
