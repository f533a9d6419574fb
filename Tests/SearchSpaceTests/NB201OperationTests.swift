import SearchSpace
import Testing

struct NB201OperationTests {
  @Test func namesAreTheBenchmarksInItsOrder() {
    // NAS_BENCH_201 in xautodl/models/cell_operations.py, in this order.
    #expect(
      NB201Operation.allCases.map(\.name) == [
        "none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3",
      ])
    #expect(NB201Operation.allCases.map(\.rawValue) == [0, 1, 2, 3, 4])
  }

  @Test(arguments: NB201Operation.allCases)
  func nameRoundTrips(_ operation: NB201Operation) {
    #expect(NB201Operation(name: operation.name) == operation)
  }

  @Test(arguments: ["", "skip", "conv_3x3", "nor_conv_5x5", "None", " none", "avg_pool_3x3 "])
  func otherNamesAreRejected(_ name: String) {
    #expect(NB201Operation(name: name) == nil)
  }
}
