import Foundation
import Networks
import SearchSpace
import TabularBenchmarks

/// The NAS-Bench-101 table of `nas-bench networks`: five cells of
/// `nasbench101/nb101_reference_dev.csv`, spread over the parameter counts, at batch 128
/// on 32×32 inputs (forward pass with batch statistics, no tape).
enum NB101Report {
  /// The five cells (smallest, quartiles, largest by `params`), or none without the data.
  static func cells() -> [(label: String, cell: NB101Cell)] {
    let url = NetworkTiming.dataDirectory.appendingPathComponent(
      "nasbench101/nb101_reference_dev.csv")
    guard let table = try? NB101SubsetTable(contentsOf: url),
      let parameters = try? table.column("params")
    else { return [] }
    let rows = zip(parameters, table.cells).sorted { $0.0 < $1.0 }
    return NetworkTiming.spread(5, over: rows.count).map { index in
      (String(format: "nb101 %.2fM params", rows[index].0), rows[index].1)
    }
  }

  /// Runs the table and prints it.
  static func run(samples: Int, peak: Double?, batch: Int = 128) {
    print("")
    print(
      "networks: NB101 CIFAR-10 network, batch \(batch), 32x32, \(ComputeThreads.count) threads")
    let list = cells()
    guard !list.isEmpty else {
      print("(skipped: no nasbench101/nb101_reference_dev.csv under $NAS_DATA_DIR)")
      return
    }
    print(NetworkTiming.header)
    let images = NetworkTiming.images(batch: batch)
    for (label, cell) in list {
      guard let cost = try? NB101NetworkCost(cell: cell) else { continue }
      let gflop = 2 * Double(cost.multiplyAccumulates) * Double(batch) / 1e9
      let row = NetworkTiming.measure(
        label, gflop: gflop, samples: samples,
        build: { () -> NB101Network<Float>? in
          var rng = SplitMix64(seed: 1)
          return try? NB101Network<Float>(cell: cell, using: &rng)
        },
        forward: { network in
          let output = network.forward(images, in: ForwardPass())
          withExtendedLifetime(output) {}
        })
      if let row { print(NetworkTiming.format(row, peak: peak)) }
    }
  }
}
