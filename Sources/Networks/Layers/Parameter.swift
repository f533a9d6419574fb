/// What role a parameter plays, so that scorers can select parameters (synflow, snip
/// and friends score convolution and linear weights only) and initialisers can apply
/// the right default.
public enum ParameterKind: String, Hashable, Sendable, CaseIterable, Codable {
  /// A convolution kernel, `[outChannels, inChannels, kh, kw]`.
  case convolutionWeight
  /// A linear layer's matrix, `[outFeatures, inFeatures]`.
  case linearWeight
  /// An additive bias of a convolution or linear layer, `[outChannels]`.
  case bias
  /// A batch-norm scale γ, `[channels]`.
  case batchNormScale
  /// A batch-norm shift β, `[channels]`.
  case batchNormShift
  /// An embedding table, `[vocabulary, dimension]`.
  case embedding

  /// Whether this is a convolution or linear weight (the weights zero-cost proxies
  /// score).
  public var isConvolutionOrLinearWeight: Bool {
    self == .convolutionWeight || self == .linearWeight
  }
}

/// A trainable tensor of a network, with a stable name and a kind.
///
/// Parameters are shared by reference: a layer and anything that enumerates the
/// network's parameters see the same object, so replacing ``value`` (synflow's |θ|,
/// epsilon's shared constant, a re-initialisation) changes the network. Passes read
/// parameters through ``ForwardPass/parameter(_:)``, which tracks them for gradients.
public final class Parameter<Scalar: TensorScalar> {
  /// A dotted path that identifies the parameter within its network.
  ///
  /// For example `cells.3.edge(2<-1).conv.weight`.
  public let name: String
  /// The parameter's role.
  public let kind: ParameterKind
  /// The fan-in that PyTorch's default initialisation uses for this tensor: the
  /// weights feeding one output unit (`inChannels·kh·kw` or `inFeatures`), also for
  /// that layer's bias; 0 where it does not apply.
  public let fanIn: Int
  /// The current value; a new value must have the same shape.
  public var value: Tensor<Scalar> {
    willSet {
      precondition(
        newValue.shape == value.shape,
        "parameter \(name): new value of shape \(newValue.shape), expected \(value.shape)")
    }
    didSet { value.node = nil }
  }

  /// Creates a parameter with an initial value.
  public init(name: String, kind: ParameterKind, value: Tensor<Scalar>, fanIn: Int = 0) {
    self.name = name
    self.kind = kind
    self.fanIn = fanIn
    var untracked = value
    untracked.node = nil
    self.value = untracked
  }

  /// The shape of the value.
  public var shape: [Int] { value.shape }

  /// The number of scalars in the value.
  public var scalarCount: Int { value.scalarCount }

  /// Replaces every element `x` of the value by `transform(x)` (for example synflow's
  /// `|θ|`).
  public func mapValues(_ transform: (Scalar) -> Scalar) {
    var updated = value
    updated.withUnsafeMutableBufferPointer { buffer in
      for index in buffer.indices { buffer[index] = transform(buffer[index]) }
    }
    value = updated
  }
}
