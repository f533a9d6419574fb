/// A batch of images in NCHW order with their labels: what image scorers consume.
public struct ImageBatch: Sendable, Equatable {
  /// Pixel values, `count × channels × height × width`, normalised.
  public var pixels: [Float]
  /// Class labels, one per image.
  public var labels: [Int]
  /// Images in the batch.
  public var count: Int
  /// Channels per image.
  public var channels: Int
  /// Image height.
  public var height: Int
  /// Image width.
  public var width: Int
  /// The number of classes the labels index.
  public var classCount: Int

  /// Creates a batch; `pixels` must hold `count·channels·height·width` values.
  public init(
    pixels: [Float], labels: [Int], count: Int, channels: Int, height: Int, width: Int,
    classCount: Int
  ) {
    precondition(pixels.count == count * channels * height * width, "pixel count mismatch")
    precondition(labels.count == count, "label count mismatch")
    self.pixels = pixels
    self.labels = labels
    self.count = count
    self.channels = channels
    self.height = height
    self.width = width
    self.classCount = classCount
  }

  /// The NCHW shape `[count, channels, height, width]`.
  public var shape: [Int] { [count, channels, height, width] }
}
