import Foundation

/// Runs a program as a child process and times it exactly: `posix_spawn`, then `wait4`,
/// which returns the moment the child exits together with its own resource usage.
///
/// Foundation's `Process.waitUntilExit()` polls a run loop in 50 ms slices, which adds
/// up to 50 ms to a child's measured wall time: a tenth of a second search would be
/// timed as half as fast as it is.
enum ChildProcessTiming {
  /// One finished child: its wall seconds, its CPU seconds (user + system), and what it
  /// wrote to standard output.
  struct Result {
    var wallSeconds: Double
    var cpuSeconds: Double
    var output: String
  }

  /// Runs `path` with `arguments` and this process's environment plus `environment`.
  ///
  /// Standard output is kept (through a temporary file), standard error discarded.
  /// Nil when the program cannot be started or exits with a non-zero status.
  static func run(
    _ path: String, _ arguments: [String], environment: [String: String] = [:]
  ) -> Result? {
    let capture = FileManager.default.temporaryDirectory
      .appendingPathComponent("nas-bench-stdout-\(getpid())-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: capture) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(
      &actions, STDOUT_FILENO, capture.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
    let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }

    var child: pid_t = 0
    let start = ContinuousClock.now
    guard posix_spawn(&child, path, &actions, nil, argv, envp) == 0 else { return nil }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(child, &status, 0, &usage) < 0 {
      guard errno == EINTR else { return nil }
    }
    let elapsed = ContinuousClock.now - start
    // Exited normally (no signal) with status 0.
    guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else { return nil }
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
    let output = (try? String(contentsOf: capture, encoding: .utf8)) ?? ""
    return Result(
      wallSeconds: Double(elapsed.components.seconds)
        + Double(elapsed.components.attoseconds) * 1e-18,
      cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime), output: output)
  }
}
