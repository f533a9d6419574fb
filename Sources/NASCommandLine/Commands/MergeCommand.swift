import Foundation
import Search

/// `nas-search merge`: joins the shard files of `nas-search score --shard I/N` into one
/// score table.
struct MergeCommand: Command {
  let name = "merge"
  let abstract = "Join score-table shards (from 'score --shard I/N') into one table."
  let discussion = """
    Checks that every shard scored the same space with the same proxy, options and seed,
    and that no architecture is in two shards; with --expect N, that N rows result.
    """
  let arguments = [ArgumentSpec(name: "FILES", help: "The shard files to join.")]
  let options: [OptionSpec] = [
    .option("output", "file", "Where to write the merged table (default: standard output)."),
    .option("expect", "n", "Fail unless the merged table has exactly n architectures."),
  ]

  func run(_ arguments: ParsedArguments) throws(CLIError) {
    guard !arguments.positional.isEmpty else {
      throw .usage("'merge' needs at least one shard file", command: name)
    }
    var tables: [(url: URL, table: ScoreTable)] = []
    for path in arguments.positional {
      let url = URL(fileURLWithPath: path)
      do {
        tables.append((url, try ScoreTable.read(url)))
      } catch {
        throw .badInput(error.description)
      }
    }
    let merged: ScoreTable
    do {
      merged = try ScoreTable.merge(tables)
    } catch {
      throw .badInput(error.description)
    }
    if let expected = arguments.string("expect") {
      guard let count = Int(expected), count >= 0 else {
        throw .usage("'--expect' expects a non-negative integer, got '\(expected)'", command: name)
      }
      guard merged.rows.count == count else {
        throw .failure("the shards hold \(merged.rows.count) architectures, expected \(count)")
      }
    }
    if let output = arguments.string("output") {
      do {
        try AtomicFile.write(merged.text, to: URL(fileURLWithPath: output))
      } catch {
        throw .failure(error.description)
      }
    } else {
      try StandardOutput.write(merged.text)
    }
  }
}
