import Foundation
import Testing

@testable import Search

/// The best-so-far plot's axes: round ticks, every plotted value inside them.
struct SVGPlotTests {
  /// Steps of about six intervals, 1, 2 or 5 times a power of ten: 12,000 s / 6 = 2,000;
  /// 3.4 points / 6 ≈ 0.57, rounded up to 1; 100 evaluations / 6 ≈ 16.7, up to 20.
  @Test func ticksAreRoundValues() {
    #expect(
      SVGPlot.ticks(from: 0, to: 12_000, within: true) == [
        0, 2000, 4000, 6000, 8000, 10_000, 12_000,
      ])
    #expect(SVGPlot.ticks(from: 90.5, to: 93.9) == [90, 91, 92, 93, 94])
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
    // y ticks from 7.5 to 12: (12 − 7.5) / 6 = 0.75, rounded up to a step of 1.
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
