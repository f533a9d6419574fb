import Testing

@testable import NASCommandLine

/// The `score` progress line counts only the rows this process scored in its rate.
struct ScoreProgressTests {
  @Test func aResumedTableRatesOnlyTheNewRows() {
    // 188 rows were in the file; 2 more took 10 s: 0.2 rows/s, 110 rows left = 550 s.
    #expect(
      ScoreProgress.line(done: 190, resumed: 188, total: 300, elapsed: 10)
        == "[score] 190/300  0.20 arch/s  elapsed 10s  ETA 9m10s")
  }

  @Test func aFreshTableRatesEveryRow() {
    // 150 rows in 30 s: 5 rows/s, 15,475 left = 3,095 s = 51 min 35 s.
    #expect(
      ScoreProgress.line(done: 150, resumed: 0, total: 15_625, elapsed: 30)
        == "[score] 150/15625  5.00 arch/s  elapsed 30s  ETA 51m35s")
  }

  @Test func nothingScoredYetHasNoRateAndNoETA() {
    #expect(
      ScoreProgress.line(done: 188, resumed: 188, total: 300, elapsed: 0)
        == "[score] 188/300  0.00 arch/s  elapsed 0s  ETA ?")
    // A table that was complete before: nothing left.
    #expect(
      ScoreProgress.line(done: 300, resumed: 300, total: 300, elapsed: 0.5)
        == "[score] 300/300  0.00 arch/s  elapsed 0s  ETA 0s")
  }

  @Test func longTimesAreHoursAndMinutes() {
    #expect(ScoreProgress.format(59) == "59s")
    #expect(ScoreProgress.format(60) == "1m00s")
    #expect(ScoreProgress.format(3599) == "59m59s")
    #expect(ScoreProgress.format(3600 + 61 * 60) == "2h01m")
  }
}
