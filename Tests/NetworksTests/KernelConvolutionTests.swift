import Testing

@testable import Networks

/// Convolution shapes with odd sizes, every padding from 0 to 2, strides 1 and 2,
/// 1×1 / 2×2 / 3×3 / 5×5 windows, batches 1 and 3.
struct ConvolutionCase: CustomTestStringConvertible, Sendable {
  var shape: ConvolutionShape
  var testDescription: String {
    let s = shape
    return
      "b\(s.batch) \(s.inChannels)->\(s.outChannels) \(s.inHeight)x\(s.inWidth) k\(s.kernelHeight)x\(s.kernelWidth) s\(s.stride) p\(s.padding)"
  }

  static let all: [ConvolutionCase] = [
    // Padding larger than kernel − 1: the stride-1 input gradient takes the col2im path.
    .init(
      shape: .init(
        batch: 2, inChannels: 3, inHeight: 5, inWidth: 6, outChannels: 4, kernelHeight: 1,
        padding: 1)),
    // Rows of 16 or more outputs take the direct (in-place, no im2col) stride-1 path.
    .init(
      shape: .init(
        batch: 3, inChannels: 5, inHeight: 9, inWidth: 17, outChannels: 7, kernelHeight: 3,
        padding: 1)),
    .init(
      shape: .init(
        batch: 2, inChannels: 4, inHeight: 6, inWidth: 20, outChannels: 6, kernelHeight: 5,
        padding: 2)),
    .init(
      shape: .init(
        batch: 1, inChannels: 3, inHeight: 5, inWidth: 18, outChannels: 5, kernelHeight: 2)),
    .init(
      shape: .init(
        batch: 1, inChannels: 5, inHeight: 7, inWidth: 13, outChannels: 7, kernelHeight: 3,
        padding: 1)),
    .init(
      shape: .init(
        batch: 3, inChannels: 5, inHeight: 7, inWidth: 13, outChannels: 7, kernelHeight: 3,
        stride: 2, padding: 0)),
    .init(
      shape: .init(
        batch: 3, inChannels: 3, inHeight: 13, inWidth: 7, outChannels: 9, kernelHeight: 5,
        padding: 2)),
    .init(
      shape: .init(
        batch: 3, inChannels: 4, inHeight: 9, inWidth: 11, outChannels: 6, kernelHeight: 1)),
    .init(
      shape: .init(
        batch: 1, inChannels: 6, inHeight: 8, inWidth: 8, outChannels: 5, kernelHeight: 2, stride: 2
      )),
    .init(
      shape: .init(
        batch: 3, inChannels: 2, inHeight: 6, inWidth: 5, outChannels: 3, kernelHeight: 3,
        stride: 2, padding: 2)),
    .init(
      shape: .init(
        batch: 3, inChannels: 4, inHeight: 5, inWidth: 9, outChannels: 5, kernelHeight: 3,
        kernelWidth: 1, padding: 1)),
    .init(
      shape: .init(
        batch: 1, inChannels: 3, inHeight: 4, inWidth: 4, outChannels: 4, kernelHeight: 5,
        padding: 2)),
    .init(
      shape: .init(
        batch: 3, inChannels: 16, inHeight: 8, inWidth: 8, outChannels: 16, kernelHeight: 3,
        padding: 1)),
    .init(
      shape: .init(
        batch: 3, inChannels: 8, inHeight: 16, inWidth: 16, outChannels: 12, kernelHeight: 3,
        stride: 2, padding: 1)),
    .init(
      shape: .init(
        batch: 2, inChannels: 3, inHeight: 4, inWidth: 4, outChannels: 5, kernelHeight: 1, stride: 2
      )),
    // 1×1 stride-1 convolutions: 143 pixels per image, so panels straddle images, and 9
    // output rows leave a partial register tile.
    .init(
      shape: .init(
        batch: 3, inChannels: 17, inHeight: 13, inWidth: 11, outChannels: 9, kernelHeight: 1)),
    .init(
      shape: .init(
        batch: 2, inChannels: 1, inHeight: 3, inWidth: 5, outChannels: 4, kernelHeight: 1)),
    // 1×1 stride-1 convolutions of 256 pixels or more take the direct path, read as one
    // flattened row; 32×32 planes are 4 KiB apart and get a padded pitch.
    .init(
      shape: .init(
        batch: 2, inChannels: 5, inHeight: 16, inWidth: 17, outChannels: 7, kernelHeight: 1)),
    .init(
      shape: .init(
        batch: 2, inChannels: 3, inHeight: 32, inWidth: 32, outChannels: 5, kernelHeight: 1)),
  ]
}

struct KernelConvolutionTests {
  /// Tuned and reference results of one kernel plus its error magnitudes.
  struct Outcome<T: TensorScalar> {
    var tuned: [T]
    var reference: [T]
    var magnitude: [T]
    var terms: Int
    func mismatches() -> [Int] {
      KernelTestSupport.mismatches(tuned, reference, magnitude: magnitude, terms: terms)
    }
  }

  static func forward<T: TensorScalar>(_ s: ConvolutionShape, as: T.Type) -> Outcome<T> {
    let x: [T] = KernelTestSupport.random(s.inputCount, seed: 11)
    let w: [T] = KernelTestSupport.random(s.weightCount, seed: 12)
    var tuned = [T](repeating: .nan, count: s.outputCount)
    var reference = tuned
    var magnitude = tuned
    T.convolution2D(s, input: x, weight: w, output: &tuned)
    referenceConvolution2D(s, input: x, weight: w, output: &reference)
    referenceConvolution2D(s, input: x.map(abs), weight: w.map(abs), output: &magnitude)
    return Outcome(
      tuned: tuned, reference: reference, magnitude: magnitude,
      terms: s.inChannels * s.kernelHeight * s.kernelWidth)
  }

  static func inputGradient<T: TensorScalar>(_ s: ConvolutionShape, as: T.Type) -> Outcome<T> {
    let dy: [T] = KernelTestSupport.random(s.outputCount, seed: 13)
    let w: [T] = KernelTestSupport.random(s.weightCount, seed: 14)
    var tuned = [T](repeating: .nan, count: s.inputCount)
    var reference = tuned
    var magnitude = tuned
    T.convolution2DInputGradient(s, outputGradient: dy, weight: w, inputGradient: &tuned)
    referenceConvolution2DInputGradient(s, outputGradient: dy, weight: w, inputGradient: &reference)
    referenceConvolution2DInputGradient(
      s, outputGradient: dy.map(abs), weight: w.map(abs), inputGradient: &magnitude)
    return Outcome(
      tuned: tuned, reference: reference, magnitude: magnitude,
      terms: s.outChannels * s.kernelHeight * s.kernelWidth)
  }

  static func weightGradient<T: TensorScalar>(_ s: ConvolutionShape, as: T.Type) -> Outcome<T> {
    let x: [T] = KernelTestSupport.random(s.inputCount, seed: 15)
    let dy: [T] = KernelTestSupport.random(s.outputCount, seed: 16)
    var tuned = [T](repeating: .nan, count: s.weightCount)
    var reference = tuned
    var magnitude = tuned
    T.convolution2DWeightGradient(s, input: x, outputGradient: dy, weightGradient: &tuned)
    referenceConvolution2DWeightGradient(
      s, input: x, outputGradient: dy, weightGradient: &reference)
    referenceConvolution2DWeightGradient(
      s, input: x.map(abs), outputGradient: dy.map(abs), weightGradient: &magnitude)
    return Outcome(
      tuned: tuned, reference: reference, magnitude: magnitude,
      terms: s.batch * s.outHeight * s.outWidth)
  }

  @Test(arguments: ConvolutionCase.all)
  func forwardMatchesReference(_ c: ConvolutionCase) {
    let f = Self.forward(c.shape, as: Float.self).mismatches()
    #expect(f.isEmpty, "Float: \(f.count) outputs differ, first at \(f.first ?? -1)")
    let d = Self.forward(c.shape, as: Double.self).mismatches()
    #expect(d.isEmpty, "Double: \(d.count) outputs differ, first at \(d.first ?? -1)")
  }

  @Test(arguments: ConvolutionCase.all)
  func inputGradientMatchesReference(_ c: ConvolutionCase) {
    let f = Self.inputGradient(c.shape, as: Float.self).mismatches()
    #expect(f.isEmpty, "Float: \(f.count) elements differ, first at \(f.first ?? -1)")
    let d = Self.inputGradient(c.shape, as: Double.self).mismatches()
    #expect(d.isEmpty, "Double: \(d.count) elements differ, first at \(d.first ?? -1)")
  }

  @Test(arguments: ConvolutionCase.all)
  func weightGradientMatchesReference(_ c: ConvolutionCase) {
    let f = Self.weightGradient(c.shape, as: Float.self).mismatches()
    #expect(f.isEmpty, "Float: \(f.count) elements differ, first at \(f.first ?? -1)")
    let d = Self.weightGradient(c.shape, as: Double.self).mismatches()
    #expect(d.isEmpty, "Double: \(d.count) elements differ, first at \(d.first ?? -1)")
  }

  /// Shapes big enough to be split over two threads (stride 1 and 2).
  static let parallelShapes: [ConvolutionShape] = [
    .init(batch: 5, inChannels: 16, inHeight: 12, inWidth: 12, outChannels: 24, kernelHeight: 1),
    .init(batch: 6, inChannels: 16, inHeight: 15, inWidth: 15, outChannels: 16, kernelHeight: 1),
    .init(
      batch: 3, inChannels: 8, inHeight: 20, inWidth: 20, outChannels: 16, kernelHeight: 3,
      padding: 1),
    .init(
      batch: 5, inChannels: 16, inHeight: 12, inWidth: 12, outChannels: 16, kernelHeight: 3,
      padding: 1),
    .init(
      batch: 5, inChannels: 16, inHeight: 12, inWidth: 12, outChannels: 24, kernelHeight: 3,
      stride: 2, padding: 1),
  ]

  @Test(arguments: parallelShapes)
  func threadCountDoesNotChangeBits(_ s: ConvolutionShape) {
    let one = KernelTestSupport.withThreads(1) {
      (
        Self.forward(s, as: Float.self).tuned, Self.inputGradient(s, as: Float.self).tuned,
        Self.weightGradient(s, as: Float.self).tuned
      )
    }
    let two = KernelTestSupport.withThreads(2) {
      (
        Self.forward(s, as: Float.self).tuned, Self.inputGradient(s, as: Float.self).tuned,
        Self.weightGradient(s, as: Float.self).tuned
      )
    }
    #expect(one.0 == two.0)
    #expect(one.1 == two.1)
    #expect(one.2 == two.2)
  }
}

/// The convolution of `relu(x)` with the ReLU taken inside the kernel, against the plain
/// convolution of a ReLU written out first: the same bits on every path (direct, im2col
/// with and without padded copies, 1×1 read in place, stride 2), with NaN and −0 inputs.
struct ConvolutionOfReLUTests {
  static func outputs<T: TensorScalar>(_ s: ConvolutionShape, as: T.Type) -> (
    fused: [T], plain: [T]
  ) {
    var x: [T] = KernelTestSupport.random(s.inputCount, seed: 21)
    // A NaN (ReLU keeps it) and a negative zero (ReLU keeps it too: −0 < 0 is false).
    x[x.count / 3] = .nan
    x[x.count / 2] = -0.0
    let w: [T] = KernelTestSupport.random(s.weightCount, seed: 22)
    let activated = x.map { $0 < 0 ? 0 : $0 }
    var fused = [T](repeating: 7, count: s.outputCount)
    var plain = [T](repeating: -7, count: s.outputCount)
    _ = T.convolution2D(
      s, input: x, weight: w, output: &fused, rectifyingInput: true, outputMoments: nil)
    T.convolution2D(s, input: activated, weight: w, output: &plain)
    return (fused, plain)
  }

  @Test(arguments: ConvolutionCase.all.map(\.shape) + KernelConvolutionTests.parallelShapes)
  func equalsTheConvolutionOfTheWrittenReLU(_ s: ConvolutionShape) {
    for threads in [1, 2] {
      let (fused, plain) = KernelTestSupport.withThreads(threads) {
        Self.outputs(s, as: Float.self)
      }
      #expect(fused.map(\.bitPattern) == plain.map(\.bitPattern), "Float, \(threads) threads")
    }
    let (fused, plain) = Self.outputs(s, as: Double.self)
    #expect(fused.map(\.bitPattern) == plain.map(\.bitPattern), "Double")
  }
}

/// The stride-2 gather of im2col, `dst[t] = src[2t]`, for every count up to five vectors
/// (vector body, overlapping last vector, scalar tail), reading only `src[0 ... 2(count − 1)]`.
struct EvenElementCopyTests {
  static func check<T: KernelScalar>(_: T.Type) {
    for count in 0...40 {
      // Exactly the elements that may be read; an over-read would leave the buffer
      // (and trip the address sanitizer) or pick up the NaN guard after it.
      let readable = max(0, 2 * count - 1)
      let source = UnsafeMutablePointer<T>.allocate(capacity: readable + 1)
      defer { source.deallocate() }
      for i in 0..<readable { source[i] = T(i) }
      source[readable] = .nan
      var copied = [T](repeating: -1, count: count)
      copied.withUnsafeMutableBufferPointer { dst in
        if let base = dst.baseAddress {
          T.copyEvenElements(from: source, to: base, count: count)
        }
      }
      #expect(copied == (0..<count).map { T(2 * $0) }, "\(T.self), count \(count)")
    }
  }

  @Test func floatCopiesEveryEvenElement() { Self.check(Float.self) }
  @Test func doubleCopiesEveryEvenElement() { Self.check(Double.self) }
}

/// The per-channel sums `Σy`, `Σy²` that the direct path forms for the batch norm after
/// it: equal to sums of its own output (in Double, in another order) to float precision,
/// the same bits with 1 and 2 threads, and not claimed by the packed path.
struct ConvolutionMomentsTests {
  static func run(_ s: ConvolutionShape, threads: Int) -> (
    output: [Float], moments: [Double], formed: Bool
  ) {
    let x: [Float] = KernelTestSupport.random(s.inputCount, seed: 31)
    let w: [Float] = KernelTestSupport.random(s.weightCount, seed: 32)
    var output = [Float](repeating: .nan, count: s.outputCount)
    var moments = [Double](repeating: .nan, count: 2 * s.outChannels)
    let formed = KernelTestSupport.withThreads(threads) {
      moments.withUnsafeMutableBufferPointer { buffer in
        Float.convolution2D(
          s, input: x, weight: w, output: &output, rectifyingInput: false,
          outputMoments: buffer.baseAddress)
      }
    }
    return (output, moments, formed)
  }

  /// Direct-path shapes: 3×3 rows of 16 or more, and a flattened 1×1 of 256+ pixels.
  static let directShapes: [ConvolutionShape] = [
    .init(
      batch: 5, inChannels: 16, inHeight: 12, inWidth: 20, outChannels: 6, kernelHeight: 3,
      padding: 1),
    .init(batch: 3, inChannels: 8, inHeight: 16, inWidth: 17, outChannels: 9, kernelHeight: 1),
  ]

  @Test(arguments: directShapes)
  func directPathSumsItsOwnOutput(_ s: ConvolutionShape) {
    let one = Self.run(s, threads: 1)
    #expect(one.formed)
    let plane = s.outHeight * s.outWidth
    for c in 0..<s.outChannels {
      var (sum, squares, magnitude) = (0.0, 0.0, 0.0)
      for n in 0..<s.batch {
        for i in 0..<plane {
          let y = Double(one.output[(n * s.outChannels + c) * plane + i])
          sum += y
          squares += y * y
          magnitude += abs(y)
        }
      }
      #expect(abs(one.moments[2 * c] - sum) <= 1e-5 * magnitude, "channel \(c) Σy")
      #expect(abs(one.moments[2 * c + 1] - squares) <= 1e-5 * squares, "channel \(c) Σy²")
    }
    let two = Self.run(s, threads: 2)
    #expect(two.formed)
    #expect(two.output == one.output)
    #expect(two.moments.map(\.bitPattern) == one.moments.map(\.bitPattern))
  }

  @Test func packedPathLeavesThemToTheBatchNorm() {
    // Stride 2 takes the packed path.
    let s = ConvolutionShape(
      batch: 3, inChannels: 8, inHeight: 16, inWidth: 16, outChannels: 12, kernelHeight: 3,
      stride: 2, padding: 1)
    #expect(!Self.run(s, threads: 1).formed)
  }
}
