/// The geometry of one 2-D convolution over an NCHW batch: what every convolution
/// kernel needs to know, and nothing about weights or data.
public struct ConvolutionShape: Hashable, Sendable {
  /// Images in the batch.
  public var batch: Int
  /// Input channels.
  public var inChannels: Int
  /// Input height in pixels.
  public var inHeight: Int
  /// Input width in pixels.
  public var inWidth: Int
  /// Output channels (filters).
  public var outChannels: Int
  /// Kernel height.
  public var kernelHeight: Int
  /// Kernel width.
  public var kernelWidth: Int
  /// Stride in both directions.
  public var stride: Int
  /// Zero padding on every side.
  public var padding: Int

  /// Creates a shape; `kernelWidth` defaults to a square kernel.
  public init(
    batch: Int, inChannels: Int, inHeight: Int, inWidth: Int, outChannels: Int,
    kernelHeight: Int, kernelWidth: Int? = nil, stride: Int = 1, padding: Int = 0
  ) {
    self.batch = batch
    self.inChannels = inChannels
    self.inHeight = inHeight
    self.inWidth = inWidth
    self.outChannels = outChannels
    self.kernelHeight = kernelHeight
    self.kernelWidth = kernelWidth ?? kernelHeight
    self.stride = stride
    self.padding = padding
  }

  /// Output height: `(H + 2p - kh) / s + 1`.
  public var outHeight: Int { (inHeight + 2 * padding - kernelHeight) / stride + 1 }
  /// Output width: `(W + 2p - kw) / s + 1`.
  public var outWidth: Int { (inWidth + 2 * padding - kernelWidth) / stride + 1 }
  /// Elements of the input batch.
  public var inputCount: Int { batch * inChannels * inHeight * inWidth }
  /// Elements of the output batch.
  public var outputCount: Int { batch * outChannels * outHeight * outWidth }
  /// Elements of the weight tensor `[outChannels, inChannels, kh, kw]`.
  public var weightCount: Int { outChannels * inChannels * kernelHeight * kernelWidth }
  /// Multiply-accumulates of the forward pass for the whole batch.
  public var multiplyAccumulates: Int {
    batch * outChannels * outHeight * outWidth * inChannels * kernelHeight * kernelWidth
  }
}

/// The geometry of a 2-D pooling window over an NCHW batch.
public struct PoolingShape: Hashable, Sendable {
  /// Images in the batch.
  public var batch: Int
  /// Channels (pooling keeps them).
  public var channels: Int
  /// Input height.
  public var inHeight: Int
  /// Input width.
  public var inWidth: Int
  /// Square window size.
  public var window: Int
  /// Stride in both directions.
  public var stride: Int
  /// Implicit padding on every side (never counted as data).
  public var padding: Int

  /// Creates a pooling shape.
  public init(
    batch: Int, channels: Int, inHeight: Int, inWidth: Int, window: Int, stride: Int,
    padding: Int = 0
  ) {
    self.batch = batch
    self.channels = channels
    self.inHeight = inHeight
    self.inWidth = inWidth
    self.window = window
    self.stride = stride
    self.padding = padding
  }

  /// Output height.
  public var outHeight: Int { (inHeight + 2 * padding - window) / stride + 1 }
  /// Output width.
  public var outWidth: Int { (inWidth + 2 * padding - window) / stride + 1 }
}
