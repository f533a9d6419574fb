import Foundation
import Testing

@testable import Search

struct ConfigTests {
  let valid = """
    {
      "space": "nb201",
      "strategy": {"name": "rea", "population_size": 10, "sample_size": 3,
                   "sample_with_replacement": true},
      "benchmark": {"table": "nasbench201/nb201_200epoch.csv",
                    "fidelity_table": "nasbench201/nb201_12epoch.csv",
                    "fitness": "cifar10_valid_val_acc",
                    "cost": "cifar10_valid_train_time_per_epoch_s", "cost_multiplier": 12},
      "budget": {"simulated_seconds": 12000},
      "seed": 0,
      "runs": 500
    }
    """

  func decode(_ text: String) throws(ConfigError) -> SearchConfig {
    try SearchConfig.decode(Data(text.utf8), file: "test.json")
  }

  @Test func validConfigDecodesWithEveryValue() throws {
    let config = try decode(valid)
    #expect(config.space == "nb201")
    #expect(config.strategy.name == "rea")
    #expect(config.strategy.populationSize == 10)
    #expect(config.benchmark?.costMultiplier == 12)
    #expect(config.budget.simulatedSeconds == 12000)
    #expect(config.runs == 500)
    let strategy = try #require(config.strategy.makeStrategy() as? RegularizedEvolution)
    #expect(strategy.sampleSize == 3 && strategy.sampleWithReplacement)
  }

  /// Each case replaces one piece of the valid config and names the error it must give.
  static let brokenFields: [(String, String, String, String)] = [
    ("\"space\": \"nb201\",", "", "space", "missing required key"),
    (
      "\"name\": \"rea\"", "\"name\": \"evolution\"", "strategy.name",
      "unknown strategy 'evolution'"
    ),
    (
      "\"population_size\": 10", "\"population_size\": \"ten\"", "strategy.population_size",
      "expected an integer"
    ),
    (
      "\"population_size\": 10", "\"population_size\": 0", "strategy.population_size",
      "expected an integer ≥ 1"
    ),
    ("\"population_size\": 10", "\"populaton_size\": 10", "strategy.populaton_size", "unknown key"),
    (
      "\"sample_with_replacement\": true", "\"sample_with_replacement\": 1",
      "strategy.sample_with_replacement", "expected true or false"
    ),
    ("\"fitness\": \"cifar10_valid_val_acc\",", "", "benchmark.fitness", "missing required key"),
    (
      "\"cost_multiplier\": 12", "\"cost_multiplier\": -1", "benchmark.cost_multiplier",
      "expected a number ≥ 0"
    ),
    (
      "\"simulated_seconds\": 12000", "\"simulated_seconds\": 0", "budget.simulated_seconds",
      "expected a positive number"
    ),
    (
      "\"simulated_seconds\": 12000", "\"simulated_secs\": 12000", "budget.simulated_secs",
      "unknown key"
    ),
    ("\"runs\": 500", "\"runs\": 0", "runs", "expected an integer in 1...1000000"),
    ("\"runs\": 500", "\"runs\": 2.5", "runs", "expected an integer, got 2.5"),
    ("\"seed\": 0", "\"seed\": -3", "seed", "expected a non-negative integer"),
    ("\"seed\": 0,", "\"seed\": 0,, ", "", "invalid JSON at line 10"),
    ("\"runs\": 500", "\"runs\": 500, \"extra\": 1", "extra", "unknown key"),
  ]

  @Test(arguments: brokenFields)
  func eachBrokenFieldGivesAPreciseError(_ broken: (String, String, String, String)) {
    let (original, replacement, path, message) = broken
    #expect(valid.contains(original))
    let text = valid.replacingOccurrences(of: original, with: replacement)
    do {
      _ = try decode(text)
      Issue.record("decoded a config with \(path) broken")
    } catch {
      #expect(error.file == "test.json")
      #expect(error.path == path, "\(error)")
      #expect(error.description.contains(message), "\(error)")
    }
  }

  @Test func strategyParametersThatDoNotApplyAreRejected() {
    let text = valid.replacingOccurrences(of: "\"name\": \"rea\"", with: "\"name\": \"random\"")
    #expect(
      throws: ConfigError(
        file: "test.json", path: "strategy.population_size",
        message: "not a parameter of strategy 'random' (it takes: fitness)")
    ) {
      try decode(text)
    }
  }

  @Test func endlessStrategiesNeedABudget() {
    let text = valid.replacingOccurrences(of: "\"simulated_seconds\": 12000", with: "")
    #expect(throws: ConfigError.self) { try decode(text) }
  }

  @Test func proxyStrategiesNeedAProxy() {
    let text = valid.replacingOccurrences(
      of:
        "\"name\": \"rea\", \"population_size\": 10, \"sample_size\": 3,\n               \"sample_with_replacement\": true",
      with: "\"name\": \"area\"")
    #expect(
      throws: ConfigError(
        file: "test.json", path: "proxy", message: "strategy 'area' needs a proxy")
    ) {
      try decode(text)
    }
  }

  @Test func batchSizeAndSeedAreProxySettingsAndOtherKeysScorerOptions() throws {
    let text = valid.replacingOccurrences(
      of: "\"seed\": 0,",
      with: "\"seed\": 0, \"proxy\": {\"name\": \"epsilon\", \"batch_size\": 128, "
        + "\"seed\": 4, \"precision\": \"float64\"},")
    let config = try decode(text)
    #expect(config.proxy?.name == "epsilon")
    #expect(config.proxy?.batchSize == 128)
    #expect(config.proxy?.seed == 4)
    #expect(config.proxy?.options == ["precision": .string("float64")])
  }

  @Test func anOversizedBatchIsAConfigErrorNotACrash() {
    let text = valid.replacingOccurrences(
      of: "\"seed\": 0,",
      with: "\"seed\": 0, \"proxy\": {\"name\": \"naswot\", \"batch_size\": 100000},")
    do {
      _ = try decode(text)
      Issue.record("a batch of 100,000 was accepted")
    } catch {
      #expect(error.path == "proxy.batch_size")
      #expect(error.message.contains("1...4096"))
    }
  }

  @Test func missingFileIsNamed() {
    do {
      _ = try SearchConfig.load(URL(fileURLWithPath: "/nonexistent/config.json"))
      Issue.record("loaded a missing file")
    } catch {
      #expect(error.file == "/nonexistent/config.json")
      #expect(error.message.contains("cannot read"))
    }
  }
}
