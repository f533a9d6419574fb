/// A 64-byte aligned, uninitialised scratch buffer owned by one thread for one call.
///
/// Packing panels, padded images, tiles: allocated once per call per thread, never in
/// an inner loop; the caller frees it with ``deallocate()``.
struct Scratch<S: KernelScalar> {
  /// The first element.
  let base: UnsafeMutablePointer<S>
  /// Capacity in elements.
  let count: Int

  /// Allocates room for `count` elements (at least one).
  init(count: Int) {
    self.count = max(1, count)
    base = UnsafeMutableRawPointer.allocate(
      byteCount: self.count * MemoryLayout<S>.stride, alignment: 64
    ).bindMemory(to: S.self, capacity: self.count)
  }

  /// Frees the buffer.
  func deallocate() {
    UnsafeMutableRawPointer(base).deallocate()
  }
}
