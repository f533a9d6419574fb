import Foundation
import NASTestSupport
import Testing

@testable import Search

/// A malformed benchmark table is reported under the config key of the file at fault.
struct TableErrorKeyTests {
  /// The REA config over `table` and `fidelityTable` (absolute paths).
  func config(table: URL, fidelityTable: URL) throws -> SearchConfig {
    let text = """
      {
        "space": "nb201",
        "strategy": {"name": "rea", "population_size": 10, "sample_size": 3},
        "benchmark": {"table": "\(table.path)", "fidelity_table": "\(fidelityTable.path)",
                      "fitness": "cifar10_valid_val_acc",
                      "cost": "cifar10_valid_train_time_per_epoch_s", "cost_multiplier": 12},
        "budget": {"simulated_seconds": 12000},
        "runs": 1
      }
      """
    return try SearchConfig.decode(Data(text.utf8), file: "test.json")
  }

  /// A copy of the table at `url` cut in the middle of a row, in `directory`.
  func truncatedCopy(of url: URL, in directory: TemporaryDirectory) throws -> URL {
    let bytes = try [UInt8](Data(contentsOf: url))
    var cut = bytes.count / 2
    while bytes[cut - 1] == UInt8(ascii: "\n") || bytes[cut] == UInt8(ascii: "\n") { cut += 1 }
    return try directory.write(Array(bytes[..<cut]), to: url.lastPathComponent)
  }

  func expectError(key: String, naming file: URL, for config: SearchConfig) {
    do {
      _ = try SearchLauncher.prepare(config)
      Issue.record("prepared a search over a truncated table")
    } catch {
      #expect(error.path == key)
      #expect(error.message.contains(file.path))
    }
  }

  @Test(.requiresData) func aTruncatedTwelveEpochTableIsTheFidelityTables() throws {
    let directory = try TemporaryDirectory()
    let table = try TestData.url("nasbench201/nb201_200epoch.csv")
    let fidelity = try truncatedCopy(
      of: TestData.url("nasbench201/nb201_12epoch.csv"), in: directory)
    expectError(
      key: "benchmark.fidelity_table", naming: fidelity,
      for: try config(table: table, fidelityTable: fidelity))
  }

  @Test(.requiresData) func aTruncatedMainTableIsTheTables() throws {
    let directory = try TemporaryDirectory()
    let table = try truncatedCopy(
      of: TestData.url("nasbench201/nb201_200epoch.csv"), in: directory)
    let fidelity = try TestData.url("nasbench201/nb201_12epoch.csv")
    expectError(
      key: "benchmark.table", naming: table, for: try config(table: table, fidelityTable: fidelity))
  }
}
