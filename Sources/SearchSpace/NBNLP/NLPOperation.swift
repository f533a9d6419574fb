/// An operation of a NAS-Bench-NLP recurrent cell node.
///
/// The raw values are the benchmark's op names, as they appear in recipes (note the
/// benchmark's spelling `activation_sigm`). Inside the package the cases are used; the
/// names appear only when a recipe is read or written.
///
/// | case | recipe name | inputs | computes |
/// |---|---|---|---|
/// | ``linear`` | `linear` | 1 or more | Σᵢ Wᵢ aᵢ + b (one bias) |
/// | ``blend`` | `blend` | 3 | z ⊙ a + (1 − z) ⊙ b for inputs (z, a, b) |
/// | ``elementwiseProd`` | `elementwise_prod` | 2 | a ⊙ b |
/// | ``elementwiseSum`` | `elementwise_sum` | 2 | a + b |
/// | ``tanh`` | `activation_tanh` | 1 | tanh a |
/// | ``sigmoid`` | `activation_sigm` | 1 | σ(a) |
/// | ``leakyReLU`` | `activation_leaky_relu` | 1 | max(a, 0.01 a) |
public enum NLPOperation: String, CaseIterable, Codable, Hashable, Sendable {
  /// A learned affine map of the sum of its inputs' projections, with one bias.
  case linear = "linear"
  /// A gate: `z ⊙ a + (1 − z) ⊙ b` for inputs `(z, a, b)`, in that order.
  case blend = "blend"
  /// The element-wise product of two inputs.
  case elementwiseProd = "elementwise_prod"
  /// The element-wise sum of two inputs.
  case elementwiseSum = "elementwise_sum"
  /// The hyperbolic tangent of one input.
  case tanh = "activation_tanh"
  /// The logistic sigmoid of one input (the benchmark spells it `activation_sigm`).
  case sigmoid = "activation_sigm"
  /// PyTorch's default leaky ReLU (negative slope 0.01) of one input.
  case leakyReLU = "activation_leaky_relu"

  /// The name used in recipes, such as `elementwise_prod`.
  public var recipeName: String { rawValue }

  /// The operation with recipe name `name`, or nil when the name is unknown.
  public init?(recipeName name: String) {
    self.init(rawValue: name)
  }

  /// The three activations, in the benchmark generator's order.
  public static let activations: [NLPOperation] = [.tanh, .sigmoid, .leakyReLU]

  /// Whether this is one of the one-input activations.
  public var isActivation: Bool {
    switch self {
    case .tanh, .sigmoid, .leakyReLU: true
    case .linear, .blend, .elementwiseProd, .elementwiseSum: false
    }
  }

  /// Whether the inputs' order is irrelevant: true for sums, products and `linear`
  /// (each input has its own weight matrix, so permuting inputs permutes weights);
  /// false for `blend`, whose first input is the gate.
  public var isCommutative: Bool {
    switch self {
    case .linear, .elementwiseProd, .elementwiseSum: true
    case .blend, .tanh, .sigmoid, .leakyReLU: false
    }
  }

  /// The smallest number of inputs the operation takes.
  public var minimumInputCount: Int {
    switch self {
    case .linear, .tanh, .sigmoid, .leakyReLU: 1
    case .elementwiseProd, .elementwiseSum: 2
    case .blend: 3
    }
  }

  /// The largest number of inputs the operation takes, or nil when unbounded (`linear`).
  public var maximumInputCount: Int? {
    self == .linear ? nil : minimumInputCount
  }

  /// Whether the operation takes `count` inputs.
  public func accepts(inputCount count: Int) -> Bool {
    count >= minimumInputCount && count <= (maximumInputCount ?? Int.max)
  }

  /// The accepted input count in words, such as "exactly 2" or "at least 1".
  public var arityDescription: String {
    maximumInputCount == nil ? "at least \(minimumInputCount)" : "exactly \(minimumInputCount)"
  }
}
