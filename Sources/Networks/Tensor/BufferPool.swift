import Synchronization

/// A process-wide cache of large tensor buffers, so that a forward pass reuses the
/// memory the previous pass released instead of asking the kernel for fresh pages.
///
/// Fresh pages from `mmap` fault in one 4 KiB page at a time, which costs about as much
/// as an element-wise pass over the buffer; NAS workloads build and run thousands of
/// networks with the same few activation sizes, so reuse pays. Buffers below
/// ``minimumPooledBytes`` go straight to `malloc`. The cache is bounded by
/// ``capacityBytes`` and is safe to use from any thread (a `Mutex` guards it).
public enum TensorBufferCache {
  /// Buffers smaller than this are never cached.
  public static let minimumPooledBytes = 1 << 16

  /// The most bytes the cache keeps for reuse; buffers released beyond it are freed.
  public static let capacityBytes = 1 << 30

  /// The alignment of every tensor buffer: one cache line, and one `SIMD16<Float>`.
  static let alignment = 64

  /// A cached buffer.
  ///
  /// Sendable because a cached buffer is owned by the cache alone:
  /// no tensor refers to it until ``allocate(byteCount:)`` hands it out again.
  private struct CachedBuffer: @unchecked Sendable {
    var pointer: UnsafeMutableRawPointer
  }

  private struct State: ~Copyable {
    var free: [Int: [CachedBuffer]] = [:]
    var cachedBytes = 0
  }

  private static let state = Mutex(State())

  /// Bytes currently held for reuse.
  public static var cachedBytes: Int { state.withLock { $0.cachedBytes } }

  /// Frees every cached buffer (for example after a search, or under memory pressure).
  public static func purge() {
    let buffers = state.withLock { state -> [CachedBuffer] in
      let all = state.free.values.flatMap { $0 }
      state.free = [:]
      state.cachedBytes = 0
      return all
    }
    for buffer in buffers { buffer.pointer.deallocate() }
  }

  /// Returns a buffer of exactly `byteCount` bytes, aligned to ``alignment``.
  static func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
    if byteCount >= minimumPooledBytes {
      let reused = state.withLock { state -> CachedBuffer? in
        guard let buffer = state.free[byteCount]?.popLast() else { return nil }
        state.cachedBytes -= byteCount
        return buffer
      }
      if let reused { return reused.pointer }
    }
    return UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: alignment)
  }

  /// Takes back a buffer from ``allocate(byteCount:)``: caches it or frees it.
  static func release(_ buffer: UnsafeMutableRawPointer, byteCount: Int) {
    if byteCount >= minimumPooledBytes {
      let cached = CachedBuffer(pointer: buffer)
      let kept = state.withLock { state -> Bool in
        guard state.cachedBytes + byteCount <= capacityBytes else { return false }
        state.free[byteCount, default: []].append(cached)
        state.cachedBytes += byteCount
        return true
      }
      if kept { return }
    }
    buffer.deallocate()
  }
}
