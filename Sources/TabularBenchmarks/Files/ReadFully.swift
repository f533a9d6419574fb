import Foundation

/// Reads from `descriptor` into `bytes` until they are full or the file ends, retrying
/// short and interrupted reads; returns how many bytes were read and the `errno` of a
/// failure, or nil.
///
/// The reading half of ``writeFully(_:_:)``, shared by the table reader and the table
/// cache.
func readFully(_ descriptor: Int32, into bytes: UnsafeMutableRawBufferPointer) -> (
  count: Int, failure: Int32?
) {
  guard let base = bytes.baseAddress else { return (0, nil) }
  var count = 0
  while count < bytes.count {
    let received = read(descriptor, base + count, bytes.count - count)
    if received > 0 {
      count += received
    } else if received == 0 {
      break
    } else if errno != EINTR {
      return (count, errno)
    }
  }
  return (count, nil)
}
