import Networks
import SearchSpace

extension NetworkBuilder {
  /// The NB101 CIFAR network of `cell` (pruned first; 128 stem channels, 3 stacks of 3
  /// cells) with a `classes`-output dense layer, initialised with PyTorch's defaults.
  ///
  /// A cell that cannot be pruned to a valid graph (no input-output path, a matrix that
  /// is not upper-triangular) gives a builder whose networks fail with the reason, so
  /// scorers report it instead of crashing.
  public static func nb101(
    _ cell: NB101Cell, classes: Int = 10,
    configuration: NB101NetworkConfiguration = .cifar10
  ) -> NetworkBuilder {
    var configuration = configuration
    configuration.classes = classes
    return NetworkBuilder(
      architecture: cell.text, outputCount: classes,
      dependsOnInput: cell.connectsInputToOutput, genotype: cell,
      float: { [configuration] rng throws(ProxyFailure) in
        do {
          return try NB101Network<Float>(cell: cell, configuration: configuration, using: &rng)
        } catch {
          throw ProxyFailure("\(error)")
        }
      },
      double: { [configuration] rng throws(ProxyFailure) in
        do {
          return try NB101Network<Double>(cell: cell, configuration: configuration, using: &rng)
        } catch {
          throw ProxyFailure("\(error)")
        }
      })
  }
}
