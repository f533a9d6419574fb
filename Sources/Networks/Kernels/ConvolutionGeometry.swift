/// The geometry the tuned convolution kernels work with: a ``ConvolutionShape`` with
/// separate top and left padding (the stride-1 input gradient is a convolution with
/// padding `k − 1 − p` in each direction), and the padded extent every window reads.
struct ConvolutionGeometry {
  var batch: Int
  var inChannels: Int
  var inHeight: Int
  var inWidth: Int
  var outChannels: Int
  var kernelHeight: Int
  var kernelWidth: Int
  var stride: Int
  var padTop: Int
  var padLeft: Int
  var outHeight: Int
  var outWidth: Int
  /// Whether the convolution reads `relu(input)` instead of `input`: the ReLU is applied
  /// while the input is copied into the kernel's buffers, so it is never written out.
  var rectifiesInput = false

  /// The geometry of `shape`.
  init(_ shape: ConvolutionShape, rectifiesInput: Bool = false) {
    self.rectifiesInput = rectifiesInput
    batch = shape.batch
    inChannels = shape.inChannels
    inHeight = shape.inHeight
    inWidth = shape.inWidth
    outChannels = shape.outChannels
    kernelHeight = shape.kernelHeight
    kernelWidth = shape.kernelWidth
    stride = shape.stride
    padTop = shape.padding
    padLeft = shape.padding
    outHeight = max(0, shape.outHeight)
    outWidth = max(0, shape.outWidth)
  }

  /// Reduction length of one output element: `inChannels · kh · kw`.
  var depth: Int { inChannels * kernelHeight * kernelWidth }
  /// Output pixels per image.
  var outPixels: Int { outHeight * outWidth }
  /// Rows of the zero-padded input that the windows touch.
  var paddedHeight: Int { max(inHeight + padTop, (outHeight - 1) * stride + kernelHeight) }
  /// Columns of the zero-padded input that the windows touch.
  var paddedWidth: Int { max(inWidth + padLeft, (outWidth - 1) * stride + kernelWidth) }
  /// Whether the windows never leave the input, so no padded copy is needed.
  var needsPadding: Bool {
    padTop > 0 || padLeft > 0 || paddedHeight > inHeight || paddedWidth > inWidth
  }

  /// A 1×1, stride-1, unpadded convolution is a plain matrix product per image: seen as
  /// one row of `H·W` pixels, its im2col runs span whole images instead of rows.
  var flattenedIfPointwise: ConvolutionGeometry {
    guard kernelHeight == 1 && kernelWidth == 1 && stride == 1 && padTop == 0 && padLeft == 0
    else { return self }
    var g = self
    g.inWidth = inHeight * inWidth
    g.inHeight = 1
    g.outWidth = outHeight * outWidth
    g.outHeight = 1
    return g
  }
}
