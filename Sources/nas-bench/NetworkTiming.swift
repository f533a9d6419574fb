import Foundation
import Networks
import Proxies

/// What the network tables share: seconds from a clock, per-network peak memory, and
/// the row layout (forward median, min, max, GFLOP/s against the peak, build time,
/// peak memory).
enum NetworkTiming {
  /// `duration` in seconds.
  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }

  /// Runs `body` and returns its wall-clock seconds.
  static func time(_ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    body()
    return seconds(clock.now - start)
  }

  /// Starts a per-network memory measurement: frees the tensor buffer cache (so that
  /// buffers of earlier networks do not count) and resets the kernel's peak resident
  /// set size (`/proc/self/clear_refs`, Linux only).
  static func resetPeakMemory() {
    TensorBufferCache.purge()
    if let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") {
      handle.write(Data("5".utf8))
      try? handle.close()
    }
  }

  /// Peak resident memory in MB since ``resetPeakMemory()`` (`VmHWM`), or since the
  /// start of the process where that is not available (`ru_maxrss`).
  static func peakMemoryMegabytes() -> Double {
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
      let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
    {
      return kilobytes / 1024
    }
    return maxResidentMegabytes()
  }

  /// One measured network.
  struct Row {
    /// The row's name.
    var label: String
    /// Floating-point operations of one forward pass (2 per multiply-accumulate).
    var gflop: Double
    /// Seconds to build and initialise the network.
    var buildSeconds: Double
    /// Seconds of each timed forward pass.
    var forward: [Double]
    /// Peak resident memory while building and running it, MB.
    var peakMegabytes: Double

    /// The median forward time.
    var median: Double { forward.sorted()[forward.count / 2] }
  }

  /// The column header matching ``format(_:peak:)``.
  static let header =
    "network                 GFLOP   build ms  fwd median    min      max  GFLOP/s  %peak   peak MB"

  /// One table line: `peak` is the measured 2-thread FMA peak in GFLOP/s.
  static func format(_ row: Row, peak: Double?) -> String {
    let rate = row.gflop / row.median
    let name =
      row.label.count >= 22
      ? String(row.label.prefix(22))
      : row.label + String(repeating: " ", count: 22 - row.label.count)
    let share = peak.map { String(format: "%6.1f", 100 * rate / $0) } ?? "     -"
    return name
      + String(
        format: " %6.2f %9.1f %10.3f %8.3f %8.3f %8.1f ", row.gflop, row.buildSeconds * 1000,
        row.median, row.forward.min() ?? 0, row.forward.max() ?? 0, rate) + share
      + String(format: " %9.1f", row.peakMegabytes)
  }

  /// Builds a network with `build`, runs `forward` `samples` times and measures it.
  static func measure<Network>(
    _ label: String, gflop: Double, samples: Int, build: () -> Network?,
    forward: (Network) -> Void
  ) -> Row? {
    resetPeakMemory()
    var network: Network?
    let buildSeconds = time { network = build() }
    guard let network else { return nil }
    var times: [Double] = []
    for _ in 0..<max(1, samples) { times.append(time { forward(network) }) }
    return Row(
      label: label, gflop: gflop, buildSeconds: buildSeconds, forward: times,
      peakMegabytes: peakMemoryMegabytes())
  }

  /// The directory of the reference data: `$NAS_DATA_DIR`, else `../shared/data`.
  static var dataDirectory: URL {
    URL(
      fileURLWithPath: ProcessInfo.processInfo.environment["NAS_DATA_DIR"] ?? "../shared/data")
  }

  /// The synthetic CIFAR-like batch every image network is timed on, `[batch, 3, 32, 32]`.
  static func images(batch: Int) -> Tensor<Float> {
    let images = SyntheticBatch.images(count: batch, seed: 1)
    return Tensor<Float>(shape: images.shape, scalars: images.pixels)
  }

  /// `count` indices spread evenly over `0..<total` (both ends included).
  static func spread(_ count: Int, over total: Int) -> [Int] {
    guard total > 0 else { return [] }
    guard count > 1 else { return [total / 2] }
    return (0..<count).map { $0 * (total - 1) / (count - 1) }
  }
}
