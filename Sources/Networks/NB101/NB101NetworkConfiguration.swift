/// The macro-architecture around NAS-Bench-101 cells (`nasbench/lib/config.py`): a stem
/// convolution of ``stemChannels`` filters, ``stackCount`` stacks of ``cellsPerStack``
/// cells, a 2×2 max pool with channel doubling between stacks, global average pooling
/// and a dense layer of ``classes`` outputs.
///
/// The benchmark trains 128 stem channels, 3 stacks of 3 cells and 10 classes on
/// 32×32 CIFAR-10 images (``cifar10``). Tests and scorers may build smaller networks;
/// ``validate()`` checks that the numbers describe one.
public struct NB101NetworkConfiguration: Hashable, Sendable, Codable {
  /// Filters of the stem convolution, which is also the output width of the first stack.
  public var stemChannels: Int
  /// Stacks of cells; every stack after the first halves the resolution and doubles the
  /// channels.
  public var stackCount: Int
  /// Cells per stack.
  public var cellsPerStack: Int
  /// Outputs of the dense layer.
  public var classes: Int

  /// Creates a configuration; call ``validate()`` before building from user input.
  public init(
    stemChannels: Int = 128, stackCount: Int = 3, cellsPerStack: Int = 3, classes: Int = 10
  ) {
    self.stemChannels = stemChannels
    self.stackCount = stackCount
    self.cellsPerStack = cellsPerStack
    self.classes = classes
  }

  /// The benchmark's CIFAR-10 network.
  public static let cifar10 = NB101NetworkConfiguration()

  /// The batch-norm decay of the benchmark (`BN_MOMENTUM = 0.997` in TensorFlow's
  /// convention, where it weighs the *old* running value) converted to this engine's
  /// (PyTorch's) convention, where momentum weighs the *new* batch: 1 − 0.997.
  ///
  /// PyTorch ports differ: NASLib and zero-cost-nas keep PyTorch's default 0.1, and some
  /// ports pass 0.997 unchanged (so their running statistics follow the last batch).
  /// Running statistics only matter for evaluation-mode passes.
  public static let batchNormMomentum = 0.003
  /// The batch-norm epsilon of the benchmark (`BN_EPSILON`).
  public static let batchNormEpsilon = 1e-5

  /// Throws when a field cannot describe a network.
  ///
  /// - Throws: ``NetworkConfigurationError`` naming the field and the expected range.
  public func validate() throws(NetworkConfigurationError) {
    guard stemChannels >= 1 else {
      throw NetworkConfigurationError(field: "stemChannels", value: stemChannels, expected: "≥ 1")
    }
    guard (1...20).contains(stackCount) else {
      throw NetworkConfigurationError(field: "stackCount", value: stackCount, expected: "1...20")
    }
    guard cellsPerStack >= 0 else {
      throw NetworkConfigurationError(
        field: "cellsPerStack", value: cellsPerStack, expected: "≥ 0")
    }
    guard classes >= 1 else {
      throw NetworkConfigurationError(field: "classes", value: classes, expected: "≥ 1")
    }
  }

  /// The output channels of every stack: the stem's, doubled at each later stack.
  var stackChannels: [Int] {
    (0..<stackCount).map { stemChannels << $0 }
  }
}
