import SearchSpace

/// One recurrent layer of a NAS-Bench-NLP model: the benchmark's `CustomRNN` running its
/// cell over a time-major sequence.
///
/// At every time step the cell's ``NLPCellProgram`` is evaluated in topological order
/// on the step's input `x` and the previous step's hidden states (zeros at the first
/// step): `linear` nodes compute `Σᵢ Wᵢ aᵢ + b` with one weight matrix per input and one
/// bias, `blend` computes `z ⊙ a + (1 − z) ⊙ b`, and the element-wise and activation
/// nodes what their names say (leaky ReLU with slope 0.01). Hidden state `i` is the value
/// of `h_new_<i>`; the layer's output at a step is `h_new_0`.
///
/// Every parameter is drawn from U(−1/√H, 1/√H) for hidden size `H`, as the benchmark's
/// `reset_parameters` does; parameters record `fanIn = H`, so that
/// ``Layer/initializeParameters(_:using:)`` with the PyTorch default re-draws exactly
/// that. The `x` terms of all time steps are computed up front as one matrix product per
/// `linear` node, and the other weights are transposed once per sequence, so that each
/// step's products read them row by row.
///
/// Observers see, at every step, the input of every activation node
/// (``ObservationPoint/Kind/activationInput``) and then every new hidden state
/// (``ObservationPoint/Kind/hiddenState``), each `[batch, H]`.
public final class NLPRecurrentLayer<Scalar: TensorScalar>: Layer {
  /// The parameters of one `linear` node.
  struct LinearNode {
    /// One matrix `[H, width of input i]` per input, in the node's input order.
    var weights: [Parameter<Scalar>]
    /// The node's bias `[H]`.
    var bias: Parameter<Scalar>
  }

  /// The cell, resolved for evaluation.
  public let program: NLPCellProgram
  /// Width of the layer input `x`.
  public let inputSize: Int
  /// Hidden units `H` of every state and node.
  public let hiddenSize: Int
  /// The parameters of each `linear` step, by step index.
  let linearNodes: [Int: LinearNode]

  /// Creates the layer's parameters, named `<name>.cell.components.<node>.weights.<i>`
  /// and `.bias`, `linear` nodes in evaluation order, drawing them from `rng`.
  ///
  /// - Throws: ``NLPNetworkError/inputWidthMismatch(node:inputSize:hiddenSize:)`` when a
  ///   node other than `linear` reads `x` while `x` and the hidden states differ in width
  ///   (the benchmark's cell would fail on such a layer too).
  public init(
    name: String, program: NLPCellProgram, inputSize: Int, hiddenSize: Int,
    using rng: inout some RandomNumberGenerator
  ) throws(NLPNetworkError) {
    self.program = program
    self.inputSize = inputSize
    self.hiddenSize = hiddenSize
    var nodes: [Int: LinearNode] = [:]
    for (index, step) in program.steps.enumerated() {
      guard step.operation == .linear else {
        if inputSize != hiddenSize, step.operands.contains(.input) {
          throw .inputWidthMismatch(node: step.name, inputSize: inputSize, hiddenSize: hiddenSize)
        }
        continue
      }
      let prefix = "\(name).cell.components.\(step.name)"
      let weights = step.operands.enumerated().map { position, operand in
        Parameter<Scalar>(
          name: "\(prefix).weights.\(position)", kind: .linearWeight,
          value: Tensor(zeros: [hiddenSize, operand == .input ? inputSize : hiddenSize]),
          fanIn: hiddenSize)
      }
      let bias = Parameter<Scalar>(
        name: "\(prefix).bias", kind: .bias, value: Tensor(zeros: [hiddenSize]), fanIn: hiddenSize)
      nodes[index] = LinearNode(weights: weights, bias: bias)
    }
    linearNodes = nodes
    initializeParameters(using: &rng)
  }

  /// Runs the cell over `input[T, B, inputSize]` from zero hidden states and returns the
  /// outputs `[T, B, H]`.
  public func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar> {
    forward(input, initialState: 0, in: pass)
  }

  /// Runs the cell over `input[T, B, inputSize]` from hidden states whose every element
  /// is `initialState` (every state `h_prev_<i>` of every sequence) and returns the
  /// outputs `[T, B, H]`.
  ///
  /// `initialState` 0 is the benchmark's `init_hidden`; epsilon (epsinas) starts from
  /// its shared constant weight instead.
  public func forward(
    _ input: Tensor<Scalar>, initialState: Scalar, in pass: ForwardPass<Scalar>
  ) -> Tensor<Scalar> {
    precondition(
      input.rank == 3 && input.shape[2] == inputSize,
      "recurrent layer input \(input.shape), expected [T, B, \(inputSize)]")
    let (steps, batch) = (input.shape[0], input.shape[1])
    let flat = pass.reshape(input, to: [steps * batch, inputSize])
    let prepared = prepare(flat, batch: batch, in: pass)
    let readsInputDirectly = program.steps.contains { step in
      step.operation != .linear && step.operands.contains(.input)
    }
    let zeros = Tensor<Scalar>(zeros: [batch, hiddenSize])
    let start =
      initialState == 0 ? zeros : Tensor(repeating: initialState, shape: [batch, hiddenSize])
    var hidden = Array(repeating: start, count: program.hiddenStateCount)
    var outputs: [Tensor<Scalar>] = []
    outputs.reserveCapacity(steps)
    for t in 0..<steps {
      let rows = (t * batch)..<((t + 1) * batch)
      let x = readsInputDirectly ? pass.rows(flat, rows) : zeros
      var values: [Tensor<Scalar>] = []
      values.reserveCapacity(program.steps.count)
      for (index, step) in program.steps.enumerated() {
        func operand(_ k: Int) -> Tensor<Scalar> {
          switch step.operands[k] {
          case .input: x
          case .previousHidden(let i): hidden[i]
          case .step(let j): values[j]
          }
        }
        let value: Tensor<Scalar>
        switch step.operation {
        case .linear:
          guard let node = prepared[index] else {
            preconditionFailure("linear step \(index) has no parameters")
          }
          var terms = [
            node.constantTerm.isPerStep
              ? pass.rows(node.constantTerm.value, rows) : node.constantTerm.value
          ]
          for (position, matrix) in node.hiddenMatrices {
            terms.append(pass.matmul(operand(position), matrix))
          }
          value =
            terms.count == 1
            ? terms[0] : pass.weightedSum(terms, weights: Array(repeating: 1, count: terms.count))
        case .blend:
          // z ⊙ a + (1 − z) ⊙ b = z ⊙ (a − b) + b.
          let (z, a, b) = (operand(0), operand(1), operand(2))
          value = pass.add(pass.multiply(z, pass.subtract(a, b)), b)
        case .elementwiseProd:
          value = pass.multiply(operand(0), operand(1))
        case .elementwiseSum:
          value = pass.add(operand(0), operand(1))
        case .tanh:
          value = pass.tanh(pass.observe(operand(0), as: .activationInput))
        case .sigmoid:
          value = pass.sigmoid(pass.observe(operand(0), as: .activationInput))
        case .leakyReLU:
          value = pass.leakyReLU(pass.observe(operand(0), as: .activationInput))
        }
        values.append(value)
      }
      hidden = program.outputs.map { pass.observe(values[$0], as: .hiddenState) }
      outputs.append(hidden[0])
    }
    return pass.stack(outputs)
  }

  /// A `linear` node ready for the time loop.
  private struct PreparedLinear {
    /// The part that does not depend on the previous step: `Σ W_x · x + b` for every
    /// step at once (`[T·B, H]`, per step), or the bias broadcast to `[B, H]`.
    var constantTerm: (value: Tensor<Scalar>, isPerStep: Bool)
    /// The transposed matrix `[width, H]` of every other input, by input position.
    var hiddenMatrices: [(position: Int, matrix: Tensor<Scalar>)]
  }

  /// Computes, once per sequence, what every `linear` node needs at every step: the `x`
  /// terms of all steps as one matrix product (with the bias), or the broadcast bias, and
  /// its other matrices transposed for ``ForwardPass/matmul(_:_:)``.
  private func prepare(_ flat: Tensor<Scalar>, batch: Int, in pass: ForwardPass<Scalar>)
    -> [Int: PreparedLinear]
  {
    var result: [Int: PreparedLinear] = [:]
    for (index, node) in linearNodes {
      let operands = program.steps[index].operands
      var inputTerms: [Tensor<Scalar>] = []
      var hiddenMatrices: [(position: Int, matrix: Tensor<Scalar>)] = []
      for (position, operand) in operands.enumerated() {
        let weight = pass.parameter(node.weights[position])
        if operand == .input {
          inputTerms.append(
            pass.linear(
              flat, weight: weight, bias: inputTerms.isEmpty ? pass.parameter(node.bias) : nil))
        } else {
          hiddenMatrices.append((position, pass.transpose(weight)))
        }
      }
      let constant: (value: Tensor<Scalar>, isPerStep: Bool)
      if inputTerms.isEmpty {
        constant = (pass.repeatRows(pass.parameter(node.bias), count: batch), false)
      } else {
        constant = (
          inputTerms.count == 1
            ? inputTerms[0]
            : pass.weightedSum(inputTerms, weights: Array(repeating: 1, count: inputTerms.count)),
          true
        )
      }
      result[index] = PreparedLinear(constantTerm: constant, hiddenMatrices: hiddenMatrices)
    }
    return result
  }

  /// The `linear` nodes' weights (in input order) and bias, nodes in evaluation order.
  public var ownParameters: [Parameter<Scalar>] {
    linearNodes.keys.sorted().flatMap { index -> [Parameter<Scalar>] in
      guard let node = linearNodes[index] else { return [] }
      return node.weights + [node.bias]
    }
  }
}
