import Foundation

/// Writes all of `bytes` to `descriptor`, retrying short and interrupted writes; returns
/// the `errno` of a failure (`EIO` when the system wrote nothing without saying why), or
/// nil.
///
/// Shared by every file this package writes: the table cache here, and the journal and
/// the atomic result files of searches.
public func writeFully(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
  guard let base = bytes.baseAddress else { return nil }
  var written = 0
  while written < bytes.count {
    let count = Foundation.write(descriptor, base + written, bytes.count - written)
    if count > 0 {
      written += count
    } else if count < 0 && errno == EINTR {
      continue
    } else {
      return count < 0 ? errno : EIO
    }
  }
  return nil
}
