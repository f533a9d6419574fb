import SearchSpace

/// The size and cost of a NAS-Bench-NLP language model, computed from the cell and the
/// configuration alone (no weights are allocated).
///
/// - ``parameters``: trainable scalars as PyTorch counts them with tied weights: the
///   embedding `V·E`, the decoder bias `V`, and per layer one `H × width` matrix per
///   input of every `linear` node plus its bias `H`. For the benchmark's models this is
///   the logs' `num_params`.
/// - ``multiplyAccumulates``: per token, of the `linear` nodes of every layer and of the
///   decoder (`E·V`).
/// - ``flops``: per token, the multiply-accumulates plus one operation per element of
///   every element-wise step: a `linear` node's additions (one per input, the bias
///   included), `blend` 3 (`z ⊙ (a − b) + b`), product, sum and each activation 1, and
///   the decoder's bias. The embedding lookup is free. There is no published FLOPs
///   figure for NAS-Bench-NLP to compare with; this is the convention of this package.
public struct NLPNetworkCost: Hashable, Sendable {
  /// Trainable parameters.
  public var parameters = 0
  /// Multiply-accumulates per token (recurrent layers and decoder).
  public var multiplyAccumulates = 0
  /// Operations per token, in the convention above.
  public var flops = 0
  /// Multiply-accumulates per token of the recurrent layers alone (without the decoder).
  public var recurrentMultiplyAccumulates = 0

  /// The cost of the model for `cell` with `configuration`.
  ///
  /// - Throws: ``NLPNetworkError`` when the cell is not well formed or the configuration
  ///   is invalid.
  public init(cell: NLPCell, configuration: NLPNetworkConfiguration) throws(NLPNetworkError) {
    do {
      try configuration.validate()
    } catch {
      throw .configuration(error)
    }
    let program: NLPCellProgram
    do {
      program = try cell.program()
    } catch {
      throw .cell(error)
    }
    let (vocabulary, embedding) = (configuration.vocabulary, configuration.embeddingSize)
    parameters = vocabulary * embedding + vocabulary
    for size in configuration.layerSizes {
      let hidden = size.hidden
      for step in program.steps {
        switch step.operation {
        case .linear:
          for operand in step.operands {
            let width = operand == .input ? size.input : hidden
            parameters += hidden * width
            recurrentMultiplyAccumulates += hidden * width
          }
          parameters += hidden
          flops += step.operands.count * hidden
        case .blend:
          flops += 3 * hidden
        case .elementwiseProd, .elementwiseSum, .tanh, .sigmoid, .leakyReLU:
          flops += hidden
        }
      }
    }
    multiplyAccumulates = recurrentMultiplyAccumulates + embedding * vocabulary
    flops += multiplyAccumulates + vocabulary
  }
}
