import Foundation
import NASTestSupport
import SearchSpace
import Testing

struct NLPCellIdentityTests {
  let space = NLPSpace()

  @Test(.requiresData) func hashIgnoresNamesAndCommutativeInputOrder() throws {
    var rng = SplitMix64(seed: 2020)
    for cell in NLPTestRecipes.cells {
      let hash = space.identityHash(cell)
      #expect(hash.count == 32 && hash.allSatisfy(\.isHexDigit))
      for _ in 0..<3 {
        let disguised = NLPTestRecipes.disguised(cell, using: &rng)
        #expect(space.isValid(disguised))
        #expect(space.identityHash(disguised) == hash, "\(space.canonicalString(cell))")
      }
    }
  }

  /// 345 runs hold 291 distinct recipe texts and 265 distinct networks: the isomorphism
  /// classes computed independently with networkx (`is_isomorphic` on the recipe
  /// graphs, nodes labelled by op and output name, edges by blend position).
  @Test(.requiresData) func hashSeparatesTheDistinctRecipesOfTheLogs() {
    let entries = NLPTestRecipes.entries
    let cells = NLPTestRecipes.cells
    #expect(cells.count == 345)
    #expect(Set(cells).count == 291)
    #expect(Set(cells.map(space.identityHash)).count == 265)
    // Runs of one recipe text share the hash.
    var hashByText: [NLPCell: String] = [:]
    for (entry, cell) in zip(entries, cells) {
      let hash = space.identityHash(cell)
      if let previous = hashByText.updateValue(hash, forKey: cell) {
        #expect(previous == hash, "recipe \(entry.recipeID)")
      }
    }
  }

  @Test func blendInputOrderMatters() throws {
    let gru = try NLPCell(recipe: NLPTestRecipes.gru)
    var swapped = gru
    swapped["h_new_0"]?.inputs = ["z_act", "h_tilde_act", "h_prev_0"]
    #expect(space.isValid(swapped))
    #expect(space.identityHash(swapped) != space.identityHash(gru))
  }

  @Test func sharedNodeDiffersFromTwoCopies() throws {
    let shared = try NLPCell(
      recipe: """
        {"l": {"op": "linear", "input": ["x", "h_prev_0"]},
         "a": {"op": "activation_tanh", "input": ["l"]},
         "b": {"op": "activation_sigm", "input": ["l"]},
         "h_new_0": {"op": "elementwise_sum", "input": ["a", "b"]}}
        """)
    let copies = try NLPCell(
      recipe: """
        {"l": {"op": "linear", "input": ["x", "h_prev_0"]},
         "m": {"op": "linear", "input": ["x", "h_prev_0"]},
         "a": {"op": "activation_tanh", "input": ["l"]},
         "b": {"op": "activation_sigm", "input": ["m"]},
         "h_new_0": {"op": "elementwise_sum", "input": ["a", "b"]}}
        """)
    #expect(space.isValid(shared) && space.isValid(copies))
    #expect(space.identityHash(shared) != space.identityHash(copies))
  }

  @Test func outputIndicesAndCellInputsMatter() throws {
    let text = """
      {"l": {"op": "linear", "input": ["x", "h_prev_0", "h_prev_1"]},
       "h_new_0": {"op": "activation_tanh", "input": ["l"]},
       "h_new_1": {"op": "activation_sigm", "input": ["l"]}}
      """
    let cell = try NLPCell(recipe: text)
    let swappedOutputs = try NLPCell(
      recipe: text.replacingOccurrences(of: "activation_tanh", with: "TMP")
        .replacingOccurrences(of: "activation_sigm", with: "activation_tanh")
        .replacingOccurrences(of: "TMP", with: "activation_sigm"))
    let otherInput = try NLPCell(recipe: text.replacingOccurrences(of: "\"x\", ", with: ""))
    let hashes = [cell, swappedOutputs, otherInput].map(space.identityHash)
    #expect(Set(hashes).count == 3)
  }

  @Test func manyInterchangeableNodesStayCheap() throws {
    // 12 identical linear→tanh branches feeding one linear: 12! vertex orders, all
    // equivalent; pruning by the automorphisms found keeps the search to a few dozen.
    var nodes: [String: NLPNode] = [:]
    for index in 0..<12 {
      nodes["l\(index)"] = NLPNode(.linear, ["x", "h_prev_0"])
      nodes["a\(index)"] = NLPNode(.tanh, ["l\(index)"])
    }
    nodes["h_new_0"] = NLPNode(.linear, (0..<12).map { "a\($0)" })
    let cell = NLPCell(nodes: nodes)
    #expect(space.isValid(cell))
    var rng = SplitMix64(seed: 4)
    let disguised = NLPTestRecipes.disguised(cell, using: &rng)
    #expect(space.identityHash(disguised) == space.identityHash(cell))
    var fewer = nodes
    fewer["h_new_0"] = NLPNode(.linear, (0..<11).map { "a\($0)" })
    fewer["l11"] = nil
    fewer["a11"] = nil
    #expect(space.identityHash(NLPCell(nodes: fewer)) != space.identityHash(cell))
  }
}
