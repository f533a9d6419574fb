import Foundation

/// A self-contained SVG line plot of best-so-far accuracy across runs: the mean line and
/// a band between the 25th and 75th percentiles, against evaluations or simulated time.
public enum SVGPlot {
  /// The x axis of the plot.
  public enum Axis: Sendable {
    /// Evaluation count.
    case evaluations
    /// Simulated training seconds.
    case simulatedSeconds
  }

  /// Renders the best-so-far metric of `outcomes` (runs without one are skipped).
  public static func bestSoFar(
    _ outcomes: [RunOutcome], metric: String, axis: Axis, title: String
  ) -> String {
    let series: [[(x: Double, y: Double)]] = outcomes.compactMap { outcome in
      guard let values = outcome.bestSoFarMetric else { return nil }
      return zip(outcome.history, values).compactMap { entry, value in
        guard value.isFinite else { return nil }
        let x = axis == .evaluations ? Double(entry.index + 1) : entry.simulatedSeconds
        return (x, value)
      }
    }.filter { !$0.isEmpty }
    let maxX = series.compactMap { $0.last?.x }.max() ?? 1
    let grid = (0...100).map { maxX * Double($0) / 100 }
    var mean: [Double] = []
    var low: [Double] = []
    var high: [Double] = []
    for x in grid {
      // Each run's value at x: its last point at or before x.
      let values = series.compactMap { run in run.last { $0.x <= x }?.y }.sorted()
      guard !values.isEmpty else {
        mean.append(.nan)
        low.append(.nan)
        high.append(.nan)
        continue
      }
      mean.append(values.reduce(0, +) / Double(values.count))
      low.append(values[values.count / 4])
      high.append(
        values[(3 * values.count) / 4 == values.count ? values.count - 1 : (3 * values.count) / 4])
    }
    let finite = (low + high).filter(\.isFinite)
    let minY = (finite.min() ?? 0).rounded(.down)
    let maxY = max(minY + 1, (finite.max() ?? 1).rounded(.up))
    let (width, height, left, bottom, top, right) = (640.0, 400.0, 60.0, 50.0, 30.0, 20.0)
    func px(_ x: Double) -> Double { left + (width - left - right) * x / maxX }
    func py(_ y: Double) -> Double {
      height - bottom - (height - bottom - top) * (y - minY) / (maxY - minY)
    }
    func f(_ v: Double) -> String { String(format: "%.1f", v) }
    var band: [String] = []
    var line: [String] = []
    for (i, x) in grid.enumerated() where mean[i].isFinite {
      band.append("\(f(px(x))),\(f(py(high[i])))")
      line.append("\(f(px(x))),\(f(py(mean[i])))")
    }
    for (i, x) in grid.enumerated().reversed() where mean[i].isFinite {
      band.append("\(f(px(x))),\(f(py(low[i])))")
    }
    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="12">
      <rect width="100%" height="100%" fill="white"/>
      <text x="\(f(width / 2))" y="18" text-anchor="middle" font-size="14">\(escape(title))</text>

      """
    for k in 0...5 {
      let y = minY + (maxY - minY) * Double(k) / 5
      svg +=
        "<line x1=\"\(f(left))\" y1=\"\(f(py(y)))\" x2=\"\(f(width - right))\" y2=\"\(f(py(y)))\" stroke=\"#ddd\"/>"
      svg +=
        "<text x=\"\(f(left - 6))\" y=\"\(f(py(y) + 4))\" text-anchor=\"end\">\(String(format: "%.1f", y))</text>\n"
      let x = maxX * Double(k) / 5
      svg +=
        "<text x=\"\(f(px(x)))\" y=\"\(f(height - bottom + 16))\" text-anchor=\"middle\">\(String(format: "%.0f", x))</text>\n"
    }
    svg +=
      "<polygon points=\"\(band.joined(separator: " "))\" fill=\"#4878d0\" fill-opacity=\"0.25\" stroke=\"none\"/>\n"
    svg +=
      "<polyline points=\"\(line.joined(separator: " "))\" fill=\"none\" stroke=\"#4878d0\" stroke-width=\"2\"/>\n"
    let xLabel = axis == .evaluations ? "evaluations" : "simulated training seconds"
    svg +=
      "<text x=\"\(f((left + width - right) / 2))\" y=\"\(f(height - 10))\" text-anchor=\"middle\">\(xLabel)</text>\n"
    svg +=
      "<text transform=\"translate(14,\(f((top + height - bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(metric)) of best so far (mean, 25–75%, \(series.count) runs)</text>\n"
    svg += "</svg>\n"
    return svg
  }

  private static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }
}
