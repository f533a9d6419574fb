import Foundation
import SearchSpace

/// Seeded Gaussian images with uniform random labels.
///
/// The built-in batch lets every scorer run on a fresh clone without data files. Rankings on it are not the papers'
/// (they need real images); it exists for smoke runs and timing.
public enum SyntheticBatch {
  /// `count` images of N(0, 1) pixels, `channels × height × width`, with labels in
  /// `0..<classCount`.
  public static func images(
    count: Int, channels: Int = 3, height: Int = 32, width: Int = 32, classCount: Int = 10,
    seed: UInt64
  ) -> ImageBatch {
    var rng = SplitMix64(seed: seed)
    let n = count * channels * height * width
    var pixels = [Float](repeating: 0, count: n)
    var i = 0
    while i < n {
      // Box–Muller: two independent standard normals per pair of uniforms.
      let u1 = max(rng.nextUnitDouble(), .leastNonzeroMagnitude)
      let u2 = rng.nextUnitDouble()
      let radius = (-2 * log(u1)).squareRoot()
      pixels[i] = Float(radius * cos(2 * .pi * u2))
      if i + 1 < n { pixels[i + 1] = Float(radius * sin(2 * .pi * u2)) }
      i += 2
    }
    let labels = (0..<count).map { _ in Int.random(in: 0..<classCount, using: &rng) }
    return ImageBatch(
      pixels: pixels, labels: labels, count: count, channels: channels, height: height,
      width: width, classCount: classCount)
  }
}
