import Foundation

extension ScoreTable {
  /// The slice of `items` that shard `index` of `count` scores: every `count`-th item
  /// starting at `index`, so that each shard gets a similar mix of cheap and expensive
  /// architectures.
  public static func shard<T>(_ items: [T], index: Int, count: Int) -> [T] {
    precondition(count >= 1 && (0..<count).contains(index), "shard \(index)/\(count) out of range")
    return stride(from: index, to: items.count, by: count).map { items[$0] }
  }

  /// Joins shard tables into one, checking that they scored the same thing (equal
  /// metadata apart from `shard`) and that no architecture appears twice.
  public static func merge(_ tables: [(url: URL, table: ScoreTable)]) throws(EvaluationError)
    -> ScoreTable
  {
    guard let first = tables.first else { throw EvaluationError("merge needs at least one table") }
    func comparable(_ table: ScoreTable) -> [String] {
      table.metadata.filter { $0.key != "shard" }.map { "\($0.key)=\($0.value)" }
    }
    var rows: [Row] = []
    var seen: [String: URL] = [:]
    for (url, table) in tables {
      guard comparable(table) == comparable(first.table) else {
        throw EvaluationError(
          "\(url.path): scored with \(comparable(table).joined(separator: " ")), but "
            + "\(first.url.path) with \(comparable(first.table).joined(separator: " "))")
      }
      for row in table.rows {
        if let other = seen[row.architecture] {
          throw EvaluationError("\(url.path): '\(row.architecture)' is also in \(other.path)")
        }
        seen[row.architecture] = url
        rows.append(row)
      }
    }
    return ScoreTable(metadata: first.table.metadata.filter { $0.key != "shard" }, rows: rows)
  }
}
