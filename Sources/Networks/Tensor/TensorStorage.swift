/// The memory behind one or more ``Tensor`` values: a fixed number of scalars in one
/// aligned buffer from ``TensorBufferCache``.
///
/// Invariant (why `@unchecked Sendable` is sound): the buffer is written only by the
/// operation that creates the storage, before any tensor referring to it is handed
/// out, or through ``Tensor``'s mutating accessors after a uniqueness check
/// (copy-on-write). Every shared storage is therefore read-only, and reads from
/// several threads are safe.
final class TensorStorage<Scalar: TensorScalar>: @unchecked Sendable {
  /// The first scalar.
  let base: UnsafeMutablePointer<Scalar>
  /// The number of scalars.
  let count: Int

  /// Allocates room for `count` scalars; the contents are unspecified until written.
  init(uninitializedCount count: Int) {
    precondition(count >= 0, "negative tensor size \(count)")
    self.count = count
    let raw = TensorBufferCache.allocate(byteCount: count * MemoryLayout<Scalar>.stride)
    base = raw.bindMemory(to: Scalar.self, capacity: count)
  }

  deinit {
    TensorBufferCache.release(
      UnsafeMutableRawPointer(base), byteCount: count * MemoryLayout<Scalar>.stride)
  }

  /// A new storage with the same contents.
  func copy() -> TensorStorage {
    let result = TensorStorage(uninitializedCount: count)
    ElementwiseKernels.copy(base, to: result.base, count: count)
    return result
  }
}
