/// An error the command line reports on stderr as `Error: …`, with its exit code.
///
/// Exit codes follow swift-argument-parser: 1 for a failure while running, 2 for a
/// usage or configuration error (bad option, bad config, bad input text).
enum CLIError: Error, CustomStringConvertible {
  /// A bad command line; `command` names the command whose help explains it.
  case usage(String, command: String)
  /// The input (a file, a config, an architecture) is malformed.
  case badInput(String)
  /// Something failed while running.
  case failure(String)

  /// The process exit code for this error.
  var exitCode: Int32 {
    switch self {
    case .usage, .badInput: 2
    case .failure: 1
    }
  }

  /// The message, without the `Error:` prefix.
  var description: String {
    switch self {
    case .usage(let message, _), .badInput(let message), .failure(let message): message
    }
  }
}
