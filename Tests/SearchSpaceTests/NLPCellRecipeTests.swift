import Foundation
import NASTestSupport
import SearchSpace
import Testing

struct NLPCellRecipeTests {
  let space = NLPSpace()

  @Test(.requiresData) func everyLoggedRecipeParsesAndValidates() throws {
    let entries = NLPTestRecipes.entries
    #expect(entries.count == 345)
    for entry in entries {
      let cell = try space.parse(entry.recipe)
      // The package's reader agrees with Foundation's on every node.
      #expect(cell.nodes.count == entry.nodes.count, "recipe \(entry.recipeID)")
      for (name, raw) in entry.nodes {
        #expect(cell[name]?.operation.recipeName == raw.op, "recipe \(entry.recipeID) \(name)")
        #expect(cell[name]?.inputs == raw.input, "recipe \(entry.recipeID) \(name)")
      }
    }
  }

  @Test(.requiresData) func loggedRecipesFollowTheGeneratorsRulesExceptTheGRU() throws {
    // 345 runs: 342 generated recipes plus the RNN, LSTM and GRU examples; only the GRU
    // feeds h_prev_0 straight into h_new_0.
    let failing = NLPTestRecipes.entries.filter { entry in
      !((try? NLPCell(recipe: entry.recipe))?.satisfiesGeneratorRules ?? false)
    }
    #expect(failing.map(\.recipeID) == [1_000_002])
    let gru = try NLPCell(recipe: NLPTestRecipes.gru)
    #expect(!gru.satisfiesGeneratorRules)
    #expect(space.isValid(gru))
  }

  @Test(.requiresData) func exampleRecipesParseAndValidate() throws {
    #expect(NLPTestRecipes.examples.count == 10)
    for text in NLPTestRecipes.examples {
      _ = try space.parse(text)
    }
  }

  @Test(.requiresData) func canonicalTextRoundTripsAndIgnoresKeyOrder() throws {
    var rng = SplitMix64(seed: 11)
    for cell in NLPTestRecipes.cells {
      let printed = space.canonicalString(cell)
      let reread = try space.parse(printed)
      #expect(reread == cell)
      #expect(space.canonicalString(reread) == printed)
      let shuffled = NLPTestRecipes.text(of: cell, order: cell.nodes.keys.shuffled(using: &rng))
      #expect(try space.parse(shuffled) == cell)
      #expect(space.canonicalString(try space.parse(shuffled)) == printed)
    }
  }

  @Test func canonicalTextIsCompactAndTopologicallyOrdered() throws {
    let rnn = try space.parse(NLPTestRecipes.rnn)
    #expect(
      space.canonicalString(rnn)
        == #"{"f":{"op":"linear","input":["x","h_prev_0"]},"h_new_0":{"op":"activation_tanh","input":["f"]}}"#
    )
    // Every node is printed after the nodes it reads; ties go by name with numbers
    // compared as numbers (node_2 before node_10).
    let cell = try space.parse(
      """
      {"h_new_0": {"op": "elementwise_sum", "input": ["node_10", "node_2"]},
       "node_10": {"op": "activation_tanh", "input": ["node_9"]},
       "node_9": {"op": "linear", "input": ["x", "h_prev_0"]},
       "node_2": {"op": "activation_sigm", "input": ["node_1"]},
       "node_1": {"op": "linear", "input": ["h_prev_0", "x"]}}
      """)
    let order = try cell.program().topologicalOrder
    #expect(order == ["node_1", "node_2", "node_9", "node_10", "h_new_0"])
    #expect(cell.topologicalOrder == order)
    var cyclic = cell
    cyclic["node_1"]?.inputs = ["h_prev_0", "node_2"]
    #expect(cyclic.topologicalOrder == nil)
    let printedNames = PrintedNames.of(space.canonicalString(cell))
    #expect(printedNames == ["node_1", "node_2", "node_9", "node_10", "h_new_0"])
  }

  @Test func programResolvesInputsToIndices() throws {
    let gru = try NLPCell(recipe: NLPTestRecipes.gru)
    let program = try gru.program()
    #expect(program.hiddenStateCount == 1)
    #expect(program.steps.count == 8)
    let position = Dictionary(
      uniqueKeysWithValues: program.steps.enumerated().map { ($1.name, $0) })
    for step in program.steps {
      let node = try #require(gru[step.name])
      #expect(step.operation == node.operation)
      for (operand, name) in zip(step.operands, node.inputs) {
        switch operand {
        case .input: #expect(name == "x")
        case .previousHidden(let index): #expect(name == "h_prev_\(index)")
        case .step(let index):
          #expect(program.steps[index].name == name)
          #expect(index < position[step.name] ?? -1)  // read only earlier steps
        }
      }
    }
    #expect(program.steps[program.outputs[0]].name == "h_new_0")
  }

  @Test func hiddenStateCountAndParameterCount() throws {
    let rnn = try NLPCell(recipe: NLPTestRecipes.rnn)
    #expect(rnn.hiddenStateCount == 1)
    // One linear over x (400 → 600) and h_prev_0 (600 → 600) with one bias of 600.
    #expect(rnn.parameterCount(inputSize: 400, hiddenSize: 600) == 400 * 600 + 600 * 600 + 600)
    // GRU: r and z read (x, h), h_tilde reads (x, rh): three x-matrices, three hidden.
    let gru = try NLPCell(recipe: NLPTestRecipes.gru)
    #expect(gru.linearInputCounts.fromInput == 3 && gru.linearInputCounts.fromHidden == 3)
    #expect(gru.parameterCount(inputSize: 10, hiddenSize: 20) == 3 * 200 + 3 * 400 + 3 * 20)
  }

  @Test func codableUsesTheRecipeShape() throws {
    let gru = try NLPCell(recipe: NLPTestRecipes.gru)
    let data = try JSONEncoder().encode(gru)
    #expect(try JSONDecoder().decode(NLPCell.self, from: data) == gru)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let node = try #require(object["h_new_0"] as? [String: Any])
    #expect(node["op"] as? String == "blend")
    #expect(node["input"] as? [String] == ["z_act", "h_prev_0", "h_tilde_act"])
  }
}

/// Node names of a compact recipe in the order the text lists them: each is the string
/// just before `:{"op"`.
enum PrintedNames {
  static func of(_ text: String) -> [String] {
    var names: [String] = []
    var rest = Substring(text)
    while let start = rest.range(of: "\":{\"op\"") {
      let before = rest[..<start.lowerBound]
      guard let quote = before.lastIndex(of: "\"") else { break }
      names.append(String(before[before.index(after: quote)...]))
      rest = rest[start.upperBound...]
    }
    return names
  }
}
