import Testing

@testable import Networks

/// Pooling shapes: odd sizes, windows 1–3, strides 1–2, padding 0–1, batches 1 and 3.
struct PoolingCase: CustomTestStringConvertible, Sendable {
  var shape: PoolingShape
  var testDescription: String {
    let s = shape
    return
      "b\(s.batch) c\(s.channels) \(s.inHeight)x\(s.inWidth) w\(s.window) s\(s.stride) p\(s.padding)"
  }

  static let all: [PoolingCase] = [
    .init(
      shape: .init(
        batch: 1, channels: 5, inHeight: 7, inWidth: 13, window: 3, stride: 1, padding: 1)),
    .init(
      shape: .init(
        batch: 3, channels: 2, inHeight: 13, inWidth: 7, window: 3, stride: 1, padding: 1)),
    .init(
      shape: .init(
        batch: 3, channels: 4, inHeight: 32, inWidth: 32, window: 3, stride: 1, padding: 1)),
    .init(shape: .init(batch: 3, channels: 3, inHeight: 8, inWidth: 8, window: 2, stride: 2)),
    .init(shape: .init(batch: 1, channels: 3, inHeight: 7, inWidth: 9, window: 2, stride: 2)),
    .init(
      shape: .init(
        batch: 3, channels: 2, inHeight: 9, inWidth: 11, window: 3, stride: 2, padding: 1)),
    .init(shape: .init(batch: 1, channels: 2, inHeight: 6, inWidth: 20, window: 3, stride: 1)),
    .init(shape: .init(batch: 1, channels: 2, inHeight: 5, inWidth: 5, window: 1, stride: 1)),
  ]
}

struct KernelPoolingTests {
  static func inputCount(_ s: PoolingShape) -> Int { s.batch * s.channels * s.inHeight * s.inWidth }
  static func outputCount(_ s: PoolingShape) -> Int {
    s.batch * s.channels * s.outHeight * s.outWidth
  }

  static func averageForward<T: TensorScalar>(_ s: PoolingShape, as: T.Type) -> [Int] {
    let x: [T] = KernelTestSupport.random(inputCount(s), seed: 21)
    var tuned = [T](repeating: .nan, count: outputCount(s))
    var reference = tuned
    var magnitude = tuned
    T.averagePool2D(s, input: x, output: &tuned)
    referenceAveragePool2D(s, input: x, output: &reference)
    referenceAveragePool2D(s, input: x.map(abs), output: &magnitude)
    return KernelTestSupport.mismatches(
      tuned, reference, magnitude: magnitude, terms: s.window * s.window)
  }

  static func averageBackward<T: TensorScalar>(_ s: PoolingShape, as: T.Type) -> [Int] {
    let dy: [T] = KernelTestSupport.random(outputCount(s), seed: 22)
    var tuned = [T](repeating: .nan, count: inputCount(s))
    var reference = tuned
    var magnitude = tuned
    T.averagePool2DGradient(s, outputGradient: dy, inputGradient: &tuned)
    referenceAveragePool2DGradient(s, outputGradient: dy, inputGradient: &reference)
    referenceAveragePool2DGradient(s, outputGradient: dy.map(abs), inputGradient: &magnitude)
    return KernelTestSupport.mismatches(
      tuned, reference, magnitude: magnitude, terms: s.window * s.window)
  }

  @Test(arguments: PoolingCase.all)
  func averagePoolingMatchesReference(_ c: PoolingCase) {
    #expect(Self.averageForward(c.shape, as: Float.self).isEmpty)
    #expect(Self.averageForward(c.shape, as: Double.self).isEmpty)
    #expect(Self.averageBackward(c.shape, as: Float.self).isEmpty)
    #expect(Self.averageBackward(c.shape, as: Double.self).isEmpty)
  }

  /// 2×2 windows with stride 2 (the NB201 reduction shortcut) are vectorised with the
  /// reference's order of additions, so they are bitwise the reference's.
  @Test(arguments: [
    PoolingShape(batch: 3, channels: 16, inHeight: 32, inWidth: 32, window: 2, stride: 2),
    PoolingShape(batch: 2, channels: 3, inHeight: 7, inWidth: 9, window: 2, stride: 2),
    PoolingShape(batch: 1, channels: 5, inHeight: 16, inWidth: 37, window: 2, stride: 2),
  ])
  func halvingPoolIsBitwiseTheReference(_ s: PoolingShape) {
    let x: [Float] = KernelTestSupport.random(Self.inputCount(s), seed: 24)
    var tuned = [Float](repeating: .nan, count: Self.outputCount(s))
    var reference = tuned
    Float.averagePool2D(s, input: x, output: &tuned)
    referenceAveragePool2D(s, input: x, output: &reference)
    #expect(tuned.map(\.bitPattern) == reference.map(\.bitPattern))
  }

  /// Inputs with many ties (three levels) and a few NaNs, where the choice of argmax
  /// is decided by the scan order.
  static func tiedInput<T: TensorScalar>(_ count: Int, as: T.Type) -> [T] {
    let r: [T] = KernelTestSupport.random(count, seed: 23)
    return r.enumerated().map { i, v in i % 37 == 5 ? .nan : (v * 1.5).rounded() }
  }

  static func maxPool<T: TensorScalar>(
    _ s: PoolingShape, tuned: Bool, input x: [T]
  ) -> (values: [T], argmax: [Int32], gradient: [T]) {
    var y = [T](repeating: 0, count: outputCount(s))
    var argmax = [Int32](repeating: -7, count: outputCount(s))
    var dx = [T](repeating: .nan, count: inputCount(s))
    let dy: [T] = KernelTestSupport.random(outputCount(s), seed: 24)
    if tuned {
      T.maxPool2D(s, input: x, output: &y, argmax: &argmax)
      T.maxPool2DGradient(s, outputGradient: dy, argmax: argmax, inputGradient: &dx)
    } else {
      referenceMaxPool2D(s, input: x, output: &y, argmax: &argmax)
      referenceMaxPool2DGradient(s, outputGradient: dy, argmax: argmax, inputGradient: &dx)
    }
    return (y, argmax, dx)
  }

  static func sameBits<T: TensorScalar>(_ a: [T], _ b: [T]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
  }

  @Test(arguments: PoolingCase.all)
  func maxPoolingMatchesReferenceExactly(_ c: PoolingCase) {
    for random in [false, true] {
      let x: [Float] =
        random
        ? KernelTestSupport.random(Self.inputCount(c.shape), seed: 25)
        : Self.tiedInput(Self.inputCount(c.shape), as: Float.self)
      let tuned = Self.maxPool(c.shape, tuned: true, input: x)
      let reference = Self.maxPool(c.shape, tuned: false, input: x)
      #expect(tuned.argmax == reference.argmax)
      #expect(Self.sameBits(tuned.values, reference.values))
      #expect(Self.sameBits(tuned.gradient, reference.gradient))
    }
    let xd: [Double] = Self.tiedInput(Self.inputCount(c.shape), as: Double.self)
    let tunedD = Self.maxPool(c.shape, tuned: true, input: xd)
    let referenceD = Self.maxPool(c.shape, tuned: false, input: xd)
    #expect(tunedD.argmax == referenceD.argmax)
    #expect(Self.sameBits(tunedD.values, referenceD.values))
  }

  @Test func threadCountDoesNotChangeBits() {
    let s = PoolingShape(
      batch: 4, channels: 16, inHeight: 32, inWidth: 32, window: 3, stride: 1, padding: 1)
    let x: [Float] = KernelTestSupport.random(Self.inputCount(s), seed: 26)
    func run() -> ([Float], [Float], [Float], [Int32]) {
      var avg = [Float](repeating: 0, count: Self.outputCount(s))
      var avgGrad = [Float](repeating: 0, count: Self.inputCount(s))
      Float.averagePool2D(s, input: x, output: &avg)
      Float.averagePool2DGradient(s, outputGradient: avg, inputGradient: &avgGrad)
      let m = Self.maxPool(s, tuned: true, input: x)
      return (avg, avgGrad, m.gradient, m.argmax)
    }
    let one = KernelTestSupport.withThreads(1, run)
    let two = KernelTestSupport.withThreads(2, run)
    #expect(one.0 == two.0 && one.1 == two.1 && one.2 == two.2 && one.3 == two.3)
  }
}
