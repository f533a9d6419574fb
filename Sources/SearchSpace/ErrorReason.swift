import Foundation

/// A file error as a plain phrase for messages: "no such file", "permission denied",
/// "no space left on the device", or the system's own text without Foundation's
/// "The operation could not be completed." preamble and error-domain codes.
public func plainReason(of error: any Error) -> String {
  let error = error as NSError
  if error.domain == NSCocoaErrorDomain {
    switch error.code {
    case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file"
    case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
    case NSFileWriteOutOfSpaceError: return "no space left on the device"
    case NSFileReadCorruptFileError: return "the file is damaged or not in the expected format"
    case NSFileReadInapplicableStringEncodingError: return "the file is not UTF-8 text"
    default: break
    }
  }
  if error.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(error.code)) {
    switch code {
    case .ENOENT: return "no such file"
    case .EACCES, .EPERM: return "permission denied"
    case .ENOSPC: return "no space left on the device"
    case .EPIPE: return "the reader closed the pipe"
    case .EISDIR: return "it is a directory"
    default: break
    }
  }
  let preamble = "The operation could not be completed. "
  let text = error.localizedDescription
  return text.hasPrefix(preamble) ? String(text.dropFirst(preamble.count)) : text
}
