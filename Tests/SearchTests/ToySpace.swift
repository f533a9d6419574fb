import SearchSpace

@testable import Search

/// A 10-bit "OneMax" space: an architecture is a bit string.
///
/// Fitness is its number of ones. Small enough that optimal answers are known by hand (all ones, fitness 10).
struct ToySpace: SearchSpace {
  typealias Architecture = UInt16
  let bits = 10
  var name: String { "toy" }

  func sample(using rng: inout some RandomNumberGenerator) -> UInt16 {
    UInt16.random(in: 0..<(1 << bits), using: &rng)
  }

  func mutate(_ a: UInt16, using rng: inout some RandomNumberGenerator) -> UInt16 {
    a ^ (1 << UInt16.random(in: 0..<UInt16(bits), using: &rng))
  }

  func validate(_ a: UInt16) throws(ArchitectureError) {
    guard a < 1 << bits else { throw ArchitectureError(space: name, reason: "too many bits") }
  }

  func parse(_ text: String) throws(ArchitectureError) -> UInt16 {
    guard text.count == bits, let value = UInt16(text, radix: 2) else {
      throw ArchitectureError(space: name, text: text, reason: "expected \(bits) binary digits")
    }
    return value
  }

  func canonicalString(_ a: UInt16) -> String {
    let digits = String(a, radix: 2)
    return String(repeating: "0", count: bits - digits.count) + digits
  }

  func identityHash(_ a: UInt16) -> String { canonicalString(a) }
}

/// Fitness = number of ones; each query costs (ones + 1) simulated seconds.
struct OneMaxEvaluator: Evaluator {
  var name: String { "onemax" }
  func evaluate(_ a: UInt16) throws(EvaluationError) -> Evaluation {
    Evaluation(fitness: Double(a.nonzeroBitCount), simulatedCost: Double(a.nonzeroBitCount + 1))
  }
}

/// A proxy that prefers low bits set: fitness = the value's low 5 bits' popcount.
struct LowBitsProxy: Evaluator {
  var name: String { "lowbits" }
  func evaluate(_ a: UInt16) throws(EvaluationError) -> Evaluation {
    Evaluation(fitness: Double((a & 0b11111).nonzeroBitCount), simulatedCost: 0.5)
  }
}

func toySpecification(
  _ strategy: any SearchStrategy, budget: SearchBudget
) -> RunSpecification<ToySpace> {
  RunSpecification(
    space: ToySpace(), strategy: strategy,
    evaluators: [.benchmark: OneMaxEvaluator(), .proxy: LowBitsProxy()], budget: budget,
    report: { a in [("ones", Double(a.nonzeroBitCount)), ("value", Double(a))] },
    plotMetric: "ones")
}
