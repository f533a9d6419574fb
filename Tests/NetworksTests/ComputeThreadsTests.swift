import Dispatch
import Synchronization
import Testing

@testable import Networks

/// ``ComputeThreads/withCount(_:_:)`` binds the count for one piece of work only.
struct ComputeThreadsTests {
  @Test func withCountBindsTheCountInsideAndRestoresItAfter() {
    let before = ComputeThreads.count
    let inside = ComputeThreads.withCount(before + 2) { ComputeThreads.count }
    #expect(inside == before + 2)
    #expect(ComputeThreads.count == before)
    let nested = ComputeThreads.withCount(5) {
      ComputeThreads.withCount(1) { ComputeThreads.count }
    }
    #expect(nested == 1)
    #expect(ComputeThreads.withCount(0) { ComputeThreads.count } == 1)
  }

  @Test func threadsOutsideTasksSeeTheirOwnCount() {
    let seen = Mutex<[Int]>([])
    DispatchQueue.concurrentPerform(iterations: 4) { index in
      let count = ComputeThreads.withCount(index + 3) { ComputeThreads.count }
      seen.withLock { $0.append(count) }
    }
    #expect(seen.withLock { $0.sorted() } == [3, 4, 5, 6])
  }
}
