/// The benchmark section of a config: the table(s), which column is the fitness, what an
/// evaluation costs on the simulated clock, and which columns to report.
///
/// For NAS-Bench-201 (the NB201 paper's protocol, XAutoDL `R_EA.py`): fitness = the 12-epoch `cifar10_valid_val_acc` from
/// `fidelity_table`, cost = 12 × `cifar10_valid_train_time_per_epoch_s`, reported = every
/// column of the 200-epoch `table`.
public struct BenchmarkConfig: Sendable, Equatable, Codable {
  /// The main table (reported metrics), such as `nasbench201/nb201_200epoch.csv`.
  ///
  /// A relative path is looked up from the working directory, then in `$NAS_DATA_DIR`.
  public var table: String
  /// A lower-fidelity table (NB201's 12-epoch CSV) the fitness is read from, if any.
  public var fidelityTable: String?
  /// The fitness column.
  public var fitness: String
  /// Where the fitness column lives: `fidelity` (default when a fidelity table is given)
  /// or `table`.
  public var fitnessFrom: String?
  /// Whether lower values of the fitness column are better (perplexity, loss).
  public var minimize: Bool
  /// The column of the main table whose value, times `costMultiplier`, is charged per
  /// evaluation.
  public var cost: String?
  /// The factor applied to the cost column (12 for NB201's 12-epoch protocol).
  public var costMultiplier: Double
  /// The training epochs of a query, for tables with several budgets (NB101: 108).
  public var epochs: Int?
  /// The dataset for the network's parameters and FLOPs (`cifar10`, `cifar100`, ...).
  public var dataset: String?
  /// The reported column plotted as best-so-far, such as `cifar10_test_acc`.
  ///
  /// The default is the fitness column when the main table has it.
  public var plot: String?
  /// How a table with several training repeats per architecture answers a query
  /// (NB101, NB-NLP): `mean` (default) or `random` (one repeat drawn per run and
  /// architecture, as the NB101 API's `query`; fitness and cost come from that repeat).
  public var `repeat`: String?

  enum CodingKeys: String, CodingKey, CaseIterable {
    case table
    case fidelityTable = "fidelity_table"
    case fitness
    case fitnessFrom = "fitness_from"
    case minimize, cost
    case costMultiplier = "cost_multiplier"
    case epochs, dataset, plot
    case `repeat`
  }

  /// Creates a benchmark config in code.
  public init(
    table: String, fidelityTable: String? = nil, fitness: String, fitnessFrom: String? = nil,
    minimize: Bool = false, cost: String? = nil, costMultiplier: Double = 1, epochs: Int? = nil,
    dataset: String? = nil, plot: String? = nil, repeat: String? = nil
  ) {
    self.table = table
    self.fidelityTable = fidelityTable
    self.fitness = fitness
    self.fitnessFrom = fitnessFrom
    self.minimize = minimize
    self.cost = cost
    self.costMultiplier = costMultiplier
    self.epochs = epochs
    self.dataset = dataset
    self.plot = plot
    self.repeat = `repeat`
  }

  /// Decodes the section, rejecting unknown keys.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    table = try c.decode(String.self, forKey: .table)
    fidelityTable = try c.decodeIfPresent(String.self, forKey: .fidelityTable)
    fitness = try c.decode(String.self, forKey: .fitness)
    fitnessFrom = try c.decodeIfPresent(String.self, forKey: .fitnessFrom)
    minimize = try c.decodeIfPresent(Bool.self, forKey: .minimize) ?? false
    cost = try c.decodeIfPresent(String.self, forKey: .cost)
    costMultiplier = try c.decodeIfPresent(Double.self, forKey: .costMultiplier) ?? 1
    epochs = try c.decodeIfPresent(Int.self, forKey: .epochs)
    dataset = try c.decodeIfPresent(String.self, forKey: .dataset)
    plot = try c.decodeIfPresent(String.self, forKey: .plot)
    self.repeat = try c.decodeIfPresent(String.self, forKey: .repeat)
  }

  /// Whether a query reads one training repeat drawn at random instead of the mean.
  public var randomRepeat: Bool { self.repeat == "random" }

  /// Whether the fitness is read from the fidelity table.
  public var fitnessFromFidelity: Bool {
    (fitnessFrom ?? (fidelityTable == nil ? "table" : "fidelity")) == "fidelity"
  }

  func validate() throws(ConfigError) {
    if let fitnessFrom, fitnessFrom != "table", fitnessFrom != "fidelity" {
      throw ConfigError(
        path: "benchmark.fitness_from", message: "expected \"table\" or \"fidelity\"")
    }
    if fitnessFromFidelity, fidelityTable == nil {
      throw ConfigError(
        path: "benchmark.fitness_from", message: "\"fidelity\" needs benchmark.fidelity_table")
    }
    if !(costMultiplier >= 0) || !costMultiplier.isFinite {
      throw ConfigError(path: "benchmark.cost_multiplier", message: "expected a number ≥ 0")
    }
    if let value = self.repeat, value != "mean", value != "random" {
      throw ConfigError(path: "benchmark.repeat", message: "expected \"mean\" or \"random\"")
    }
    if let epochs, ![4, 12, 36, 108, 200].contains(epochs) {
      throw ConfigError(
        path: "benchmark.epochs", message: "expected one of 4, 12, 36, 108 (NB101) or 200")
    }
  }
}
