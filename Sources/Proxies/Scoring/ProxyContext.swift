/// The space a scorer is asked about: its name and what its networks take.
///
/// Scorers decide from it whether they apply (``Proxy/supports(_:)``): NASWOT reads
/// ReLU codes of image classifiers, `naswot-rnn` the activations of recurrent language
/// models, `params` any network.
public struct ProxySpace: Sendable, Hashable, CustomStringConvertible {
  /// The space's registered name, such as `nb201` (empty outside a registered space).
  public var name: String
  /// What the space's networks take.
  public var input: ProxyInput.Kind

  /// Creates a description.
  public init(name: String, input: ProxyInput.Kind) {
    self.name = name
    self.input = input
  }

  /// `nb201 (image networks)`.
  public var description: String {
    let kind = input == .images ? "image networks" : "language models"
    return name.isEmpty ? kind : "\(name) (\(kind))"
  }
}

/// Everything a scorer sees for one architecture: the space, the network's builder
/// (which also carries the genotype), the batch and the initialisation seed.
public struct ProxyContext: Sendable {
  /// The space the architecture belongs to.
  public var space: ProxySpace
  /// Builds the architecture's network; ``NetworkBuilder/genotype`` is the architecture.
  public var network: NetworkBuilder
  /// The batch.
  public var input: ProxyInput
  /// The seed of the network's initialisation.
  public var seed: UInt64

  /// Creates a context.
  public init(space: ProxySpace, network: NetworkBuilder, input: ProxyInput, seed: UInt64) {
    self.space = space
    self.network = network
    self.input = input
    self.seed = seed
  }

  /// The same context with another batch.
  public func with(input: ProxyInput) -> ProxyContext {
    var copy = self
    copy.input = input
    return copy
  }
}
