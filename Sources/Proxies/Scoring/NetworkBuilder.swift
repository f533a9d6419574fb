import Networks
import SearchSpace

/// Builds the network of one architecture, freshly initialised from a seed, in the
/// precision a scorer asks for (most use `Float`; synflow and gradient checks `Double`).
///
/// Scorers receive a builder, not a network, because several of them build the network
/// more than once or in a special way (epsilon: twice with constant weights; zen:
/// Gaussian re-initialisation; synflow: Double precision). Every network it returns for
/// the same seed is identical.
public struct NetworkBuilder: Sendable {
  /// The architecture's canonical text, for messages.
  public let architecture: String
  /// The number of outputs of the network's head (classes, or the vocabulary).
  public let outputCount: Int
  /// Whether the network's output depends on its input at all (false for NB201 cells
  /// with no path from input to output: their logits are a constant).
  public let dependsOnInput: Bool
  /// The architecture itself (an ``NB201Cell``, ``NB101Cell``, ``NLPCell`` or a
  /// registered space's genotype), for scorers that read the genotype rather than the
  /// network (counts, cost models); nil when the builder was made without one.
  public let genotype: (any Sendable)?
  private let makeFloat: @Sendable (inout SplitMix64) throws(ProxyFailure) -> any Layer<Float>
  private let makeDouble: @Sendable (inout SplitMix64) throws(ProxyFailure) -> any Layer<Double>

  /// Creates a builder from one closure per precision.
  public init(
    architecture: String, outputCount: Int, dependsOnInput: Bool = true,
    genotype: (any Sendable)? = nil,
    float: @escaping @Sendable (inout SplitMix64) throws(ProxyFailure) -> any Layer<Float>,
    double: @escaping @Sendable (inout SplitMix64) throws(ProxyFailure) -> any Layer<Double>
  ) {
    self.architecture = architecture
    self.outputCount = outputCount
    self.dependsOnInput = dependsOnInput
    self.genotype = genotype
    makeFloat = float
    makeDouble = double
  }

  /// A new `Float` network with PyTorch's default initialisation drawn from `seed`.
  public func float(seed: UInt64) throws(ProxyFailure) -> any Layer<Float> {
    var rng = SplitMix64(seed: seed)
    return try makeFloat(&rng)
  }

  /// A new `Double` network with PyTorch's default initialisation drawn from `seed`.
  public func double(seed: UInt64) throws(ProxyFailure) -> any Layer<Double> {
    var rng = SplitMix64(seed: seed)
    return try makeDouble(&rng)
  }

  /// The NB201 CIFAR network of `cell` (`classes` 10, 100 or 120).
  public static func nb201(_ cell: NB201Cell, classes: Int = 10) -> NetworkBuilder {
    nb201(cell, configuration: NB201NetworkConfiguration(classes: classes))
  }

  /// The NB201 network of `cell` with another width, depth or head than the benchmark's
  /// (small networks for fast experiments and tests).
  public static func nb201(_ cell: NB201Cell, configuration: NB201NetworkConfiguration)
    -> NetworkBuilder
  {
    NetworkBuilder(
      architecture: cell.description, outputCount: configuration.classes,
      dependsOnInput: cell.hasInputOutputPath, genotype: cell,
      float: { rng throws(ProxyFailure) in
        do {
          return try NB201Network<Float>(cell: cell, configuration: configuration, using: &rng)
        } catch {
          throw ProxyFailure("\(error)")
        }
      },
      double: { rng throws(ProxyFailure) in
        do {
          return try NB201Network<Double>(cell: cell, configuration: configuration, using: &rng)
        } catch {
          throw ProxyFailure("\(error)")
        }
      })
  }
}

/// Why a network could not be built or scored at all.
public struct ProxyFailure: Error, CustomStringConvertible, Sendable {
  /// What went wrong.
  public var reason: String
  /// Creates a failure.
  public init(_ reason: String) { self.reason = reason }
  /// The reason.
  public var description: String { reason }
}
