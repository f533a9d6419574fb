import NASTestSupport
import Networks
import SearchSpace
import Testing

@testable import Proxies

struct NASWOTTests {
  @Test(.requiresData) func ranksReferenceCellsLikeNASLib() throws {
    // Every sixth of NASLib's 217 CIFAR-10 reference cells (37), real CIFAR-10 images.
    // Measured on this subset at batch 32: ρ(score, accuracy) 0.866 here and 0.866 for
    // NASLib's own nwot at batch 128; on all 217 at batch 128, ρ with NASLib's scores is 0.994.
    let reference = try ProxyReference(dataset: "cifar10")
    let (mine, subsetNASLib, subsetAccuracy) = try reference.everySixthCell(
      scoredBy: NASWOT(), batchSize: 32, naslibColumn: "nwot")
    let withNASLib = try #require(RankCorrelation.spearman(mine, subsetNASLib))
    let withAccuracy = try #require(RankCorrelation.spearman(mine, subsetAccuracy))
    let naslibWithAccuracy = try #require(RankCorrelation.spearman(subsetNASLib, subsetAccuracy))
    #expect(withNASLib > 0.9)
    #expect(withAccuracy > naslibWithAccuracy - 0.05)
  }

  @Test func scoresAreIdenticalForEqualSeedsAndThreadCounts() throws {
    let cell = try NB201Cell(
      parsing:
        "|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|none~2|")
    let batch = SyntheticBatch.images(count: 16, seed: 4)
    let one = ComputeThreads.withCount(1) {
      NASWOT().score(.nb201(cell), on: .images(batch), seed: 9)
    }
    let two = ComputeThreads.withCount(2) {
      NASWOT().score(.nb201(cell), on: .images(batch), seed: 9)
    }
    let again = NASWOT().score(.nb201(cell), on: .images(batch), seed: 9)
    #expect(one == two && two == again)
    #expect(NASWOT().score(.nb201(cell), on: .images(batch), seed: 10) != one)
  }

  @Test func cellsWithoutAPathStillGetADefinedScore() throws {
    // No input→output path: the cell outputs zeros, but the ReLUs inside the cells still
    // see the images, so K is defined; whatever the value, it is never NaN.
    let cell = try NB201Cell(parsing: "|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|")
    let score = NASWOT().score(
      .nb201(cell), on: .images(SyntheticBatch.images(count: 8, seed: 1)), seed: 1)
    #expect(!score.value.isNaN)
  }
}
