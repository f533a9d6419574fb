import Dispatch
import Synchronization

/// Runs each of `jobs` on a thread of its own, at once, and returns their results in
/// order; when some fail, the error of the first in order is thrown, so that a file's
/// problems are reported in the same order as one thread would meet them.
func simultaneously<Value: Sendable>(
  _ jobs: [@Sendable () -> Result<Value, TableError>]
) throws(TableError) -> [Value] {
  let results = Mutex([Result<Value, TableError>?](repeating: nil, count: jobs.count))
  DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
    let result = jobs[index]()
    results.withLock { $0[index] = result }
  }
  var values: [Value] = []
  for result in results.withLock({ $0 }) {
    // concurrentPerform returns once every job has stored its result.
    if let result { values.append(try result.get()) }
  }
  return values
}
