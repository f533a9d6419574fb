import Networks

/// Kernel benchmarks: SGEMM, the NAS-Bench-201 convolutions at batch 128 (forward and
/// both backward kernels), pooling and batch normalisation.
enum KernelBenchmarks {
  /// The NB201 batch size used by the speed targets.
  static let batch = 128

  /// All kernel benchmarks, each on 1 and 2 threads.
  static var all: [Benchmark] {
    var list: [Benchmark] = []
    for threads in [1, 2] { list.append(gemm(size: 2048, threads: threads)) }
    // Cache-resident: the micro-kernel's own ceiling (operands ≈ 200 KB, in L2).
    list.append(gemm(m: 96, n: 240, k: 256, threads: 1))
    for threads in [1, 2] { list.append(doubleGEMM(size: 1024, threads: threads)) }
    for threads in [1, 2] { list.append(nb201ConvolutionsForward(threads: threads)) }
    for (label, shape) in convolutionShapes {
      for threads in [1, 2] {
        list.append(convolutionForward(label, shape, threads: threads))
        list.append(convolutionInputGradient(label, shape, threads: threads))
        list.append(convolutionWeightGradient(label, shape, threads: threads))
      }
    }
    for (label, shape) in poolingShapes {
      for threads in [1, 2] {
        list.append(averagePool(label, shape, threads: threads))
        list.append(averagePoolGradient(label, shape, threads: threads))
        list.append(maxPool(label, shape, threads: threads))
      }
    }
    for (label, channels, side) in [("c16-32x32", 16, 32), ("c64-8x8", 64, 8)] {
      for threads in [1, 2] {
        list.append(batchNormForward(label, channels: channels, side: side, threads: threads))
        list.append(batchNormBackward(label, channels: channels, side: side, threads: threads))
      }
    }
    return list
  }

  /// The distinct convolutions of the NB201 CIFAR network (batch 128).
  static var convolutionShapes: [(String, ConvolutionShape)] {
    func conv(_ cin: Int, _ cout: Int, _ side: Int, _ k: Int, stride: Int = 1)
      -> ConvolutionShape
    {
      ConvolutionShape(
        batch: batch, inChannels: cin, inHeight: side, inWidth: side, outChannels: cout,
        kernelHeight: k, stride: stride, padding: k / 2)
    }
    return [
      ("stem3x3-c3to16-32x32", conv(3, 16, 32, 3)),
      ("conv3x3-c16-32x32", conv(16, 16, 32, 3)),
      ("conv1x1-c16-32x32", conv(16, 16, 32, 1)),
      ("conv3x3-c32-16x16", conv(32, 32, 16, 3)),
      ("conv1x1-c32-16x16", conv(32, 32, 16, 1)),
      ("conv3x3-c64-8x8", conv(64, 64, 8, 3)),
      ("conv1x1-c64-8x8", conv(64, 64, 8, 1)),
      ("reduce3x3s2-c16to32-32x32", conv(16, 32, 32, 3, stride: 2)),
      ("reduce3x3s2-c32to64-16x16", conv(32, 64, 16, 3, stride: 2)),
      ("shortcut1x1-c16to32-16x16", conv(16, 32, 16, 1)),
      ("shortcut1x1-c32to64-8x8", conv(32, 64, 8, 1)),
    ]
  }

  /// NB201 pooling: the cell's 3×3 average pool and the reduction's 2×2 one.
  static var poolingShapes: [(String, PoolingShape)] {
    [
      (
        "3x3s1-c16-32x32",
        PoolingShape(
          batch: batch, channels: 16, inHeight: 32, inWidth: 32, window: 3, stride: 1,
          padding: 1)
      ),
      (
        "2x2s2-c16-32x32",
        PoolingShape(
          batch: batch, channels: 16, inHeight: 32, inWidth: 32, window: 2, stride: 2)
      ),
    ]
  }

  static func gemm(size n: Int, threads: Int) -> Benchmark {
    gemm(m: n, n: n, k: n, threads: threads, name: "gemm/sgemm-\(n)^3")
  }

  static func gemm(m: Int, n: Int, k: Int, threads: Int, name: String? = nil) -> Benchmark {
    Benchmark(
      name: name ?? "gemm/sgemm-\(m)x\(n)x\(k)", threads: threads,
      flops: 2 * Double(m * n * k), bytes: nil
    ) {
      let a = Operand(count: m * k, seed: 1)
      let b = Operand(count: k * n, seed: 2)
      let c = Operand(count: m * n, seed: 3)
      return Benchmark.Prepared(
        body: {
          Float.gemm(
            transposeA: false, transposeB: false, m: m, n: n, k: k, alpha: 1, a: a.pointer,
            lda: k, b: b.pointer, ldb: n, beta: 0, c: c.pointer, ldc: n)
        },
        finish: { [a, b, c] in
          a.free()
          b.free()
          c.free()
        })
    }
  }

  /// Double-precision GEMM (gradient checks, synflow).
  static func doubleGEMM(size n: Int, threads: Int) -> Benchmark {
    Benchmark(
      name: "gemm/dgemm-\(n)^3", threads: threads, flops: 2 * Double(n * n * n), bytes: nil
    ) {
      let a = UnsafeMutablePointer<Double>.allocate(capacity: n * n)
      let b = UnsafeMutablePointer<Double>.allocate(capacity: n * n)
      let c = UnsafeMutablePointer<Double>.allocate(capacity: n * n)
      for i in 0..<(n * n) {
        a[i] = Double(i % 7) - 3
        b[i] = Double(i % 5) - 2
      }
      nonisolated(unsafe) let (pa, pb, pc) = (a, b, c)
      return Benchmark.Prepared(
        body: {
          Double.gemm(
            transposeA: false, transposeB: false, m: n, n: n, k: n, alpha: 1, a: pa, lda: n,
            b: pb, ldb: n, beta: 0, c: pc, ldc: n)
        },
        finish: {
          pa.deallocate()
          pb.deallocate()
          pc.deallocate()
        })
    }
  }

  /// Every convolution of the all-`nor_conv_3x3` NB201 CIFAR network, forward, batch 128.
  ///
  /// In network order: the stem, 5 cells of 6 convolutions per stage, and the two
  /// residual reduction blocks (stride-2 conv, stride-1 conv, 1×1 shortcut after a 2×2
  /// average pool). About 56 GFLOP: the part of the whole forward pass that the 0.6 s
  /// target is about.
  static func nb201ConvolutionsForward(threads: Int) -> Benchmark {
    func conv(_ cin: Int, _ cout: Int, _ side: Int, _ k: Int, stride: Int = 1)
      -> ConvolutionShape
    {
      ConvolutionShape(
        batch: batch, inChannels: cin, inHeight: side, inWidth: side, outChannels: cout,
        kernelHeight: k, stride: stride, padding: k / 2)
    }
    var shapes = [conv(3, 16, 32, 3)]
    shapes += Array(repeating: conv(16, 16, 32, 3), count: 30)
    shapes += [conv(16, 32, 32, 3, stride: 2), conv(32, 32, 16, 3), conv(16, 32, 16, 1)]
    shapes += Array(repeating: conv(32, 32, 16, 3), count: 30)
    shapes += [conv(32, 64, 16, 3, stride: 2), conv(64, 64, 8, 3), conv(32, 64, 8, 1)]
    shapes += Array(repeating: conv(64, 64, 8, 3), count: 30)
    let flops = shapes.reduce(0) { $0 + 2 * Double($1.multiplyAccumulates) }
    let list = shapes
    return Benchmark(
      name: "network/nb201-all-conv3x3-forward-convs-b128", threads: threads, flops: flops,
      bytes: nil
    ) {
      let largest = list.map { max($0.inputCount, $0.outputCount) }.max() ?? 1
      let x = Operand(count: largest, seed: 1)
      let y = Operand(count: largest, seed: 2)
      let w = Operand(count: list.map(\.weightCount).max() ?? 1, seed: 3)
      return Benchmark.Prepared(
        body: {
          for s in list {
            Float.convolution2D(s, input: x.pointer, weight: w.pointer, output: y.pointer)
          }
        },
        finish: { [x, y, w] in
          x.free()
          y.free()
          w.free()
        })
    }
  }

  static func convolutionForward(_ label: String, _ s: ConvolutionShape, threads: Int)
    -> Benchmark
  {
    Benchmark(
      name: "conv/forward/\(label)", threads: threads,
      flops: 2 * Double(s.multiplyAccumulates), bytes: nil
    ) {
      let x = Operand(count: s.inputCount, seed: 1)
      let w = Operand(count: s.weightCount, seed: 2)
      let y = Operand(count: s.outputCount, seed: 3)
      return Benchmark.Prepared(
        body: { Float.convolution2D(s, input: x.pointer, weight: w.pointer, output: y.pointer) },
        finish: { [x, w, y] in
          x.free()
          w.free()
          y.free()
        })
    }
  }

  static func convolutionInputGradient(_ label: String, _ s: ConvolutionShape, threads: Int)
    -> Benchmark
  {
    Benchmark(
      name: "conv/input-grad/\(label)", threads: threads,
      flops: 2 * Double(s.multiplyAccumulates), bytes: nil
    ) {
      let dy = Operand(count: s.outputCount, seed: 1)
      let w = Operand(count: s.weightCount, seed: 2)
      let dx = Operand(count: s.inputCount, seed: 3)
      return Benchmark.Prepared(
        body: {
          Float.convolution2DInputGradient(
            s, outputGradient: dy.pointer, weight: w.pointer, inputGradient: dx.pointer)
        },
        finish: { [dy, w, dx] in
          dy.free()
          w.free()
          dx.free()
        })
    }
  }

  static func convolutionWeightGradient(_ label: String, _ s: ConvolutionShape, threads: Int)
    -> Benchmark
  {
    Benchmark(
      name: "conv/weight-grad/\(label)", threads: threads,
      flops: 2 * Double(s.multiplyAccumulates), bytes: nil
    ) {
      let x = Operand(count: s.inputCount, seed: 1)
      let dy = Operand(count: s.outputCount, seed: 2)
      let dw = Operand(count: s.weightCount, seed: 3)
      return Benchmark.Prepared(
        body: {
          Float.convolution2DWeightGradient(
            s, input: x.pointer, outputGradient: dy.pointer, weightGradient: dw.pointer)
        },
        finish: { [x, dy, dw] in
          x.free()
          dy.free()
          dw.free()
        })
    }
  }

  static func averagePool(_ label: String, _ s: PoolingShape, threads: Int) -> Benchmark {
    let inCount = s.batch * s.channels * s.inHeight * s.inWidth
    let outCount = s.batch * s.channels * s.outHeight * s.outWidth
    return Benchmark(
      name: "pool/avg/\(label)", threads: threads, flops: nil,
      bytes: Double(4 * (inCount + outCount))
    ) {
      let x = Operand(count: inCount, seed: 1)
      let y = Operand(count: outCount, seed: 2)
      return Benchmark.Prepared(
        body: { Float.averagePool2D(s, input: x.pointer, output: y.pointer) },
        finish: { [x, y] in
          x.free()
          y.free()
        })
    }
  }

  static func averagePoolGradient(_ label: String, _ s: PoolingShape, threads: Int)
    -> Benchmark
  {
    let inCount = s.batch * s.channels * s.inHeight * s.inWidth
    let outCount = s.batch * s.channels * s.outHeight * s.outWidth
    return Benchmark(
      name: "pool/avg-grad/\(label)", threads: threads, flops: nil,
      bytes: Double(4 * (inCount + outCount))
    ) {
      let dy = Operand(count: outCount, seed: 1)
      let dx = Operand(count: inCount, seed: 2)
      return Benchmark.Prepared(
        body: {
          Float.averagePool2DGradient(s, outputGradient: dy.pointer, inputGradient: dx.pointer)
        },
        finish: { [dy, dx] in
          dy.free()
          dx.free()
        })
    }
  }

  static func maxPool(_ label: String, _ s: PoolingShape, threads: Int) -> Benchmark {
    let inCount = s.batch * s.channels * s.inHeight * s.inWidth
    let outCount = s.batch * s.channels * s.outHeight * s.outWidth
    return Benchmark(
      name: "pool/max/\(label)", threads: threads, flops: nil,
      bytes: Double(4 * inCount + 8 * outCount)
    ) {
      let x = Operand(count: inCount, seed: 1)
      let y = Operand(count: outCount, seed: 2)
      let argmax = UnsafeMutablePointer<Int32>.allocate(capacity: outCount)
      nonisolated(unsafe) let index = argmax
      return Benchmark.Prepared(
        body: { Float.maxPool2D(s, input: x.pointer, output: y.pointer, argmax: index) },
        finish: { [x, y] in
          x.free()
          y.free()
          index.deallocate()
        })
    }
  }

  static func batchNormForward(_ label: String, channels: Int, side: Int, threads: Int)
    -> Benchmark
  {
    let spatial = side * side
    let count = batch * channels * spatial
    return Benchmark(
      name: "batchnorm/forward/\(label)", threads: threads, flops: nil,
      bytes: Double(4 * 2 * count)
    ) {
      let x = Operand(count: count, seed: 1)
      let y = Operand(count: count, seed: 2)
      let params = Operand(count: 4 * channels, seed: 3)
      let p = params.pointer
      return Benchmark.Prepared(
        body: {
          Float.batchNormForward(
            batch: batch, channels: channels, spatial: spatial, epsilon: 1e-5,
            input: x.pointer, gamma: p, beta: p + channels, statistics: nil,
            output: y.pointer, savedMean: p + 2 * channels, savedInverseStd: p + 3 * channels)
        },
        finish: { [x, y, params] in
          x.free()
          y.free()
          params.free()
        })
    }
  }

  static func batchNormBackward(_ label: String, channels: Int, side: Int, threads: Int)
    -> Benchmark
  {
    let spatial = side * side
    let count = batch * channels * spatial
    return Benchmark(
      name: "batchnorm/backward/\(label)", threads: threads, flops: nil,
      bytes: Double(4 * 3 * count)
    ) {
      let x = Operand(count: count, seed: 1)
      let dy = Operand(count: count, seed: 2)
      let dx = Operand(count: count, seed: 3)
      let params = Operand(count: 5 * channels, seed: 4)
      let p = params.pointer
      for i in 0..<channels { p[3 * channels + i] = abs(p[3 * channels + i]) + 0.5 }
      return Benchmark.Prepared(
        body: {
          Float.batchNormBackward(
            batch: batch, channels: channels, spatial: spatial, usedBatchStatistics: true,
            input: x.pointer, outputGradient: dy.pointer, gamma: p, savedMean: p + channels,
            savedInverseStd: p + 3 * channels, inputGradient: dx.pointer,
            gammaGradient: p + 2 * channels, betaGradient: p + 4 * channels)
        },
        finish: { [x, dy, dx, params] in
          x.free()
          dy.free()
          dx.free()
          params.free()
        })
    }
  }
}

/// A benchmark operand: `count` floats in [-1, 1) from a fixed seed.
struct Operand: @unchecked Sendable {
  /// The buffer; owned by the benchmark, freed by ``free()``.
  let pointer: UnsafeMutablePointer<Float>

  /// Allocates and fills the buffer.
  init(count: Int, seed: UInt64) {
    pointer = .allocate(capacity: count)
    var state = seed &* 0x9E37_79B9_7F4A_7C15
    for i in 0..<count {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      pointer[i] = Float(Int32(truncatingIfNeeded: state >> 32)) * 0x1p-31
    }
  }

  /// Frees the buffer.
  func free() { pointer.deallocate() }
}
