import NASTestSupport
import Networks
import SearchSpace
import Testing

@testable import Proxies

/// The gradient scorers rank NASLib's reference cells like NASLib's own scores, on real
/// CIFAR-10 images.
struct GradientScorerReferenceTests {
  /// One scorer's check: its name in NASLib's file and the lowest acceptable Spearman ρ
  /// with NASLib's scores on the subset.
  struct Case: Sendable, CustomTestStringConvertible {
    var proxy: String
    var naslibColumn: String
    var minimumAgreement: Double
    var testDescription: String { proxy }
  }

  // Bounds from the measured subset values (batch 16, every sixth of the 217 cells),
  // less 0.05 for a margin; see the README's table for the full-set numbers at batch 64.
  static let cases: [Case] = [
    Case(proxy: "synflow", naslibColumn: "synflow", minimumAgreement: 0.9),
    Case(proxy: "snip", naslibColumn: "snip", minimumAgreement: 0.9),
    Case(proxy: "grad_norm", naslibColumn: "grad_norm", minimumAgreement: 0.9),
    Case(proxy: "fisher", naslibColumn: "fisher", minimumAgreement: 0.8),
    Case(proxy: "jacob_cov", naslibColumn: "jacov", minimumAgreement: 0.8),
    Case(proxy: "grasp", naslibColumn: "grasp", minimumAgreement: 0.5),
  ]

  @Test(.requiresData, arguments: cases)
  func ranksReferenceCellsLikeNASLib(_ check: Case) throws {
    // Every sixth of NASLib's 217 CIFAR-10 reference cells (37), one batch of 16 real
    // CIFAR-10 training images (NASLib: 64), one initialisation.
    let reference = try ProxyReference(dataset: "cifar10")
    let proxy = try ProxyRegistry.make(check.proxy)
    let (mine, subsetNASLib, subsetAccuracy) = try reference.everySixthCell(
      scoredBy: proxy, batchSize: 16, naslibColumn: check.naslibColumn)
    let agreement = try #require(RankCorrelation.spearman(mine, subsetNASLib))
    let withAccuracy = try #require(RankCorrelation.spearman(mine, subsetAccuracy))
    let naslibWithAccuracy = try #require(RankCorrelation.spearman(subsetNASLib, subsetAccuracy))
    #expect(agreement >= check.minimumAgreement, "ρ(\(check.proxy), NASLib) = \(agreement)")
    #expect(
      withAccuracy >= naslibWithAccuracy - 0.1,
      "ρ with accuracy: \(withAccuracy), NASLib's \(naslibWithAccuracy)")
  }
}
