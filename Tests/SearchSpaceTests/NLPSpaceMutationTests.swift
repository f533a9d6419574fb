import NASTestSupport
import Testing

@testable import SearchSpace

struct NLPSpaceMutationTests {
  let space = NLPSpace()

  /// Checks one parent → child step and returns the child.
  private func checkedChild(
    of parent: NLPCell, using rng: inout SplitMix64
  ) throws -> NLPCell {
    let child = try #require(space.mutatedNeighbour(of: parent, using: &rng))
    #expect(space.isValid(child), "\(space.canonicalString(child))")
    #expect(space.identityHash(child) != space.identityHash(parent))
    if parent.satisfiesGeneratorRules { #expect(child.satisfiesGeneratorRules) }
    #expect(child.hiddenStateCount == parent.hiddenStateCount)
    return child
  }

  @Test(.requiresData) func everyLoggedRecipeHasValidNeighbours() throws {
    var rng = SplitMix64(seed: 5)
    for cell in NLPTestRecipes.cells {
      _ = try checkedChild(of: cell, using: &rng)
    }
  }

  @Test func mutationChainsFromSamplesStayValid() throws {
    var rng = SplitMix64(seed: 6)
    for _ in 0..<40 {
      var cell = space.sample(using: &rng)
      for _ in 0..<10 { cell = try checkedChild(of: cell, using: &rng) }
    }
  }

  @Test func mutationIsSeedReproducible() {
    var first = SplitMix64(seed: 9)
    var second = SplitMix64(seed: 9)
    var cellA = space.sample(using: &first)
    var cellB = space.sample(using: &second)
    for _ in 0..<20 {
      cellA = space.mutate(cellA, using: &first)
      cellB = space.mutate(cellB, using: &second)
      #expect(cellA == cellB)
    }
  }

  /// All four kinds of edit happen: activation changes, sum/product swaps, rewired
  /// inputs and resized linears.
  @Test func allEditKindsOccur() throws {
    var rng = SplitMix64(seed: 10)
    var kinds: Set<String> = []
    for _ in 0..<200 {
      let parent = space.sample(using: &rng)
      let child = try #require(space.mutatedNeighbour(of: parent, using: &rng))
      for (name, node) in child.nodes {
        guard let old = parent[name] else { continue }
        if old.operation != node.operation {
          kinds.insert(node.operation.isActivation ? "activation" : "sum-product")
        } else if old.inputs.count != node.inputs.count {
          kinds.insert("resize")
        } else if old.inputs != node.inputs {
          kinds.insert("rewire")
        }
      }
    }
    #expect(kinds == ["activation", "sum-product", "resize", "rewire"])
  }

  @Test func invalidParentFallsBackToASample() {
    var rng = SplitMix64(seed: 12)
    let broken = NLPCell(nodes: ["h_new_0": NLPNode(.linear, ["nowhere"])])
    #expect(space.mutatedNeighbour(of: broken, using: &rng) == nil)
    #expect(space.isValid(space.mutate(broken, using: &rng)))
  }
}
