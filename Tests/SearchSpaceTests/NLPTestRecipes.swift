import Foundation
import NASTestSupport
import SearchSpace

/// Recipes of NAS-Bench-NLP for the parsing tests: the logged runs' (read with
/// Foundation by ``NLPLogs``), the benchmark's examples and hand-written variants.
enum NLPTestRecipes {
  /// All 345 runs of the WikiText-2 logs, in file order (empty without reference data).
  static var entries: [NLPLogs.Run] { NLPLogs.runs }

  /// The cells of all runs, parsed by the package (empty without reference data).
  static let cells: [NLPCell] = entries.compactMap { try? NLPCell(recipe: $0.recipe) }

  /// The benchmark's example recipes (RNN, LSTM, GRU and seven generated ones).
  static let examples: [String] = {
    guard let url = try? TestData.url("nasbench_nlp/recipes_example.json"),
      let data = try? Data(contentsOf: url),
      let array = try? JSONSerialization.jsonObject(with: data) as? [Any]
    else { return [] }
    return array.compactMap { element in
      (try? JSONSerialization.data(withJSONObject: element)).map {
        String(decoding: $0, as: UTF8.self)
      }
    }
  }()

  /// The RNN example of the benchmark's `get_example_recepie('rnn')`.
  static let rnn = """
    {"f": {"op": "linear", "input": ["x", "h_prev_0"]},
     "h_new_0": {"op": "activation_tanh", "input": ["f"]}}
    """

  /// The GRU example of the benchmark's `get_example_recepie('gru')`.
  static let gru = """
    {"r": {"op": "linear", "input": ["x", "h_prev_0"]},
     "r_act": {"op": "activation_sigm", "input": ["r"]},
     "z": {"op": "linear", "input": ["x", "h_prev_0"]},
     "z_act": {"op": "activation_sigm", "input": ["z"]},
     "rh": {"op": "elementwise_prod", "input": ["r_act", "h_prev_0"]},
     "h_tilde": {"op": "linear", "input": ["x", "rh"]},
     "h_tilde_act": {"op": "activation_tanh", "input": ["h_tilde"]},
     "h_new_0": {"op": "blend", "input": ["z_act", "h_prev_0", "h_tilde_act"]}}
    """

  /// Writes `cell` as a recipe with its nodes in the given order (not canonical).
  static func text(of cell: NLPCell, order: [String]) -> String {
    let members = order.compactMap { name -> String? in
      guard let node = cell.nodes[name] else { return nil }
      let inputs = node.inputs.map { "\"\($0)\"" }.joined(separator: ", ")
      return "\"\(name)\": {\"input\": [\(inputs)], \"op\": \"\(node.operation.rawValue)\"}"
    }
    return "{\n  " + members.joined(separator: ",\n  ") + "\n}"
  }

  /// `cell` with intermediate nodes renamed by `rename` and the inputs of commutative
  /// operations shuffled: the same network written differently.
  static func disguised(
    _ cell: NLPCell, using rng: inout some RandomNumberGenerator
  ) -> NLPCell {
    var mapping: [String: String] = [:]
    let intermediates = cell.nodes.keys.filter {
      !($0.hasPrefix("h_new_") && Int($0.dropFirst(6)) != nil)
    }
    for (index, name) in intermediates.shuffled(using: &rng).enumerated() {
      mapping[name] = "renamed_\(index)_\(UInt16.random(in: 0...UInt16.max, using: &rng))"
    }
    var nodes: [String: NLPNode] = [:]
    for (name, node) in cell.nodes {
      var inputs = node.inputs.map { mapping[$0] ?? $0 }
      if node.operation.isCommutative { inputs.shuffle(using: &rng) }
      nodes[mapping[name] ?? name] = NLPNode(node.operation, inputs)
    }
    return NLPCell(nodes: nodes)
  }
}
