import Foundation
import SearchSpace

/// Images in the CIFAR-10/100 binary format: per record a label byte (CIFAR-100: a
/// coarse and a fine label byte), then 1024 red, 1024 green and 1024 blue bytes of a
/// 32×32 image.
///
/// Batches are normalised per channel with the standard statistics (as NB201's data
/// loaders do) and drawn without replacement by a seed.
public struct CIFARDataset: Sendable {
  /// Which CIFAR variant: decides the record layout, class count and normalisation.
  public enum Variant: String, Sendable, CaseIterable {
    /// CIFAR-10: 1 label byte, 10 classes.
    case cifar10
    /// CIFAR-100: coarse and fine label bytes (the fine label is used), 100 classes.
    case cifar100

    var labelBytes: Int { self == .cifar10 ? 1 : 2 }
    var classCount: Int { self == .cifar10 ? 10 : 100 }
    /// Per-channel means and standard deviations: CIFAR-10 as the NASWOT reference
    /// script (`tools/naswot_torch.py`); CIFAR-100 as XAutoDL (`[129.3, 124.1, 112.4] / 255`,
    /// `[68.2, 65.4, 70.4] / 255`).
    var mean: [Float] {
      self == .cifar10 ? [0.4914, 0.4822, 0.4465] : [129.3 / 255, 124.1 / 255, 112.4 / 255]
    }
    var std: [Float] {
      self == .cifar10 ? [0.2470, 0.2435, 0.2616] : [68.2 / 255, 65.4 / 255, 70.4 / 255]
    }
  }

  /// The variant.
  public let variant: Variant
  /// The raw records.
  private let records: [UInt8]
  /// Images in the file.
  public let count: Int
  /// The file, for messages.
  public let file: String

  private static let pixelBytes = 3 * 32 * 32

  /// Reads a CIFAR binary file; its size must be a whole number of records and every
  /// label must be a valid class.
  public init(contentsOf url: URL, variant: Variant = .cifar10) throws(DataError) {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw DataError(
        file: url.path, message: "cannot read (\(plainReason(of: error)))")
    }
    try self.init(bytes: [UInt8](data), variant: variant, file: url.path)
  }

  /// Parses CIFAR records from memory.
  public init(bytes: [UInt8], variant: Variant, file: String = "") throws(DataError) {
    let recordSize = variant.labelBytes + CIFARDataset.pixelBytes
    guard !bytes.isEmpty else {
      throw DataError(
        file: file, message: "empty file: expected \(variant.rawValue) binary records")
    }
    guard bytes.count % recordSize == 0 else {
      throw DataError(
        file: file,
        message: "size \(bytes.count) is not a multiple of the \(recordSize)-byte "
          + "\(variant.rawValue) record (truncated, or not a \(variant.rawValue) binary file)")
    }
    let count = bytes.count / recordSize
    for record in 0..<count {
      let label = Int(bytes[record * recordSize + variant.labelBytes - 1])
      guard label < variant.classCount else {
        throw DataError(
          file: file,
          message: "record \(record): label \(label) is not a class of \(variant.rawValue) "
            + "(expected 0...\(variant.classCount - 1))")
      }
    }
    self.variant = variant
    self.records = bytes
    self.count = count
    self.file = file
  }

  /// The label of image `index`.
  public func label(_ index: Int) -> Int {
    Int(records[index * (variant.labelBytes + CIFARDataset.pixelBytes) + variant.labelBytes - 1])
  }

  /// A normalised batch of `size` distinct images chosen by `seed`.
  public func batch(size: Int, seed: UInt64) throws(DataError) -> ImageBatch {
    guard size >= 1, size <= count else {
      throw DataError(file: file, message: "a batch of \(size) needs 1...\(count) images")
    }
    var rng = SplitMix64(seed: seed)
    var indices = Array(0..<count)
    for i in 0..<size { indices.swapAt(i, Int.random(in: i..<count, using: &rng)) }
    return batch(indices: Array(indices.prefix(size)))
  }

  /// The normalised images at `indices`, in that order.
  public func batch(indices: [Int]) -> ImageBatch {
    let recordSize = variant.labelBytes + CIFARDataset.pixelBytes
    var pixels = [Float](repeating: 0, count: indices.count * CIFARDataset.pixelBytes)
    var labels: [Int] = []
    let (mean, std) = (variant.mean, variant.std)
    for (position, index) in indices.enumerated() {
      let start = index * recordSize + variant.labelBytes
      labels.append(label(index))
      for channel in 0..<3 {
        for pixel in 0..<1024 {
          let value = Float(records[start + channel * 1024 + pixel]) / 255
          pixels[position * CIFARDataset.pixelBytes + channel * 1024 + pixel] =
            (value - mean[channel]) / std[channel]
        }
      }
    }
    return ImageBatch(
      pixels: pixels, labels: labels, count: indices.count, channels: 3, height: 32, width: 32,
      classCount: variant.classCount)
  }
}
