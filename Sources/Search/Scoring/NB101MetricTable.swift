import Foundation
import SearchSpace
import TabularBenchmarks

/// A NAS-Bench-101 table seen as named numeric columns per cell, whatever the file:
/// the official TFRecord (`nasbench_only108.tfrecord`, every training repeat at one
/// epoch budget) or a reference CSV (`nb101_reference_dev.csv`, one row per repeat).
///
/// The official file's columns are the benchmark API's `query` keys, in its units
/// (fractions, seconds): ``officialColumns``. A CSV keeps its own numeric columns
/// (`val_accuracy` in %, `params` in millions, ...). Cells are found by module hash,
/// so unpruned and isomorphic forms of a cell find the same rows.
public struct NB101MetricTable: Sendable {
  /// The columns of the official file, per training repeat.
  public static let officialColumns = [
    "validation_accuracy", "test_accuracy", "train_accuracy", "training_time",
    "trainable_parameters",
  ]

  private enum Source: Sendable {
    case official(NB101Benchmark, epochs: Int)
    case subset(NB101SubsetTable, columns: [[Double]])
  }

  private let source: Source
  /// The file, for messages.
  public let file: String
  /// The numeric columns, in order.
  public let columnNames: [String]

  /// Loads `url`: a `.csv` file as a reference subset, anything else as the official
  /// TFRecord, whose runs at `epochs` (default 108) are used.
  ///
  /// - Throws: ``EvaluationError`` naming the file and what is wrong with it.
  public init(contentsOf url: URL, epochs: Int? = nil) throws(EvaluationError) {
    file = url.path
    if url.pathExtension.lowercased() == "csv" {
      let table: NB101SubsetTable
      do {
        table = try NB101SubsetTable(contentsOf: url)
      } catch {
        throw EvaluationError(error.description)
      }
      var columns: [[Double]] = []
      for name in table.columnNames {
        guard let values = try? table.column(name) else { continue }
        columns.append(values)
      }
      source = .subset(table, columns: columns)
      columnNames = table.columnNames
      return
    }
    let benchmark: NB101Benchmark
    do {
      benchmark = try NB101Benchmark(contentsOf: url)
    } catch {
      throw EvaluationError("\(url.path): \(error.description)")
    }
    let budget = epochs ?? 108
    guard benchmark.epochBudgets.contains(budget) else {
      throw EvaluationError(
        "\(url.path): no runs for \(budget) epochs (the file has: "
          + benchmark.epochBudgets.map(String.init).joined(separator: ", ") + ")")
    }
    source = .official(benchmark, epochs: budget)
    columnNames = Self.officialColumns
  }

  /// The position of `column` in ``columnNames``.
  public func index(of column: String) -> Int? { columnNames.firstIndex(of: column) }

  /// Every training repeat (official file) or row (CSV) of `cell`'s network, as values
  /// aligned with ``columnNames``, with a key identifying the network (for seeded
  /// choices); empty when the table does not hold it or it is not a valid cell.
  public func repeats(for cell: NB101Cell) -> (key: UInt64, rows: [[Double]]) {
    guard let hash = try? cell.moduleHash() else { return (0, []) }
    switch source {
    case .official(let benchmark, let epochs):
      guard let parameters = benchmark.trainableParameters(for: hash) else { return (0, []) }
      let rows = benchmark.runs(for: hash, epochs: epochs).map { run in
        [
          run.validationAccuracy, run.testAccuracy, run.trainAccuracy, run.trainingTime,
          Double(parameters),
        ]
      }
      return (hash.high ^ hash.low, rows)
    case .subset(let table, let columns):
      let rows = table.rows(for: cell).map { row in columns.map { $0[row] } }
      return (hash.high ^ hash.low, rows)
    }
  }

  /// The mean over repeats of every column for `cell` (NaN values skipped), or nil
  /// when the table does not hold it.
  public func means(for cell: NB101Cell) -> [Double]? {
    let rows = repeats(for: cell).rows
    return rows.isEmpty ? nil : columnMeans(rows)
  }

  /// The means as a name → value dictionary (empty when the table lacks the cell).
  public func metrics(for cell: NB101Cell) -> [String: Double] {
    guard let means = means(for: cell) else { return [:] }
    var result: [String: Double] = [:]
    for (name, value) in zip(columnNames, means) where !value.isNaN { result[name] = value }
    return result
  }
}
