/// The macro-architecture around NAS-Bench-201 cells: xautodl's `infer.tiny` network
/// with `C` initial channels, `N` cells per stage and a classifier of `classes`
/// outputs.
///
/// The benchmark trains `C = 16, N = 5` for CIFAR-10 (10 classes), CIFAR-100 (100) and
/// ImageNet16-120 (120) on 32×32 or 16×16 inputs; scorers may build smaller or
/// single-output variants.
public struct NB201NetworkConfiguration: Hashable, Sendable, Codable {
  /// Channels of the first stage (`C`); the stages have `C`, `2C` and `4C`.
  public var channels: Int
  /// Cells per stage (`N`).
  public var cellsPerStage: Int
  /// Outputs of the classifier.
  public var classes: Int

  /// Creates a configuration; call ``validate()`` before building from user input.
  public init(channels: Int = 16, cellsPerStage: Int = 5, classes: Int = 10) {
    self.channels = channels
    self.cellsPerStage = cellsPerStage
    self.classes = classes
  }

  /// The benchmark's CIFAR-10 network.
  public static let cifar10 = NB201NetworkConfiguration(classes: 10)
  /// The benchmark's CIFAR-100 network.
  public static let cifar100 = NB201NetworkConfiguration(classes: 100)
  /// The benchmark's ImageNet16-120 network.
  public static let imageNet16 = NB201NetworkConfiguration(classes: 120)

  /// Throws when a field cannot describe a network.
  ///
  /// - Throws: ``NetworkConfigurationError`` naming the field and the expected range.
  public func validate() throws(NetworkConfigurationError) {
    guard channels >= 1 else {
      throw NetworkConfigurationError(field: "channels", value: channels, expected: "≥ 1")
    }
    guard cellsPerStage >= 0 else {
      throw NetworkConfigurationError(
        field: "cellsPerStage", value: cellsPerStage, expected: "≥ 0")
    }
    guard classes >= 1 else {
      throw NetworkConfigurationError(field: "classes", value: classes, expected: "≥ 1")
    }
  }
}

/// A network configuration field outside its valid range.
public struct NetworkConfigurationError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The offending field, such as `channels`.
  public var field: String
  /// Its value.
  public var value: Int
  /// What was expected instead, such as `≥ 1`.
  public var expected: String

  /// Creates an error.
  public init(field: String, value: Int, expected: String) {
    self.field = field
    self.value = value
    self.expected = expected
  }

  /// For example `network configuration: channels = 0, expected ≥ 1`.
  public var description: String {
    "network configuration: \(field) = \(value), expected \(expected)"
  }
}
