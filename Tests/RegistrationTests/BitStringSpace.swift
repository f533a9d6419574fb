import Foundation
import Proxies
import Search
import SearchSpace

/// A toy space defined outside Sources/: six-bit strings.
///
/// Its benchmark is a CSV of
/// `arch,accuracy,cost` rows; its "network" is only the genotype, which the toy proxy
/// reads through the builder.
struct BitStringSpace: SearchSpace {
  static let bits = 6
  var name: String { "bits6" }

  func sample(using rng: inout some RandomNumberGenerator) -> UInt8 {
    UInt8.random(in: 0..<(1 << Self.bits), using: &rng)
  }

  func mutate(_ a: UInt8, using rng: inout some RandomNumberGenerator) -> UInt8 {
    a ^ (1 << UInt8.random(in: 0..<UInt8(Self.bits), using: &rng))
  }

  func validate(_ a: UInt8) throws(ArchitectureError) {
    guard a < 1 << Self.bits else { throw ArchitectureError(space: name, reason: "too many bits") }
  }

  func parse(_ text: String) throws(ArchitectureError) -> UInt8 {
    guard text.count == Self.bits, let value = UInt8(text, radix: 2) else {
      throw ArchitectureError(
        space: name, text: text, reason: "expected \(Self.bits) binary digits")
    }
    return value
  }

  func canonicalString(_ a: UInt8) -> String {
    let digits = String(a, radix: 2)
    return String(repeating: "0", count: Self.bits - digits.count) + digits
  }

  func identityHash(_ a: UInt8) -> String { canonicalString(a) }
}

/// The registration of ``BitStringSpace``: networks that are only their genotype, every
/// architecture listable, a CSV benchmark.
struct BitStringDefinition: SpaceDefinition {
  let space = BitStringSpace()
  let summary = "toy: six-bit strings (a test's own space)"
  let networkInput: ProxyInput.Kind? = .images

  func network(for architecture: UInt8, classes: Int) -> NetworkBuilder? {
    NetworkBuilder(
      architecture: space.canonicalString(architecture), outputCount: classes,
      genotype: architecture,
      float: { _ throws(ProxyFailure) in throw ProxyFailure("a bit string has no network") },
      double: { _ throws(ProxyFailure) in throw ProxyFailure("a bit string has no network") })
  }

  func allArchitectures(benchmark: URL?) throws(EvaluationError) -> [UInt8]? {
    (0..<(1 << BitStringSpace.bits)).map(UInt8.init)
  }

  func benchmark(at url: URL) throws(EvaluationError) -> BenchmarkMetrics<UInt8>? {
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      throw EvaluationError("\(url.path): cannot read")
    }
    var rows: [UInt8: [String: Double]] = [:]
    for line in text.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: ",").map(String.init)
      guard fields.count == 3, let cell = try? space.parse(fields[0]),
        let accuracy = Double(fields[1]), let cost = Double(fields[2])
      else { throw EvaluationError("\(url.path): malformed row '\(line)'") }
      rows[cell] = ["accuracy": accuracy, "cost": cost]
    }
    let table = rows
    return BenchmarkMetrics(file: url.lastPathComponent, columns: ["accuracy", "cost"]) {
      table[$0]
    }
  }
}

/// A toy proxy: the number of ones of a bit string, read from the builder's genotype.
///
/// It scores only the toy space.
struct OnesProxy: Proxy {
  var name: String { "ones" }
  var requirements: ProxyRequirements { .noData }
  var defaultBatchSize: Int { 1 }

  func supports(_ space: ProxySpace) -> Bool { space.name == "bits6" }

  func score(_ context: ProxyContext) -> ProxyScore {
    guard let bits = context.network.genotype as? UInt8 else {
      return .failed("not a bit string")
    }
    return ProxyScore(Double(bits.nonzeroBitCount))
  }
}

/// A toy strategy: hill climbing.
///
/// Start from a random architecture, mutate the current
/// one, move when the child is at least as fit; stops by the budget.
struct HillClimbing: SearchStrategy {
  var name: String { "hill-climb" }
  var selection: FitnessSource { .benchmark }
  var requiredSources: Set<FitnessSource> { [.benchmark] }

  func run<Space: SearchSpace>(_ run: SearchRun<Space>) throws(SearchInterruption) {
    var current = run.space.sample(using: &run.rng)
    var fitness = try run.evaluate(current, with: .benchmark)
    while true {
      let child = run.space.mutate(current, using: &run.rng)
      let childFitness = try run.evaluate(child, with: .benchmark)
      if childFitness >= fitness { (current, fitness) = (child, childFitness) }
    }
  }
}

/// Registers the three toys once per process.
enum Toys {
  static let registered: Bool = {
    SpaceRegistry.register(BitStringDefinition())
    ProxyRegistry.register("ones", summary: "toy: number of ones") {
      options throws(ProxyOptionError) in
      try options.rejectUnknown([], proxy: "ones")
      return OnesProxy()
    }
    StrategyRegistry.register(
      StrategyRegistry.Entry(
        name: "hill-climb", summary: "toy: hill climbing on the benchmark",
        defaults: StrategyConfig(name: "")
      ) { _ in HillClimbing() })
    return true
  }()
}
