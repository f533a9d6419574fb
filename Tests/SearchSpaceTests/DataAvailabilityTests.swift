import NASTestSupport
import Testing

/// In CI the reference data must be present: data-backed tests may skip on a fresh
/// clone, never in CI.
struct DataAvailabilityTests {
  @Test(.enabled(if: TestData.isCI)) func dataIsPresentInCI() {
    #expect(TestData.isAvailable, "CI=true but no reference data: set NAS_DATA_DIR")
  }
}
