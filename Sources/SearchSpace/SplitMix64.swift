/// A small, fast, seedable random number generator (Steele, Lea and Flood's SplitMix64).
///
/// Every stochastic API in nas-search takes `using rng: inout some RandomNumberGenerator`;
/// pass a `SplitMix64(seed:)` to make a run reproducible from its `--seed`.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable, Codable {
  /// The generator's whole state: saving it and restoring it resumes the stream.
  public var state: UInt64

  /// Creates a generator whose stream is determined by `seed`.
  public init(seed: UInt64) {
    state = seed
  }

  /// Returns the next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform `Double` in [0, 1) with 53 random bits.
  public mutating func nextUnitDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }
}
