import Foundation

/// The runs one process computes: `--run-range A..<B`, or `--shard I/N` (the I-th of N
/// contiguous, nearly equal parts, I from 0; `auto` reads the array's index as
/// ``ShardSpec`` does for `score`), for the jobs of a cluster array.
enum RunRangeOption {
  /// The range asked for, or nil for every run; checked against `runs`.
  static func parse(_ arguments: ParsedArguments, runs: Int, command: String) throws(CLIError)
    -> Range<Int>?
  {
    let range = arguments.string("run-range")
    let shard = arguments.string("shard")
    if range != nil && shard != nil {
      throw .usage("give either '--run-range' or '--shard', not both", command: command)
    }
    if let range {
      let parts = range.components(separatedBy: "..<")
      guard parts.count == 2, let lower = Int(parts[0]), let upper = Int(parts[1]),
        lower >= 0, lower < upper, upper <= runs
      else {
        throw .usage(
          "'--run-range' expects A..<B with 0 <= A < B <= \(runs) (the run count), got '\(range)'",
          command: command)
      }
      return lower..<upper
    }
    if let shard {
      let spec = try ShardSpec(shard, command: command)
      guard spec.count <= runs else {
        throw .usage(
          "'--shard' expects I/N with N <= \(runs) (the run count), got '\(shard)'",
          command: command)
      }
      return shardRange(spec.index, of: spec.count, runs: runs)
    }
    return nil
  }

  /// Runs `index·runs/count ..< (index+1)·runs/count`.
  static func shardRange(_ index: Int, of count: Int, runs: Int) -> Range<Int> {
    (index * runs / count)..<((index + 1) * runs / count)
  }
}
