import SearchSpace
import Testing

/// Each broken recipe gives the error that names its node and rule.
struct NLPCellValidationTests {
  let space = NLPSpace()

  /// The error `text` gives, from reading or from validation.
  private func error(of text: String) -> NLPCellError? {
    do {
      try space.check(try NLPCell(recipe: text))
      return nil
    } catch {
      return error
    }
  }

  @Test func malformedJSONGivesLineAndColumn() {
    // Line 2 lacks the comma after the op: at column 38 the parser expects ',' or '}'.
    let text = """
      {"f": {"op": "linear", "input": ["x", "h_prev_0"]},
       "h_new_0": {"op": "activation_tanh" "input": ["f"]}}
      """
    guard case .malformedJSON(let line, let column, let message) = error(of: text) else {
      Issue.record("expected malformedJSON, got \(String(describing: error(of: text)))")
      return
    }
    #expect(line == 2)
    #expect(column == 38)
    #expect(message.contains("expected ',' or '}'"))
    for broken in ["", "{", "{\"a\":", "[1, 2", "{\"a\": tru}", "{\"a\": \"\\q\"}", "{} x"] {
      guard case .malformedJSON = error(of: broken) else {
        Issue.record("'\(broken)' should be malformed JSON")
        continue
      }
    }
  }

  @Test func duplicateNodeIsMalformedJSON() {
    let text =
      #"{"h_new_0": {"op": "linear", "input": ["x"]}, "h_new_0": {"op": "linear", "input": ["x"]}}"#
    guard case .malformedJSON(1, 47, let message) = error(of: text) else {
      Issue.record("got \(String(describing: error(of: text)))")
      return
    }
    #expect(message.contains("duplicate key \"h_new_0\""))
  }

  @Test func missingField() {
    #expect(
      error(of: #"{"h_new_0": {"op": "linear"}}"#)
        == .missingField(node: "h_new_0", field: "input"))
    #expect(
      error(of: #"{"h_new_0": {"input": ["x"]}}"#)
        == .missingField(node: "h_new_0", field: "op"))
  }

  @Test func wrongTypes() {
    #expect(
      error(of: #"["x"]"#)
        == .wrongType(path: "recipe", expected: "an object of nodes", found: "an array"))
    #expect(
      error(of: #"{"h_new_0": "linear"}"#)
        == .wrongType(
          path: "h_new_0", expected: "an object with 'op' and 'input'", found: "a string"))
    #expect(
      error(of: #"{"h_new_0": {"op": 3, "input": ["x"]}}"#)
        == .wrongType(path: "h_new_0.op", expected: "a string", found: "a number"))
    #expect(
      error(of: #"{"h_new_0": {"op": "linear", "input": "x"}}"#)
        == .wrongType(path: "h_new_0.input", expected: "an array of strings", found: "a string"))
    #expect(
      error(of: #"{"h_new_0": {"op": "linear", "input": ["x", null]}}"#)
        == .wrongType(path: "h_new_0.input[1]", expected: "a string", found: "null"))
  }

  @Test func unexpectedField() {
    #expect(
      error(of: #"{"h_new_0": {"op": "linear", "input": ["x"], "bias": false}}"#)
        == .unexpectedField(node: "h_new_0", field: "bias"))
  }

  @Test func unknownOperation() {
    let found = error(of: #"{"h_new_0": {"op": "activation_relu", "input": ["x"]}}"#)
    #expect(found == .unknownOperation(node: "h_new_0", name: "activation_relu"))
    #expect(found?.description.contains("activation_sigm") == true)  // lists the known ops
  }

  @Test func invalidNames() {
    let cases = [
      #"{"": {"op": "linear", "input": ["x"]}, "h_new_0": {"op": "linear", "input": [""]}}"#,
      #"{"x": {"op": "linear", "input": ["h_prev_0"]}, "h_new_0": {"op": "linear", "input": ["x"]}}"#,
      #"{"h_prev_1": {"op": "linear", "input": ["x"]}, "h_new_0": {"op": "linear", "input": ["h_prev_1"]}}"#,
      #"{"h_new_00": {"op": "linear", "input": ["x"]}, "h_new_0": {"op": "linear", "input": ["x"]}}"#,
    ]
    let names = ["", "x", "h_prev_1", "h_new_00"]
    for (text, name) in zip(cases, names) {
      guard case .invalidNodeName(let found, _) = error(of: text) else {
        Issue.record("\(text): got \(String(describing: error(of: text)))")
        continue
      }
      #expect(found == name)
    }
  }

  @Test func danglingInput() {
    #expect(
      error(of: #"{"h_new_0": {"op": "linear", "input": ["x", "node_7"]}}"#)
        == .undefinedInput(node: "h_new_0", input: "node_7"))
  }

  @Test func cycle() {
    let text = """
      {"a": {"op": "linear", "input": ["x", "c"]},
       "b": {"op": "activation_tanh", "input": ["a"]},
       "c": {"op": "elementwise_sum", "input": ["b", "h_prev_0"]},
       "h_new_0": {"op": "activation_sigm", "input": ["c"]}}
      """
    #expect(error(of: text) == .cycle(["a", "c", "b"]))
    #expect(error(of: text)?.description == "cycle: 'a' reads 'c' reads 'b' reads 'a'")
    #expect(
      error(of: #"{"h_new_0": {"op": "linear", "input": ["x", "h_new_0"]}}"#)
        == .cycle(["h_new_0"]))
  }

  @Test func wrongArity() {
    #expect(
      error(of: #"{"h_new_0": {"op": "blend", "input": ["h_prev_0", "x"]}}"#)
        == .wrongInputCount(node: "h_new_0", operation: .blend, count: 2))
    #expect(
      error(of: #"{"h_new_0": {"op": "linear", "input": []}}"#)
        == .wrongInputCount(node: "h_new_0", operation: .linear, count: 0))
    #expect(
      error(of: #"{"h_new_0": {"op": "activation_tanh", "input": ["x", "h_prev_0"]}}"#)
        == .wrongInputCount(node: "h_new_0", operation: .tanh, count: 2))
  }

  @Test func outputsMustBeContiguousFromZero() {
    #expect(error(of: #"{"f": {"op": "linear", "input": ["x"]}}"#) == .missingOutput("h_new_0"))
    #expect(error(of: "{}") == .missingOutput("h_new_0"))
    #expect(
      error(
        of:
          #"{"h_new_0": {"op": "linear", "input": ["x"]}, "h_new_2": {"op": "linear", "input": ["x"]}}"#
      )
        == .missingOutput("h_new_1"))
  }

  @Test func previousHiddenStatesMustExist() {
    #expect(
      error(of: #"{"h_new_0": {"op": "linear", "input": ["x", "h_prev_1"]}}"#)
        == .hiddenStateOutOfRange(node: "h_new_0", input: "h_prev_1", hiddenStateCount: 1))
  }

  @Test func atMostThreeHiddenStates() {
    let text =
      "{"
      + (0..<4).map { #""h_new_\#($0)": {"op": "linear", "input": ["x"]}"# }
      .joined(separator: ",") + "}"
    #expect(error(of: text) == .tooManyHiddenStates(count: 4, maximum: 3))
  }

  @Test func everyNodeMustReachAnOutput() {
    let text = """
      {"f": {"op": "linear", "input": ["x", "h_prev_0"]},
       "unused": {"op": "activation_tanh", "input": ["f"]},
       "h_new_0": {"op": "activation_sigm", "input": ["f"]}}
      """
    #expect(error(of: text) == .unreachableNode("unused"))
  }

  @Test func spaceReportsArchitectureErrorWithTheReason() {
    let text = #"{"h_new_0": {"op": "linear", "input": ["x", "node_7"]}}"#
    do {
      _ = try space.parse(text)
      Issue.record("parse should fail")
    } catch {
      #expect(error.space == "nlp")
      #expect(error.text == text)
      #expect(
        error.reason == NLPCellError.undefinedInput(node: "h_new_0", input: "node_7").description)
    }
  }
}
