import Foundation

/// Which slice of the work one job of an array takes: `--shard i/n` (0-based), or
/// `--shard auto`, which reads the job array's own variables: Slurm's
/// `SLURM_ARRAY_TASK_ID` with `SLURM_ARRAY_TASK_COUNT` (an array `--array=0-(n-1)`), or
/// Kubernetes' `JOB_COMPLETION_INDEX` with `JOB_COMPLETIONS` (an indexed Job).
struct ShardSpec: Equatable {
  /// This job's slice, 0-based.
  var index: Int
  /// How many slices.
  var count: Int

  /// Reads `text` (`i/n` or `auto`), with `environment` for `auto`.
  init(
    _ text: String, command: String,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(CLIError) {
    if text == "auto" {
      let pairs = [
        ("SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT"),
        ("JOB_COMPLETION_INDEX", "JOB_COMPLETIONS"),
      ]
      guard
        let (indexName, countName) = pairs.first(where: { environment[$0.0] != nil }),
        let indexText = environment[indexName]
      else {
        throw .usage(
          "'--shard auto' reads SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (Slurm) or "
            + "JOB_COMPLETION_INDEX and JOB_COMPLETIONS (Kubernetes); neither is set",
          command: command)
      }
      guard let index = Int(indexText), let countText = environment[countName],
        let count = Int(countText), count >= 1, (0..<count).contains(index)
      else {
        throw .usage(
          "'--shard auto': \(indexName)=\(indexText) and \(countName)="
            + "\(environment[countName] ?? "(unset)") are not an index 0..<count "
            + "(submit the array as --array=0-(N-1))", command: command)
      }
      self.index = index
      self.count = count
      return
    }
    let parts = text.split(separator: "/").map { Int($0) }
    guard parts.count == 2, let index = parts[0], let count = parts[1], count >= 1,
      (0..<count).contains(index)
    else {
      throw .usage(
        "'--shard' expects i/n with 0 <= i < n, or auto, got '\(text)'", command: command)
    }
    self.index = index
    self.count = count
  }
}
