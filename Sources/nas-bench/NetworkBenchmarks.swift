import Foundation
import Networks
import Proxies
import SearchSpace

/// The network section of the speed report: for fixed NAS-Bench-201 cells at batch 128
/// on 32×32 inputs (the all-conv3×3 cell, the best cell, 50 random ones), the time to
/// build and initialise the network, the forward pass (median, min, max of a few
/// samples) and its GFLOP/s, and NASWOT end to end (build + init + forward + kernel +
/// log-determinant), which is what a NASWOT search pays per architecture.
enum NetworkReport {
  /// The cells measured: the two named ones, then 50 drawn with seed 2026.
  static func cells() -> [(label: String, cell: NB201Cell)] {
    var list: [(String, NB201Cell)] = []
    let named = [
      (
        "all-conv3x3",
        "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|"
      ),
      (
        "best (C10 val 91.61)",
        "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|"
      ),
    ]
    for (label, text) in named {
      if let cell = try? NB201Cell(parsing: text) { list.append((label, cell)) }
    }
    var rng = SplitMix64(seed: 2026)
    for index in 0..<50 { list.append(("random \(index)", NB201Cell.random(using: &rng))) }
    return list
  }

  /// Runs the section and prints it; `peak` is the measured 2-thread FMA peak (GFLOP/s).
  static func run(samples: Int, peak: Double?, batch: Int = 128) {
    let images = SyntheticBatch.images(count: batch, seed: 1)
    let input = Tensor<Float>(shape: images.shape, scalars: images.pixels)
    print("")
    print(
      "networks: NB201 CIFAR-10 network, batch \(batch), 32x32, \(ComputeThreads.count) threads")
    print(NetworkTiming.header + "  naswot s")
    var rows: [(row: NetworkTiming.Row, naswot: Double)] = []
    for (label, cell) in cells() {
      guard let cost = try? NB201NetworkCost(cell: cell) else { continue }
      let gflop = 2 * Double(cost.multiplyAccumulates) * Double(batch) / 1e9
      let measured = NetworkTiming.measure(
        label, gflop: gflop, samples: samples,
        build: { () -> NB201Network<Float>? in
          var rng = SplitMix64(seed: 1)
          return try? NB201Network<Float>(cell: cell, using: &rng)
        },
        forward: { network in
          let output = network.forward(input, in: ForwardPass())
          withExtendedLifetime(output) {}
        })
      guard let row = measured else { continue }
      let naswot = NetworkTiming.time {
        let score = NASWOT().score(.nb201(cell), on: .images(images), seed: 1)
        withExtendedLifetime(score) {}
      }
      rows.append((row, naswot))
      print(NetworkTiming.format(row, peak: peak) + String(format: " %9.3f", naswot))
    }
    let random = rows.filter { $0.row.label.hasPrefix("random") }
    guard !random.isEmpty else { return }
    let medians = random.map(\.row.median).sorted()
    let naswots = random.map(\.naswot).sorted()
    let totalFlop = random.reduce(0) { $0 + $1.row.gflop }
    let totalTime = random.reduce(0) { $0 + $1.row.median }
    print(
      String(
        format:
          "50 random cells: forward median %.3f s (min %.3f, max %.3f), %.1f GFLOP/s overall; "
          + "NASWOT end to end median %.3f s (min %.3f, max %.3f)",
        medians[medians.count / 2], medians.first ?? 0, medians.last ?? 0, totalFlop / totalTime,
        naswots[naswots.count / 2], naswots.first ?? 0, naswots.last ?? 0))
  }
}
