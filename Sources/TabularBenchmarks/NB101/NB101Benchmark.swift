import Foundation
import SearchSpace

/// The NAS-Bench-101 table: for every cell of the official data file, its trainable
/// parameters and, per epoch budget, the final metrics of each training repeat.
///
/// Load it from `nasbench_only108.tfrecord` (423,624 cells, 108 epochs, 3 repeats) or
/// `nasbench_full.tfrecord` (budgets 4, 12, 36, 108), then query cells as the
/// benchmark's `NASBench.get_metrics_from_spec` does: the cell is validated, pruned
/// and hashed, and the runs stored under that hash are returned. ``query(_:epochs:)``
/// averages the repeats.
///
/// Accuracies are fractions in [0, 1] and times are seconds, as in the file; "final"
/// is the evaluation at the end of training (`evaluation_data[2]`).
///
/// ```swift
/// let table = try NB101Benchmark(contentsOf: url)
/// let metrics = try table.query(cell, epochs: 108)
/// metrics.testAccuracy  // mean over the 3 repeats
/// ```
///
/// The table is immutable after loading and `Sendable`: share one instance.
public struct NB101Benchmark: Sendable {
  /// The final evaluation of one training run.
  public struct Run: Hashable, Sendable, Codable {
    /// Training time in seconds up to the end of training.
    public var trainingTime: Double
    /// Final accuracy on 10,000 training images.
    public var trainAccuracy: Double
    /// Final validation accuracy.
    public var validationAccuracy: Double
    /// Final test accuracy.
    public var testAccuracy: Double

    /// Creates a run.
    public init(
      trainingTime: Double, trainAccuracy: Double, validationAccuracy: Double,
      testAccuracy: Double
    ) {
      self.trainingTime = trainingTime
      self.trainAccuracy = trainAccuracy
      self.validationAccuracy = validationAccuracy
      self.testAccuracy = testAccuracy
    }
  }

  /// A cell's metrics for one epoch budget, averaged over its repeats.
  public struct Metrics: Hashable, Sendable, Codable {
    /// The cell's module hash.
    public var moduleHash: MD5Digest
    /// Trainable parameters of the network.
    public var trainableParameters: Int
    /// How many repeats were averaged.
    public var repeats: Int
    /// Mean training time in seconds.
    public var trainingTime: Double
    /// Mean final training accuracy.
    public var trainAccuracy: Double
    /// Mean final validation accuracy.
    public var validationAccuracy: Double
    /// Mean final test accuracy.
    public var testAccuracy: Double
  }

  /// The file the table was read from (or a label).
  public let name: String
  /// The epoch budgets the table holds, ascending.
  public let epochBudgets: [Int]
  /// The module hash of every cell, in the order of first appearance in the file.
  public let moduleHashes: [MD5Digest]

  private let indexOfHash: [MD5Digest: Int]
  private let cells: [NB101Cell]
  private let parameters: [Int]
  /// Per budget: all runs, grouped by cell.
  private let runs: [[Run]]
  /// Per budget: cell i's runs are `runs[b][runStarts[b][i]..<runStarts[b][i + 1]]`.
  private let runStarts: [[Int]]

  /// The number of cells.
  public var count: Int { moduleHashes.count }

  /// Builds the table from records, keeping the first record's cell and parameter
  /// count for each hash (as the benchmark's API does).
  ///
  /// - Throws: ``NB101BenchmarkError/record(file:recordIndex:byteOffset:_:)`` when a
  ///   record has fewer than 3 evaluations, or
  ///   ``NB101BenchmarkError/hashMismatch(file:recordIndex:stored:computed:)`` when
  ///   `verifyHashes` is set and a stored hash differs from its cell's hash (hashed
  ///   once per distinct cell: records repeating a cell reuse the result).
  public init(
    records: some Sequence<NB101Record>, name: String = "<memory>", verifyHashes: Bool = false
  ) throws(NB101BenchmarkError) {
    var builder = Builder(name: name, verifyHashes: verifyHashes)
    for record in records {
      try builder.add(record, byteOffset: 0)
    }
    self.init(builder)
  }

  init(_ builder: Builder) {
    name = builder.name
    epochBudgets = builder.budgets.sorted()
    moduleHashes = builder.hashes
    indexOfHash = builder.indexOfHash
    cells = builder.cells
    parameters = builder.parameters
    // Counting sort of the pending runs by (budget, cell), stable in file order.
    var runs: [[Run]] = []
    var runStarts: [[Int]] = []
    for budget in epochBudgets {
      let pending = builder.pending.filter { $0.epochs == budget }
      var starts = [Int](repeating: 0, count: builder.hashes.count + 1)
      for run in pending { starts[run.cell + 1] += 1 }
      for index in 0..<builder.hashes.count { starts[index + 1] += starts[index] }
      var next = starts
      var sorted = [Run](
        repeating: Run(trainingTime: 0, trainAccuracy: 0, validationAccuracy: 0, testAccuracy: 0),
        count: pending.count)
      for run in pending {
        sorted[next[run.cell]] = run.run
        next[run.cell] += 1
      }
      runs.append(sorted)
      runStarts.append(starts)
    }
    self.runs = runs
    self.runStarts = runStarts
  }

  /// The stored (pruned) cell with this hash.
  public func cell(for hash: MD5Digest) -> NB101Cell? {
    indexOfHash[hash].map { cells[$0] }
  }

  /// The trainable parameters of the cell with this hash.
  public func trainableParameters(for hash: MD5Digest) -> Int? {
    indexOfHash[hash].map { parameters[$0] }
  }

  /// Every repeat's final metrics for the cell with this hash and budget, in file
  /// order; empty when the table has no such runs.
  public func runs(for hash: MD5Digest, epochs: Int) -> [Run] {
    guard let cell = indexOfHash[hash], let budget = epochBudgets.firstIndex(of: epochs) else {
      return []
    }
    return Array(runs[budget][runStarts[budget][cell]..<runStarts[budget][cell + 1]])
  }

  /// The mean over repeats for the cell with this hash, or nil when the table has no
  /// runs for it at that budget.
  public func metrics(for hash: MD5Digest, epochs: Int) -> Metrics? {
    let repeats = runs(for: hash, epochs: epochs)
    guard !repeats.isEmpty, let parameters = trainableParameters(for: hash) else { return nil }
    func mean(_ value: (Run) -> Double) -> Double {
      repeats.reduce(0) { $0 + value($1) } / Double(repeats.count)
    }
    return Metrics(
      moduleHash: hash, trainableParameters: parameters, repeats: repeats.count,
      trainingTime: mean(\.trainingTime), trainAccuracy: mean(\.trainAccuracy),
      validationAccuracy: mean(\.validationAccuracy), testAccuracy: mean(\.testAccuracy))
  }

  /// The metrics of `cell` for `epochs`, averaged over repeats, as the benchmark's
  /// `get_metrics_from_spec` finds them: validated in `space` (the benchmark's limits
  /// by default), pruned and looked up by module hash.
  ///
  /// - Throws: ``NB101BenchmarkError`` when the cell is not in the space, the budget
  ///   is not in the table, or the table does not hold the cell.
  public func query(
    _ cell: NB101Cell, epochs: Int = 108, space: NB101Space = NB101Space()
  ) throws(NB101BenchmarkError) -> Metrics {
    let hash: MD5Digest
    do {
      try space.validate(cell)
      hash = try cell.moduleHash()
    } catch {
      throw .invalidCell(error)
    }
    guard epochBudgets.contains(epochs) else {
      throw .unknownEpochs(requested: epochs, available: epochBudgets)
    }
    guard let metrics = metrics(for: hash, epochs: epochs) else {
      throw .notInTable(cell: cell.text, hash: hash)
    }
    return metrics
  }
}

extension NB101Benchmark {
  /// Accumulates records; ``NB101Benchmark/init(_:)`` groups their runs.
  struct Builder {
    struct PendingRun {
      var cell: Int
      var epochs: Int
      var run: Run
    }

    let name: String
    let verifyHashes: Bool
    var budgets: Set<Int> = []
    var hashes: [MD5Digest] = []
    var indexOfHash: [MD5Digest: Int] = [:]
    var cells: [NB101Cell] = []
    var parameters: [Int] = []
    var pending: [PendingRun] = []
    var recordIndex = 0

    init(name: String, verifyHashes: Bool) {
      self.name = name
      self.verifyHashes = verifyHashes
    }

    mutating func add(_ record: NB101Record, byteOffset: Int) throws(NB101BenchmarkError) {
      defer { recordIndex += 1 }
      let evaluations = record.metrics.evaluations
      guard evaluations.count >= 3 else {
        throw .record(
          file: name, recordIndex: recordIndex, byteOffset: byteOffset,
          NB101DataError(
            field: "field 5 (raw_metrics) evaluation_data",
            reason: "\(evaluations.count) evaluations; the benchmark's API reads entry 2 "
              + "(start, half-way, end of training)"))
      }
      let known = indexOfHash[record.moduleHash]
      // A record that repeats the cell stored under its hash needs no hashing.
      if verifyHashes, known.map({ cells[$0] != record.cell }) ?? true {
        let computed: MD5Digest
        do {
          computed = try record.cell.moduleHash()
        } catch {
          throw .record(
            file: name, recordIndex: recordIndex, byteOffset: byteOffset,
            NB101DataError(
              field: "fields 3-4 (raw_adjacency, raw_operations)", reason: error.reason))
        }
        guard computed == record.moduleHash else {
          throw .hashMismatch(
            file: name, recordIndex: recordIndex, stored: record.moduleHash, computed: computed)
        }
      }
      let cell: Int
      if let known {
        cell = known
      } else {
        cell = hashes.count
        indexOfHash[record.moduleHash] = cell
        hashes.append(record.moduleHash)
        cells.append(record.cell)
        parameters.append(record.metrics.trainableParameters)
      }
      budgets.insert(record.epochs)
      let final = evaluations[2]
      pending.append(
        PendingRun(
          cell: cell, epochs: record.epochs,
          run: Run(
            trainingTime: final.trainingTime, trainAccuracy: final.trainAccuracy,
            validationAccuracy: final.validationAccuracy, testAccuracy: final.testAccuracy)))
    }
  }
}
