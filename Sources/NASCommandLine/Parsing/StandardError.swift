import Foundation

/// A `TextOutputStream` that writes to standard error, for messages and progress.
struct StandardError: TextOutputStream {
  mutating func write(_ string: String) {
    FileHandle.standardError.write(Data(string.utf8))
  }
}
