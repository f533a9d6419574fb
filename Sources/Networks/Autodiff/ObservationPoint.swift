/// A place in a forward pass where an ``ActivationObserver`` is shown an activation.
///
/// Operations report their points themselves, so every ReLU, convolution and linear
/// layer of any network is observable without the network knowing about scorers.
/// Points are numbered in execution order, per kind and overall; the numbering is the
/// same for every pass of the same network.
public struct ObservationPoint: Hashable, Sendable, CustomStringConvertible {
  /// What the observed tensor is.
  public enum Kind: Hashable, Sendable, CaseIterable {
    /// The input of a ReLU (NASWOT binarises these).
    case reluInput
    /// The output of a 2-D convolution, bias included (fisher).
    case convolutionOutput
    /// The output of a linear layer, bias included.
    case linearOutput
    /// The feature map entering a global average pool (Zen-NAS's pre-pooling map).
    case globalPoolInput
    /// The input of a tanh, sigmoid or leaky-ReLU node of a recurrent cell at one time
    /// step, `[batch, hidden]` (the recurrent analogue of a ReLU input).
    case activationInput
    /// A new hidden state of a recurrent cell at one time step, `[batch, hidden]`.
    case hiddenState
  }

  /// What the observed tensor is.
  public var kind: Kind
  /// The 0-based position among this pass's points of the same kind.
  public var index: Int
  /// The 0-based position among all of this pass's points.
  public var sequence: Int
  /// For convolution and linear outputs, the weights feeding one output channel
  /// (`inChannels·kh·kw` or `inFeatures`); 0 for other kinds.
  public var weightsPerChannel: Int

  /// Creates a point description.
  public init(kind: Kind, index: Int, sequence: Int, weightsPerChannel: Int = 0) {
    self.kind = kind
    self.index = index
    self.sequence = sequence
    self.weightsPerChannel = weightsPerChannel
  }

  /// For example `convolutionOutput#3`.
  public var description: String { "\(kind)#\(index)" }
}
