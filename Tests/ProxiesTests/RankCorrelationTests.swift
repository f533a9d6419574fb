import Testing

@testable import Proxies

struct RankCorrelationTests {
  // Reference values from SciPy 1.17 (`spearmanr`, `kendalltau` with tau-b).
  @Test func matchesSciPyWithoutTies() throws {
    let x: [Double] = [106, 86, 100, 101, 99, 103, 97, 113, 112, 110]
    let y: [Double] = [7, 0, 27, 50, 28, 29, 20, 12, 6, 17]
    #expect(abs(try #require(RankCorrelation.spearman(x, y)) - -0.17575757575757575) < 1e-12)
    #expect(abs(try #require(RankCorrelation.kendall(x, y)) - -0.1111111111111111) < 1e-12)
  }

  @Test func matchesSciPyWithTies() throws {
    let x: [Double] = [1, 2, 2, 3, 4, 4, 4, 5]
    let y: [Double] = [2, 1, 3, 3, 5, 4, 6, 6]
    #expect(abs(try #require(RankCorrelation.spearman(x, y)) - 0.9007775105401477) < 1e-12)
    #expect(abs(try #require(RankCorrelation.kendall(x, y)) - 0.8006407690254358) < 1e-12)
  }

  @Test func nonFinitePairsAreDroppedAndConstantsHaveNoCorrelation() {
    #expect(RankCorrelation.spearman([1, .nan, 3, 4], [2, 5, 6, 8]) == 1)
    #expect(RankCorrelation.spearman([1, 1, 1], [1, 2, 3]) == nil)
    #expect(RankCorrelation.kendall([1, 2, 3], [3, 2, 1]) == -1)
  }
}
