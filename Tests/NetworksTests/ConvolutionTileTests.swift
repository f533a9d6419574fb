import Testing

@testable import Networks

/// Every forward-convolution path computes each output as the same chain of fused
/// multiply-adds.
///
/// The run-pair tiles of wide or narrow vectors, the 4 × 3 offset tiles and im2col
/// packing all start from zero and go over (input channel, kernel row, kernel column)
/// in order, padding taps included as products with zero. So the bits do not depend on which path
/// or tile shape a geometry takes, and the accuracy-stability scores stay the same when
/// the tiling changes.
struct ConvolutionTileTests {
  /// NB201's shapes (stages at 32×32, 16×16, 8×8; 3×3 and 1×1), which take the run-pair
  /// tiles, and shapes that take the other paths.
  static let shapes: [ConvolutionShape] = [
    .init(
      batch: 2, inChannels: 16, inHeight: 32, inWidth: 32, outChannels: 16, kernelHeight: 3,
      padding: 1),
    .init(batch: 2, inChannels: 16, inHeight: 32, inWidth: 32, outChannels: 16, kernelHeight: 1),
    .init(
      batch: 2, inChannels: 32, inHeight: 16, inWidth: 16, outChannels: 32, kernelHeight: 3,
      padding: 1),
    .init(
      batch: 3, inChannels: 24, inHeight: 8, inWidth: 8, outChannels: 64, kernelHeight: 3,
      padding: 1),
    .init(batch: 3, inChannels: 32, inHeight: 8, inWidth: 8, outChannels: 64, kernelHeight: 1),
    .init(
      batch: 2, inChannels: 3, inHeight: 32, inWidth: 32, outChannels: 16, kernelHeight: 3,
      padding: 1),
    // Offset tiles (7 output channels) and packing (stride 2, rows of 5).
    .init(
      batch: 2, inChannels: 5, inHeight: 9, inWidth: 17, outChannels: 7, kernelHeight: 3,
      padding: 1),
    .init(
      batch: 2, inChannels: 8, inHeight: 16, inWidth: 16, outChannels: 16, kernelHeight: 3,
      stride: 2, padding: 1),
    .init(
      batch: 2, inChannels: 6, inHeight: 5, inWidth: 5, outChannels: 8, kernelHeight: 3,
      padding: 1),
  ]

  /// `relu(x)` (when `rectified`) convolved with `w`, one fused multiply-add chain per
  /// output.
  static func chain<T: TensorScalar>(
    _ s: ConvolutionShape, input x: [T], weight w: [T], rectified: Bool
  ) -> [T] {
    var y = [T](repeating: 0, count: s.outputCount)
    let (kh, kw) = (s.kernelHeight, s.kernelWidth)
    for n in 0..<s.batch {
      for o in 0..<s.outChannels {
        for oy in 0..<s.outHeight {
          for ox in 0..<s.outWidth {
            var acc: T = 0
            for c in 0..<s.inChannels {
              for ky in 0..<kh {
                for kx in 0..<kw {
                  let iy = oy * s.stride - s.padding + ky
                  let ix = ox * s.stride - s.padding + kx
                  var v: T = 0
                  if iy >= 0 && iy < s.inHeight && ix >= 0 && ix < s.inWidth {
                    v = x[((n * s.inChannels + c) * s.inHeight + iy) * s.inWidth + ix]
                    if rectified && v < 0 { v = 0 }
                  }
                  acc = acc.addingProduct(w[((o * s.inChannels + c) * kh + ky) * kw + kx], v)
                }
              }
            }
            y[((n * s.outChannels + o) * s.outHeight + oy) * s.outWidth + ox] = acc
          }
        }
      }
    }
    return y
  }

  static func check<T: TensorScalar>(_ s: ConvolutionShape, as: T.Type) {
    let x: [T] = KernelTestSupport.random(s.inputCount, seed: 41)
    let w: [T] = KernelTestSupport.random(s.weightCount, seed: 42)
    for rectified in [false, true] {
      var tuned = [T](repeating: .nan, count: s.outputCount)
      _ = T.convolution2D(
        s, input: x, weight: w, output: &tuned, rectifyingInput: rectified, outputMoments: nil)
      let expected = chain(s, input: x, weight: w, rectified: rectified)
      // Bitwise: equal values with equal signs (no NaN here), so −0 and +0 differ.
      let differing = zip(tuned, expected).filter { !($0 == $1 && $0.sign == $1.sign) }
      #expect(differing.isEmpty, "\(T.self), ReLU \(rectified): \(differing.count) differ")
    }
  }

  @Test(arguments: shapes)
  func everyPathIsTheSameMultiplyAddChain(_ s: ConvolutionShape) {
    Self.check(s, as: Float.self)
    Self.check(s, as: Double.self)
  }
}
