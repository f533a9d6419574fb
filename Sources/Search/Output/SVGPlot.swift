import Foundation

/// A self-contained SVG line plot of best-so-far accuracy across runs: the mean line and
/// a band between the 25th and 75th percentiles, against evaluations or simulated time.
///
/// The y range covers every plotted value (mean and band), both axes have ticks at round
/// values (steps of 1, 2 or 5 times a power of ten), and the margins leave room for the
/// last x label.
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
    bestSoFar(
      records: outcomes.enumerated().map { RunRecord(run: $0, outcome: $1) }, metric: metric,
      axis: axis, title: title)
  }

  /// Renders the best-so-far curves of `records` (runs without points are skipped).
  public static func bestSoFar(
    records: [RunRecord], metric: String, axis: Axis, title: String
  ) -> String {
    let series: [[(x: Double, y: Double)]] = records.map { record in
      record.curve.map {
        (axis == .evaluations ? Double($0.evaluations) : $0.simulatedSeconds, $0.value)
      }
    }.filter { !$0.isEmpty }
    let maxX = max(series.compactMap { $0.last?.x }.max() ?? 1, 1e-9)
    let grid = (0...100).map { maxX * Double($0) / 100 }
    var mean: [Double] = []
    var low: [Double] = []
    var high: [Double] = []
    // Each run's value at x is its last point at or before x: a cursor per run that only
    // moves forward finds it, for a run whose x never decreases (every run's curve).
    let ordered = series.map { run in zip(run, run.dropFirst()).allSatisfy { $0.x <= $1.x } }
    var cursors = [Int](repeating: 0, count: series.count)
    var values: [Double] = []
    for x in grid {
      values.removeAll(keepingCapacity: true)
      for (index, run) in series.enumerated() {
        if ordered[index] {
          var cursor = cursors[index]
          while cursor < run.count && run[cursor].x <= x { cursor += 1 }
          cursors[index] = cursor
          if cursor > 0 { values.append(run[cursor - 1].y) }
        } else if let y = run.last(where: { $0.x <= x })?.y {
          values.append(y)
        }
      }
      values.sort()
      guard !values.isEmpty else {
        mean.append(.nan)
        low.append(.nan)
        high.append(.nan)
        continue
      }
      mean.append(values.reduce(0, +) / Double(values.count))
      low.append(values[values.count / 4])
      high.append(values[min(values.count - 1, (3 * values.count) / 4)])
    }
    let finite = (low + high + mean).filter(\.isFinite)
    let yTicks = ticks(from: finite.min() ?? 0, to: finite.max() ?? 1)
    let minY = yTicks.first ?? 0
    let maxY = yTicks.last ?? 1
    let xTicks = ticks(from: 0, to: maxX, within: true)
    let (width, height, left, bottom, top, right) = (640.0, 400.0, 60.0, 50.0, 30.0, 40.0)
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
    let yStep = yTicks.count > 1 ? yTicks[1] - yTicks[0] : 1
    for y in yTicks {
      svg +=
        "<line x1=\"\(f(left))\" y1=\"\(f(py(y)))\" x2=\"\(f(width - right))\" y2=\"\(f(py(y)))\" stroke=\"#ddd\"/>"
      svg +=
        "<text x=\"\(f(left - 6))\" y=\"\(f(py(y) + 4))\" text-anchor=\"end\">\(label(y, step: yStep))</text>\n"
    }
    let xStep = xTicks.count > 1 ? xTicks[1] - xTicks[0] : 1
    for x in xTicks {
      svg +=
        "<text x=\"\(f(px(x)))\" y=\"\(f(height - bottom + 16))\" text-anchor=\"middle\">\(label(x, step: xStep))</text>\n"
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

  /// The smallest step of 1, 2 or 5 times a power of ten that covers `span` in at most
  /// seven intervals (12,000 simulated seconds: 2,000).
  static func step(for span: Double) -> Double {
    guard span > 0, span.isFinite else { return 1 }
    let raw = span / 7
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    let normalized = raw / magnitude
    let factor: Double = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10
    return factor * magnitude
  }

  /// Round tick values covering `low...high` (from the multiple of the step at or below
  /// `low` to the one at or above `high`), or, when `within`, the multiples inside it.
  static func ticks(from low: Double, to high: Double, within: Bool = false) -> [Double] {
    let step = step(for: high - low)
    let first = within ? (low / step).rounded(.up) : (low / step).rounded(.down)
    var last = within ? (high / step).rounded(.down) : (high / step).rounded(.up)
    if last <= first && !within { last = first + 1 }
    guard last >= first else { return [low] }
    return (0...Int(last - first)).map { (first + Double($0)) * step }
  }

  /// A tick label with as many decimals as the step needs.
  static func label(_ value: Double, step: Double) -> String {
    let decimals = step >= 1 ? 0 : Int((-log10(step)).rounded(.up))
    let text = String(format: "%.\(decimals)f", value)
    return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
  }

  private static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }
}
