/// ReLU as a layer.
public final class ReLU<Scalar: TensorScalar>: Layer {
  /// Creates the layer.
  public init() {}

  /// `max(x, 0)`; reports one ReLU-input point.
  public func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar> {
    pass.relu(input)
  }
}

/// Average pooling as a layer (`count_include_pad=False`).
public final class AveragePool2D<Scalar: TensorScalar>: Layer {
  /// The square window's side.
  public let window: Int
  /// The step between windows.
  public let stride: Int
  /// Implicit padding, never counted in the average.
  public let padding: Int

  /// Creates the layer.
  public init(window: Int, stride: Int, padding: Int = 0) {
    self.window = window
    self.stride = stride
    self.padding = padding
  }

  /// Pools `input[N, C, H, W]`.
  public func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar> {
    pass.averagePool(input, window: window, stride: stride, padding: padding)
  }
}

/// Max pooling as a layer.
public final class MaxPool2D<Scalar: TensorScalar>: Layer {
  /// The square window's side.
  public let window: Int
  /// The step between windows.
  public let stride: Int
  /// Implicit padding, which never wins.
  public let padding: Int

  /// Creates the layer.
  public init(window: Int, stride: Int, padding: Int = 0) {
    self.window = window
    self.stride = stride
    self.padding = padding
  }

  /// Pools `input[N, C, H, W]`.
  public func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar> {
    pass.maxPool(input, window: window, stride: stride, padding: padding)
  }
}

/// Global average pooling as a layer: `[N, C, H, W]` to `[N, C]`.
public final class GlobalAveragePool<Scalar: TensorScalar>: Layer {
  /// Creates the layer.
  public init() {}

  /// Averages each channel's plane.
  public func forward(_ input: Tensor<Scalar>, in pass: ForwardPass<Scalar>) -> Tensor<Scalar> {
    pass.globalAveragePool(input)
  }
}
