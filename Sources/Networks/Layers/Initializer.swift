import Foundation

/// How to set a parameter's initial value; every random draw comes from a caller's
/// seeded generator, so a seed reproduces a network exactly.
public enum Initializer: Hashable, Sendable {
  /// PyTorch's defaults by ``ParameterKind``: convolution and linear weights
  /// `kaiming_uniform_(a=√5)`, i.e. U(−1/√fanIn, 1/√fanIn); biases
  /// U(−1/√fanIn, 1/√fanIn); batch-norm scale 1 and shift 0; embeddings N(0, 1).
  case pytorchDefault
  /// Every element equal to the value (epsilon's shared constant weights).
  case constant(Double)
  /// Independent normal draws.
  case gaussian(mean: Double, standardDeviation: Double)
  /// Independent uniform draws from `[lowerBound, upperBound)`.
  case uniform(lowerBound: Double, upperBound: Double)
}

extension Parameter {
  /// Replaces the value with a fresh tensor drawn from `initializer` using `rng`.
  ///
  /// Draws are made in `Double` and rounded to `Scalar`, so `Float` and `Double`
  /// networks built from the same seed hold the same weights up to rounding.
  public func initialize(
    _ initializer: Initializer, using rng: inout some RandomNumberGenerator
  ) {
    var fresh = Tensor<Scalar>(uninitializedShape: value.shape)
    fresh.withUnsafeMutableBufferPointer { buffer in
      Self.fill(buffer, initializer.resolved(for: kind, fanIn: fanIn), using: &rng)
    }
    value = fresh
  }

  private static func fill(
    _ buffer: UnsafeMutableBufferPointer<Scalar>, _ initializer: Initializer,
    using rng: inout some RandomNumberGenerator
  ) {
    switch initializer {
    case .pytorchDefault:
      preconditionFailure("pytorchDefault is resolved to a concrete initializer first")
    case .constant(let value):
      buffer.update(repeating: Scalar(value))
    case .uniform(let lower, let upper):
      // Draws in Double, rounded to `Scalar` a block at a time by a kernel: this function
      // is not specialised across modules, and a generic conversion per element would
      // be slow (NB-NLP embeddings have 13 M).
      withUnsafeTemporaryAllocation(of: Double.self, capacity: 1024) { draws in
        guard let drawn = draws.baseAddress, let base = buffer.baseAddress else { return }
        var start = 0
        while start < buffer.count {
          let count = min(draws.count, buffer.count - start)
          for index in 0..<count { draws[index] = lower + (upper - lower) * unitInterval(&rng) }
          Scalar.convert(drawn, into: base + start, count: count)
          start += count
        }
      }
    case .gaussian(let mean, let deviation):
      var index = 0
      while index < buffer.count {
        // Box–Muller: two uniforms give two independent standard normals.
        let radius = (-2 * Foundation.log(1 - unitInterval(&rng))).squareRoot()
        let angle = 2 * Double.pi * unitInterval(&rng)
        buffer[index] = Scalar(mean + deviation * radius * Foundation.cos(angle))
        if index + 1 < buffer.count {
          buffer[index + 1] = Scalar(mean + deviation * radius * Foundation.sin(angle))
        }
        index += 2
      }
    }
  }

  /// A uniform draw from [0, 1) with 53 random bits.
  private static func unitInterval(_ rng: inout some RandomNumberGenerator) -> Double {
    Double(rng.next() >> 11) * 0x1.0p-53
  }
}

extension Initializer {
  /// The concrete initializer ``pytorchDefault`` stands for, for a parameter of `kind`
  /// with `fanIn`; other initializers are returned unchanged.
  public func resolved(for kind: ParameterKind, fanIn: Int) -> Initializer {
    guard self == .pytorchDefault else { return self }
    switch kind {
    case .convolutionWeight, .linearWeight, .bias:
      guard fanIn > 0 else { return .constant(0) }
      let bound = 1 / Double(fanIn).squareRoot()
      return .uniform(lowerBound: -bound, upperBound: bound)
    case .batchNormScale:
      return .constant(1)
    case .batchNormShift:
      return .constant(0)
    case .embedding:
      return .gaussian(mean: 0, standardDeviation: 1)
    }
  }
}
