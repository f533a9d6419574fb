import SearchSpace

/// The NAS-Bench-201 (NATS-Bench topology) table: trained accuracies, losses,
/// training times and costs of all 15,625 cells.
///
/// It is read from `nb201_200epoch.csv` (200-epoch training, the benchmark's final
/// results) and, optionally, `nb201_12epoch.csv` (12-epoch training, the
/// low-fidelity signal the benchmark's searches use as reward), joined on
/// `arch_str`. Every numeric column is available by its name; those of the 12-epoch
/// table carry the prefix ``twelveEpochPrefix``:
///
/// ```swift
/// let benchmark = try NB201Benchmark(directory: dataDirectory)
/// let cell = try NB201Cell(parsing: "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|")
/// try benchmark.value("cifar10_test_acc", for: cell)               // 200 epochs
/// try benchmark.value("12epoch:cifar10_valid_val_acc", for: cell)  // 12 epochs
/// ```
///
/// Lookups are O(1): every column is an array indexed by ``NB201Cell/productIndex``.
/// For a hot loop, fetch a ``Column`` once and subscript it with cells.
///
/// The key column `arch_index` (the official file's order) is exposed through
/// ``archIndex(of:)`` and ``cell(atArchIndex:)``, not as a metric. Text columns
/// (``textColumnNames``, such as `unique_str`) are read with ``text(_:for:)``.
public struct NB201Benchmark: Sendable {
  /// The number of cells of a complete table.
  public static let cellCount = NB201Cell.cellCount

  /// The prefix of the 12-epoch table's columns, as in `12epoch:cifar10_valid_val_acc`.
  public static let twelveEpochPrefix = "12epoch:"

  /// The file name of the 200-epoch table in the reference data directory.
  public static let fileName = "nb201_200epoch.csv"

  /// The file name of the 12-epoch table in the reference data directory.
  public static let twelveEpochFileName = "nb201_12epoch.csv"

  /// Columns that hold text, not numbers, when present; every other column except
  /// `arch_index` must hold a finite decimal number on every row.
  public static let knownTextColumns: Set<String> = [
    "arch_str", "unique_str", "edge_1_0", "edge_2_0", "edge_2_1", "edge_3_0", "edge_3_1",
    "edge_3_2", "params_stored_eq_formula",
  ]

  /// Columns the 200-epoch table must have: the key and the metrics that NB201
  /// searches report and charge.
  public static let requiredColumns = [
    "arch_index", "arch_str", "cifar10_valid_val_acc", "cifar10_valid_test_acc",
    "cifar10_test_acc", "cifar100_val_acc_derived", "cifar100_test_acc",
    "imagenet16_val_acc_derived", "imagenet16_test_acc", "cifar10_valid_train_time_per_epoch_s",
  ]

  /// Columns the 12-epoch table must have: the key and the search's reward.
  public static let requiredTwelveEpochColumns = ["arch_str", "cifar10_valid_val_acc"]

  /// The numeric columns, 200-epoch ones first (file order), then the 12-epoch ones
  /// with their prefix.
  public let columnNames: [String]

  /// The text columns of the 200-epoch table, in file order.
  public let textColumnNames: [String]

  /// The cells of the table in `arch_index` order.
  public let cells: [NB201Cell]

  /// The 200-epoch file's path or label, for messages.
  public let file: String

  /// The position of each numeric column in ``values``.
  let columnPositions: [String: Int]
  /// `values[column][productIndex]`; NaN for cells the table lacks.
  let values: [[Double]]
  /// The `arch_index` of each cell by product index, −1 when absent.
  let archIndexByProduct: [Int32]
  /// The 200-epoch table's row of each cell by product index, −1 when absent.
  let rowByProduct: [Int32]
  /// The 200-epoch table, kept for its text columns (only those when read from a cache).
  let table: CSVTable

  /// A benchmark of these parts (parsed from the tables or read from their cache); the
  /// position of each column is derived from `columnNames`.
  init(
    file: String, table: CSVTable, cells: [NB201Cell], archIndexByProduct: [Int32],
    rowByProduct: [Int32], columnNames: [String], textColumnNames: [String], values: [[Double]]
  ) {
    self.file = file
    self.table = table
    self.cells = cells
    self.archIndexByProduct = archIndexByProduct
    self.rowByProduct = rowByProduct
    self.columnNames = columnNames
    self.textColumnNames = textColumnNames
    self.values = values
    self.columnPositions = Dictionary(
      uniqueKeysWithValues: columnNames.enumerated().map { ($0.element, $0.offset) })
  }

  /// The number of cells in the table: 15,625 unless it was loaded as partial.
  public var count: Int { cells.count }

  /// Whether the table has a row for `cell`.
  public func contains(_ cell: NB201Cell) -> Bool {
    archIndexByProduct[cell.productIndex] >= 0
  }

  /// The cell's `arch_index`: its position in the official benchmark file.
  public func archIndex(of cell: NB201Cell) -> Int? {
    let index = archIndexByProduct[cell.productIndex]
    return index >= 0 ? Int(index) : nil
  }
}
