import Foundation
import Networks
import Proxies
import SearchSpace

/// `nas-bench stability [cells] [initializations] [passes at once]`: the
/// accuracy-stability scorer end to end on NB201 CIFAR-10 networks at its paper's batch
/// of 256 (passes at once: ``AccuracyStability/passesAtOnce``, default nil).
///
/// First the whole space's cost: the median GFLOP per cell (2 per multiply-accumulate,
/// batch 256, every initialisation) of the full networks and of the networks the scorer
/// runs (dead cell edges removed, ``AccuracyStability/liveCell(_:)``), and the time
/// that would take at the measured peak. Then, for the space's median cell (the cell
/// at the median of the run GFLOP, whose time is the "median cell" figure) and each of
/// the first `cells` random cells (seed 2026, cells without an input→output path skipped: the scorer does not
/// run them), the scorer's wall and CPU seconds, the GFLOP of the full and of the run
/// network, GFLOP/s (run GFLOP over wall seconds), peak memory, the score, and — for
/// comparison — `initializations` times the median of 3 plain forward passes of the
/// full network at batch 256. The batch is 256 real CIFAR-10 training images when the
/// reference data is there (`$NAS_DATA_DIR`, else `../shared/data`), otherwise the
/// synthetic batch.
enum StabilityReport {
  /// The paper's batch.
  static let batch = 256

  /// Runs the section and prints it.
  static func run(cells count: Int, initializations: Int, passesAtOnce: Int?) {
    let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "unknown"
    print("load average before: \(load.trimmingCharacters(in: .whitespacesAndNewlines))")
    var harness = Harness()
    harness.samples = 5
    var peak: Double?
    for benchmark in PeakBenchmarks.all where benchmark.threads == 2 {
      let m = harness.run(benchmark)
      peak = m.gflopsBest
      print(formatLine(m))
    }
    ComputeThreads.count = 0
    let (images, source) = imageBatch()
    let input = Tensor<Float>(shape: images.shape, scalars: images.pixels)
    let scorer = AccuracyStability(
      initializations: initializations, passesAtOnce: passesAtOnce)
    print("")
    print(
      "stability: accuracy-stability, NB201 CIFAR-10 network, batch \(batch) (\(source)), "
        + "\(initializations) initialisations, \(ComputeThreads.count) threads, "
        + "\(passesAtOnce.map { "\($0)" } ?? "default") passes at once")
    let perPass = 2 * Double(batch) * Double(initializations) / 1e9
    func gflop(_ cell: NB201Cell) -> Double {
      Double((try? NB201NetworkCost(cell: cell))?.multiplyAccumulates ?? 0) * perPass
    }
    let connected = NB201Cell.all.filter(\.hasInputOutputPath)
    let full = connected.map(gflop).sorted()
    let byRunCost = connected.map { ($0, gflop(AccuracyStability.liveCell($0))) }
      .sorted { $0.1 < $1.1 }
    let run = byRunCost.map(\.1)
    // The cell the space's median cost belongs to: its time is the "median cell" figure.
    let medianCell = byRunCost[byRunCost.count / 2].0
    let pruned = connected.filter { AccuracyStability.liveCell($0) != $0 }.count
    print(
      String(
        format:
          "space: %d cells with a path; GFLOP per cell median %.0f full, %.0f run, mean %.0f "
          + "full, %.0f run (%d cells have dead edges); the medians at the measured peak: "
          + "%.1f s, %.1f s",
        connected.count, full[full.count / 2], run[run.count / 2],
        full.reduce(0, +) / Double(full.count), run.reduce(0, +) / Double(run.count), pruned,
        full[full.count / 2] / (peak ?? .nan), run[run.count / 2] / (peak ?? .nan)))
    print(
      "cell      GFLOP full  run   score s   cpu s  GFLOP/s  %peak  fwd-only s  peak MB      score"
        + "  arch")
    var seconds: [Double] = []
    var rates: [Double] = []
    let timed =
      [("median", medianCell)]
      + connectedCells(count).enumerated().map { ("random \($0.offset)", $0.element) }
    var medianSeconds = Double.nan
    for (label, cell) in timed {
      let fullGFLOP = gflop(cell)
      let gflop = gflop(AccuracyStability.liveCell(cell))
      NetworkTiming.resetPeakMemory()
      var score = ProxyScore(0)
      let cpuStart = cpuSeconds()
      let wall = NetworkTiming.time {
        score = scorer.score(.nb201(cell), on: .images(images), seed: 1)
      }
      let cpu = cpuSeconds() - cpuStart
      let memory = NetworkTiming.peakMemoryMegabytes()
      let forwardOnly = forwardSeconds(cell, input: input) * Double(initializations)
      if label == "median" {
        medianSeconds = wall
      } else {
        seconds.append(wall)
        rates.append(gflop / wall)
      }
      let share = peak.map { String(format: "%6.1f", 100 * gflop / wall / $0) } ?? "     -"
      print(
        label.padding(toLength: 10, withPad: " ", startingAt: 0)
          + String(
            format: " %7.0f %5.0f %9.2f %7.2f %8.1f ", fullGFLOP, gflop, wall,
            cpu, gflop / wall)
          + share
          + String(
            format: " %11.2f %8.1f %10.5f  ", forwardOnly, memory,
            score.isValid ? score.value : .nan)
          + cell.description)
    }
    print(String(format: "the space's median cell (by run GFLOP): %.2f s", medianSeconds))
    guard !seconds.isEmpty else { return }
    let sorted = seconds.sorted()
    print(
      String(
        format: "%d cells: median %.2f s per cell (min %.2f, max %.2f), median %.1f GFLOP/s",
        sorted.count, sorted[sorted.count / 2], sorted.first ?? 0, sorted.last ?? 0,
        rates.sorted()[rates.count / 2]))
    print(String(format: "peak memory (ru_maxrss): %.1f MB", maxResidentMegabytes()))
    let after = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "unknown"
    print("load average after: \(after.trimmingCharacters(in: .whitespacesAndNewlines))")
  }

  /// The first `count` cells drawn with seed 2026 that have an input→output path.
  static func connectedCells(_ count: Int) -> [NB201Cell] {
    var rng = SplitMix64(seed: 2026)
    var cells: [NB201Cell] = []
    while cells.count < count {
      let cell = NB201Cell.random(using: &rng)
      if cell.hasInputOutputPath { cells.append(cell) }
    }
    return cells
  }

  /// 256 real CIFAR-10 training images (seed 1), or the synthetic batch without the data.
  static func imageBatch() -> (ImageBatch, String) {
    let url = NetworkTiming.dataDirectory.appendingPathComponent(
      "cifar10/cifar10_train_1864.bin")
    if let data = try? CIFARDataset(contentsOf: url),
      let images = try? data.batch(
        size: batch, seed: 1)
    {
      return (images, "CIFAR-10 training images")
    }
    return (SyntheticBatch.images(count: batch, seed: 1), "synthetic images")
  }

  /// The median of 3 plain forward passes (batch-norm on batch statistics) of the
  /// network of `cell`, built once.
  static func forwardSeconds(_ cell: NB201Cell, input: Tensor<Float>) -> Double {
    var rng = SplitMix64(seed: 1)
    guard let network = try? NB201Network<Float>(cell: cell, using: &rng) else { return .nan }
    let times = (0..<3).map { _ in
      NetworkTiming.time {
        let output = network.forward(input, in: ForwardPass())
        withExtendedLifetime(output) {}
      }
    }
    return times.sorted()[1]
  }

  /// User plus system CPU seconds of this process so far (all threads).
  static func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
      + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
  }
}
