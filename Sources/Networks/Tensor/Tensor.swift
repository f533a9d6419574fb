/// A dense, row-major array of scalars with a shape: the value every operation of the
/// engine consumes and produces.
///
/// Images are NCHW (`[batch, channels, height, width]`), matrices `[rows, columns]`, a
/// scalar has shape `[]`. A tensor is a value: copies share memory until one of them is
/// mutated (copy-on-write), so handing a tensor to an observer or keeping it in a
/// parameter never lets anyone else change it.
///
/// ```swift
/// var x = Tensor<Float>(zeros: [2, 3])
/// x[1, 2] = 5
/// let y = x.reshaped([3, 2])   // shares memory with x
/// ```
public struct Tensor<Scalar: TensorScalar>: Sendable {
  /// The extent of each dimension, outermost first.
  public private(set) var shape: [Int]

  /// The memory; shared between copies until one of them writes.
  var storage: TensorStorage<Scalar>

  /// The tensor's node on a gradient tape, when a recording ``ForwardPass`` produced or
  /// tracks it; nil for constants.
  var node: TapeNode?

  /// Wraps existing storage; `shape` must describe exactly `storage.count` scalars.
  init(shape: [Int], storage: TensorStorage<Scalar>, node: TapeNode? = nil) {
    precondition(
      Self.elementCount(shape) == storage.count,
      "shape \(shape) does not describe \(storage.count) scalars")
    self.shape = shape
    self.storage = storage
    self.node = node
  }

  /// A tensor of `shape` whose contents are unspecified until written (for operations).
  init(uninitializedShape shape: [Int]) {
    self.init(shape: shape, storage: TensorStorage(uninitializedCount: Self.elementCount(shape)))
  }

  /// Creates a tensor of `shape` holding `scalars` in row-major order.
  ///
  /// - Precondition: `scalars.count` equals the product of `shape`.
  public init(shape: [Int], scalars: some Collection<Scalar>) {
    let count = Self.elementCount(shape)
    precondition(
      scalars.count == count, "\(scalars.count) scalars given for shape \(shape) (\(count))")
    self.init(uninitializedShape: shape)
    _ = UnsafeMutableBufferPointer(start: storage.base, count: count).initialize(from: scalars)
  }

  /// Creates a tensor of `shape` with every element equal to `value`.
  public init(repeating value: Scalar, shape: [Int]) {
    self.init(uninitializedShape: shape)
    Scalar.fill(storage.base, with: value, count: storage.count)
  }

  /// Creates a tensor of `shape` filled with zeros.
  public init(zeros shape: [Int]) {
    self.init(repeating: 0, shape: shape)
  }

  /// Converts every element of `other` to `Scalar`, for example a `Float` batch for a
  /// `Double` network.
  public init<Other: TensorScalar>(converting other: Tensor<Other>) {
    self.init(uninitializedShape: other.shape)
    let source = other.storage.base
    for index in 0..<storage.count { storage.base[index] = Scalar(source[index]) }
  }

  /// The number of dimensions.
  public var rank: Int { shape.count }

  /// The number of elements: the product of the shape.
  public var scalarCount: Int { storage.count }

  /// The elements in row-major order.
  public var scalars: [Scalar] {
    Array(UnsafeBufferPointer(start: storage.base, count: storage.count))
  }

  /// The element at a multi-dimensional index (one index per dimension).
  public subscript(_ indices: Int...) -> Scalar {
    get { storage.base[flatIndex(indices)] }
    set {
      let index = flatIndex(indices)
      makeUnique()
      storage.base[index] = newValue
    }
  }

  /// Calls `body` with the elements in row-major order.
  public func withUnsafeBufferPointer<Result>(
    _ body: (UnsafeBufferPointer<Scalar>) throws -> Result
  ) rethrows -> Result {
    try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
  }

  /// Calls `body` with the elements for writing, copying them first if another tensor
  /// shares this tensor's memory.
  public mutating func withUnsafeMutableBufferPointer<Result>(
    _ body: (UnsafeMutableBufferPointer<Scalar>) throws -> Result
  ) rethrows -> Result {
    makeUnique()
    return try body(UnsafeMutableBufferPointer(start: storage.base, count: storage.count))
  }

  /// The same elements viewed with another shape of equal element count; shares memory.
  ///
  /// The result is a constant for gradient purposes; inside a recording pass use
  /// ``ForwardPass/reshape(_:to:)``.
  public func reshaped(_ newShape: [Int]) -> Tensor {
    Tensor(shape: newShape, storage: storage)
  }

  /// Whether both tensors have the same shape and equal elements, where NaN counts as
  /// equal to NaN.
  public func isIdentical(to other: Tensor) -> Bool {
    guard shape == other.shape else { return false }
    if storage === other.storage { return true }
    for index in 0..<storage.count {
      let (a, b) = (storage.base[index], other.storage.base[index])
      if a != b && !(a.isNaN && b.isNaN) { return false }
    }
    return true
  }

  /// The product of `shape`: how many elements such a tensor has.
  static func elementCount(_ shape: [Int]) -> Int {
    var count = 1
    for extent in shape {
      precondition(extent >= 0, "negative extent in shape \(shape)")
      count *= extent
    }
    return count
  }

  private func flatIndex(_ indices: [Int]) -> Int {
    precondition(indices.count == shape.count, "\(indices.count) indices for shape \(shape)")
    var index = 0
    for (position, extent) in zip(indices, shape) {
      precondition(position >= 0 && position < extent, "index \(indices) outside shape \(shape)")
      index = index * extent + position
    }
    return index
  }

  /// Gives this tensor storage that no other tensor shares, copying if needed.
  mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
  }
}

extension Tensor: CustomStringConvertible {
  /// The shape and the first few elements, for debugging.
  public var description: String {
    let shown = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")
    return "Tensor\(shape)[\(shown)\(scalarCount > 8 ? ", ..." : "")]"
  }
}
