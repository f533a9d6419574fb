import Foundation
import NASTestSupport
import SearchSpace
import Testing

/// Pearson's X² of `counts` against `probabilities`.
private func chiSquare(_ counts: [Int], _ probabilities: [Double]) -> Double {
  let total = Double(counts.reduce(0, +))
  return zip(counts, probabilities).reduce(0) { sum, pair in
    let expected = total * pair.1
    return sum + (Double(pair.0) - expected) * (Double(pair.0) - expected) / expected
  }
}

/// An upper bound for X² with `df` degrees of freedom.
///
/// A correct sampler exceeds it with probability about 3·10⁻⁷ (z = 5 in the
/// Wilson–Hilferty approximation of the chi-square quantile). The tests use fixed
/// seeds, so they are also deterministic.
private func chiSquareBound(degreesOfFreedom df: Int) -> Double {
  let k = Double(df)
  let z = 5.0
  let term = 1 - 2 / (9 * k) + z * (2 / (9 * k)).squareRoot()
  return k * term * term * term
}

struct NB201SpaceTests {
  let space = NB201Space()

  @Test func nameIsNB201() {
    #expect(space.name == "nb201")
  }

  @Test func samplingIsUniformPerEdgeAndOverCells() {
    var rng = SplitMix64(seed: 2020)
    let draws = 60_000
    var perEdge = [[Int]](repeating: [Int](repeating: 0, count: 5), count: 6)
    var perCell = [Int](repeating: 0, count: 15_625)
    for _ in 0..<draws {
      let cell = space.sample(using: &rng)
      perCell[cell.productIndex] += 1
      for edge in 0..<6 { perEdge[edge][Int(cell[edge: edge].rawValue)] += 1 }
    }
    let fifth = [Double](repeating: 0.2, count: 5)
    for edge in 0..<6 {
      #expect(chiSquare(perEdge[edge], fifth) < chiSquareBound(degreesOfFreedom: 4))
    }
    let uniformCells = [Double](repeating: 1 / 15_625, count: 15_625)
    #expect(chiSquare(perCell, uniformCells) < chiSquareBound(degreesOfFreedom: 15_624))
  }

  @Test func samplingIsReproducibleFromTheSeed() {
    var first = SplitMix64(seed: 7)
    var second = SplitMix64(seed: 7)
    var other = SplitMix64(seed: 8)
    let a = (0..<200).map { _ in space.sample(using: &first) }
    let b = (0..<200).map { _ in space.sample(using: &second) }
    let c = (0..<200).map { _ in space.sample(using: &other) }
    #expect(a == b)
    #expect(a != c)
    #expect(space.mutate(a[0], using: &first) == space.mutate(a[0], using: &second))
  }

  /// The edges on which two cells differ.
  private func differingEdges(_ a: NB201Cell, _ b: NB201Cell) -> [Int] {
    (0..<6).filter { a[edge: $0] != b[edge: $0] }
  }

  @Test(arguments: NB201Cell.MutationEdgeChoice.allCases)
  func mutationChangesExactlyOneEdgeToAnotherOperation(
    _ choice: NB201Cell.MutationEdgeChoice
  ) throws {
    let space = NB201Space(mutationEdgeChoice: choice)
    var rng = SplitMix64(seed: 11)
    var edgeCounts = [Int](repeating: 0, count: 6)
    // replacementCounts[from][to]: how often an op was replaced by another.
    var replacementCounts = [[Int]](repeating: [Int](repeating: 0, count: 5), count: 5)
    var mismatches = Mismatches()
    for _ in 0..<30_000 {
      let parent = space.sample(using: &rng)
      let child = space.mutate(parent, using: &rng)
      let changed = differingEdges(parent, child)
      mismatches.check(changed.count == 1, "\(parent) -> \(child)")
      guard changed.count == 1 else { continue }
      edgeCounts[changed[0]] += 1
      let from = Int(parent[edge: changed[0]].rawValue)
      replacementCounts[from][Int(child[edge: changed[0]].rawValue)] += 1
    }
    mismatches.expectNone()
    // XAutoDL's mutate_topology_func: node uniform in 1...3, then one of its edges.
    let third = 1.0 / 3
    let sixth = 1.0 / 6
    let ninth = 1.0 / 9
    let nodeThenEdge: [Double] = [third, sixth, sixth, ninth, ninth, ninth]
    let uniform = [Double](repeating: sixth, count: 6)
    let expected = choice == .nodeThenEdge ? nodeThenEdge : uniform
    let wrong = choice == .nodeThenEdge ? uniform : nodeThenEdge
    let bound = chiSquareBound(degreesOfFreedom: 5)
    #expect(chiSquare(edgeCounts, expected) < bound)
    // The statistic tells the two rules apart: the test can fail.
    #expect(chiSquare(edgeCounts, wrong) > bound)
    for from in 0..<5 {
      #expect(replacementCounts[from][from] == 0)
      let others = (0..<5).filter { $0 != from }.map { replacementCounts[from][$0] }
      #expect(chiSquare(others, [0.25, 0.25, 0.25, 0.25]) < chiSquareBound(degreesOfFreedom: 3))
    }
  }

  @Test func mutationReachesAllTwentyFourNeighbours() {
    var rng = SplitMix64(seed: 3)
    let parent = NB201Cell.all[7_777]
    var children = Set<NB201Cell>()
    for _ in 0..<2_000 { children.insert(space.mutate(parent, using: &rng)) }
    #expect(children.count == 24)
    #expect(children.allSatisfy { differingEdges(parent, $0).count == 1 })
  }

  @Test func everyCellIsValidAndTextRoundTrips() throws {
    var mismatches = Mismatches()
    for cell in NB201Cell.all {
      mismatches.check(space.isValid(cell), "\(cell)")
      mismatches.check(try space.parse(space.canonicalString(cell)) == cell, "\(cell)")
    }
    mismatches.expectNone()
  }
}
