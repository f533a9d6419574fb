import Foundation

/// Proxy scores of many architectures, as `nas-search score --all` writes them: a CSV
/// `arch,score,seconds,failure` with a first comment line naming what was scored
/// (`# nas-search score table: space=nb201 proxy=naswot batch_size=128 seed=1`).
///
/// A score table makes NASWOT search and AREA over hundreds of seeds cost lookups (the
/// NASWOT paper's 500-run experiments did the same). Failed scores are `-inf` with the
/// reason in `failure`.
public struct ScoreTable: Sendable {
  /// One scored architecture.
  public struct Row: Sendable, Equatable {
    /// Canonical architecture text.
    public var architecture: String
    /// The score (higher is better; `-infinity` when it could not be computed).
    public var score: Double
    /// Seconds the scoring took (build + init + forward + kernel).
    public var seconds: Double
    /// Why the score is the worst value, when it is.
    public var failure: String?

    /// Creates a row.
    public init(architecture: String, score: Double, seconds: Double, failure: String? = nil) {
      self.architecture = architecture
      self.score = score
      self.seconds = seconds
      self.failure = failure
    }
  }

  /// What was scored: `key=value` pairs of the header comment, in order.
  public var metadata: [(key: String, value: String)]
  /// The rows in file order.
  public var rows: [Row]
  private var index: [String: Int]

  /// A table with `metadata` and `rows`; a repeated architecture keeps its first row.
  public init(metadata: [(key: String, value: String)], rows: [Row]) {
    self.metadata = metadata
    self.rows = rows
    var index: [String: Int] = [:]
    for (position, row) in rows.enumerated() where index[row.architecture] == nil {
      index[row.architecture] = position
    }
    self.index = index
  }

  /// The row of `architecture` (canonical text), if scored.
  public func row(for architecture: String) -> Row? {
    index[architecture].map { rows[$0] }
  }

  /// The metadata value of `key`.
  public func metadata(_ key: String) -> String? { metadata.first { $0.key == key }?.value }

  /// The header comment line.
  public static func headerComment(_ metadata: [(key: String, value: String)]) -> String {
    "# nas-search score table: " + metadata.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
  }

  /// The column header line.
  public static let columnHeader = "arch,score,seconds,failure"

  /// One CSV line for `row`.
  public static func line(_ row: Row) -> String {
    [
      CSVText.field(row.architecture), CSVText.number(row.score), CSVText.number(row.seconds),
      CSVText.field(row.failure ?? ""),
    ].joined(separator: ",")
  }

  /// The whole file's text.
  public var text: String {
    ([ScoreTable.headerComment(metadata), ScoreTable.columnHeader] + rows.map(ScoreTable.line))
      .joined(separator: "\n") + "\n"
  }
}
