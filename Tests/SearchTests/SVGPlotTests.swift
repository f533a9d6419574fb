import Foundation
import Testing

@testable import Search

/// The best-so-far plot's axes: round ticks, every plotted value inside them.
struct SVGPlotTests {
  /// The smallest step of 1, 2 or 5 times a power of ten with at most 7 intervals:
  /// 12,000 s / 7 ≈ 1,714 and 12,600 s / 7 = 1,800, both rounded up to 2,000; 3.4 points
  /// / 7 ≈ 0.49, up to 0.5; 100 evaluations / 7 ≈ 14.3, up to 20.
  @Test func ticksAreRoundValues() {
    #expect(
      SVGPlot.ticks(from: 0, to: 12_000, within: true) == [
        0, 2000, 4000, 6000, 8000, 10_000, 12_000,
      ])
    #expect(
      SVGPlot.ticks(from: 0, to: 12_600, within: true)
        == [0, 2000, 4000, 6000, 8000, 10_000, 12_000])
    #expect(SVGPlot.ticks(from: 90.5, to: 93.9) == [90.5, 91, 91.5, 92, 92.5, 93, 93.5, 94])
    #expect(SVGPlot.ticks(from: 0, to: 100, within: true) == [0, 20, 40, 60, 80, 100])
  }

  func record(_ run: Int, _ values: [Double]) -> RunRecord {
    RunRecord(
      run: run, seed: UInt64(run), bestArchitecture: nil, fitness: nil, proxyScore: nil,
      metrics: [], evaluations: values.count, simulatedSeconds: Double(values.count),
      wallSeconds: 0, stoppedBy: "evaluations",
      curve: values.enumerated().map {
        RunRecord.Point(evaluations: $0 + 1, simulatedSeconds: Double($0 + 1), value: $1)
      })
  }

  /// Four runs whose first values are 0, 10, 10, 10: the band (25th to 75th
  /// percentile) is 10 to 10 but the mean is 7.5, below it; the y axis must reach it.
  @Test func theMeanLineStaysInsideThePlot() throws {
    let records = [
      record(0, [0, 10]), record(1, [10, 10]), record(2, [10, 10]), record(3, [10, 12]),
    ]
    let svg = SVGPlot.bestSoFar(records: records, metric: "m", axis: .evaluations, title: "t")
    let polyline = try #require(svg.split(separator: "\n").first { $0.hasPrefix("<polyline") })
    let points = try #require(polyline.split(separator: "\"").dropFirst().first)
    let ys = points.split(separator: " ").compactMap { Double($0.split(separator: ",")[1]) }
    #expect(!ys.isEmpty)
    // The plot area spans y = 30 (top) to 350 (400 − bottom margin 50).
    #expect(ys.allSatisfy { $0 >= 30 && $0 <= 350 }, "\(ys)")
    // y ticks from 7.5 to 12: (12 − 7.5) / 7 ≈ 0.64, rounded up to a step of 1.
    for label in ["7", "8", "9", "10", "11", "12"] {
      #expect(svg.contains("text-anchor=\"end\">\(label)</text>"), "\(label)")
    }
  }

  /// The last x label sits at the right end of the axis, 40 px from the edge: room for
  /// "12000" (five digits of a 12 px font, about 35 px wide, centred).
  @Test func theLastXLabelIsInsideTheImage() throws {
    let values = Array(repeating: 1.0, count: 12_000)
    let svg = SVGPlot.bestSoFar(
      records: [record(0, values)], metric: "m", axis: .simulatedSeconds, title: "t")
    let label = try #require(
      svg.split(separator: "\n").first { $0.hasSuffix(">12000</text>") })
    let x = try #require(label.split(separator: "\"").dropFirst().first.flatMap { Double($0) })
    #expect(x == 600)
  }
}
