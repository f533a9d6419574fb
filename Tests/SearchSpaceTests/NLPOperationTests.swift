import SearchSpace
import Testing

struct NLPOperationTests {
  /// The op names of the benchmark's `custom_rnn.py` and `search_space.py`.
  @Test func recipeNamesAreTheBenchmarks() {
    let names = NLPOperation.allCases.map(\.recipeName)
    #expect(
      Set(names) == [
        "linear", "blend", "elementwise_prod", "elementwise_sum", "activation_tanh",
        "activation_sigm", "activation_leaky_relu",
      ])
    for operation in NLPOperation.allCases {
      #expect(NLPOperation(recipeName: operation.recipeName) == operation)
    }
    #expect(NLPOperation(recipeName: "activation_sigmoid") == nil)
  }

  @Test func aritiesMatchTheCellsEvaluator() {
    #expect(!NLPOperation.linear.accepts(inputCount: 0))
    for count in [1, 2, 3, 7] { #expect(NLPOperation.linear.accepts(inputCount: count)) }
    for count in 0...4 {
      #expect(NLPOperation.blend.accepts(inputCount: count) == (count == 3))
      #expect(NLPOperation.elementwiseSum.accepts(inputCount: count) == (count == 2))
      #expect(NLPOperation.elementwiseProd.accepts(inputCount: count) == (count == 2))
      for activation in NLPOperation.activations {
        #expect(activation.accepts(inputCount: count) == (count == 1))
      }
    }
  }

  @Test func onlyBlendAndActivationsKeepInputOrder() {
    let commutative = NLPOperation.allCases.filter(\.isCommutative)
    #expect(Set(commutative) == [.linear, .elementwiseSum, .elementwiseProd])
    #expect(Set(NLPOperation.allCases.filter(\.isActivation)) == Set(NLPOperation.activations))
  }
}
