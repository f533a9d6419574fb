import Foundation
import NASTestSupport
import Networks
import SearchSpace
import Testing

@testable import Proxies

/// A layer that uses one linear layer twice (weight tying): its parameters must count once.
final class TiedPair: Layer {
  typealias Scalar = Float
  let shared: Linear<Float>
  init(using rng: inout SplitMix64) {
    shared = Linear(name: "shared", inFeatures: 3, outFeatures: 3, using: &rng)
  }
  func forward(_ input: Tensor<Float>, in pass: ForwardPass<Float>) -> Tensor<Float> {
    shared.forward(shared.forward(input, in: pass), in: pass)
  }
  var sublayers: [any Layer<Float>] { [shared, shared] }
}

struct CountTests {
  static let none = ProxyInput.images(SyntheticBatch.images(count: 1, seed: 1))

  @Test func parameterCountOfSmallNetworksByHand() {
    let mlp = ForwardFixtures.builder("mlp", outputs: 2) { rng in
      (
        Sequential<Float>([
          Linear(name: "a", inFeatures: 4, outFeatures: 3, using: &rng),
          Linear(name: "b", inFeatures: 3, outFeatures: 2, hasBias: false, using: &rng),
        ]),
        Sequential<Double>([])
      )
    }
    // 4·3 + 3 + 3·2.
    #expect(ParameterCount().score(mlp, on: Self.none, seed: 1).value == 21)
    let tied = NetworkBuilder(
      architecture: "tied", outputCount: 3, float: { rng in TiedPair(using: &rng) },
      double: { _ throws(ProxyFailure) in throw ProxyFailure("float only") })
    // 3·3 + 3, once.
    #expect(ParameterCount().score(tied, on: Self.none, seed: 1).value == 12)
  }

  @Test func flopsOfANonBenchmarkNetworkAreItsMultiplyAccumulates() {
    let mlp = ForwardFixtures.builder("mlp", outputs: 2) { rng in
      (
        Sequential<Float>([Linear(name: "a", inFeatures: 4, outFeatures: 2, using: &rng)]),
        Sequential<Double>([])
      )
    }
    let input = ProxyInput.images(ForwardFixtures.vectors([[1, 2, 3, 4]]))
    // One image of 4 features through a 4→2 layer: 8 multiply-accumulates, in millions.
    #expect(FLOPCount().score(mlp, on: input, seed: 1).value == 8e-6)
  }

  @Test(arguments: [
    ForwardFixtures.disconnectedCell, ForwardFixtures.skipCell, ForwardFixtures.allConvolutionCell,
  ])
  func nb201CountsMatchTheClosedForms(text: String) throws {
    let cell = try ForwardFixtures.cell(text)
    let (n3, n1, pools) = (
      cell.count(of: .conv3x3), cell.count(of: .conv1x1), cell.count(of: .avgPool3x3)
    )
    let params = ParameterCount().score(.nb201(cell), on: Self.none, seed: 1)
    #expect(params.value == Double(73_306 + 243_040 * n3 + 28_000 * n1))
    let flops = FLOPCount().score(.nb201(cell), on: Self.none, seed: 1)
    let expected = 7.943872 + 35.81952 * Double(n3) + 4.36224 * Double(n1) + 1.29024 * Double(pools)
    #expect(abs(flops.value - expected) < 1e-9)
  }

  @Test func imageNet16ResolutionAndHeadAreUsed() throws {
    let cell = try ForwardFixtures.cell(ForwardFixtures.skipCell)
    let small = ProxyInput.images(SyntheticBatch.images(count: 1, height: 16, width: 16, seed: 1))
    let cost = try NB201NetworkCost(
      cell: cell, configuration: .imageNet16, height: 16, width: 16)
    let flops = FLOPCount().score(.nb201(cell, classes: 120), on: small, seed: 1)
    #expect(flops.value == Double(cost.flops) / 1e6)
    #expect(
      ParameterCount().score(.nb201(cell, classes: 120), on: small, seed: 1).value
        == Double(cost.parameters))
  }

  /// Every one of the 15,625 cells: flops equal the table's `flops_m_cifar10_derived`
  /// and a spread of 20 cells, built, has the parameters of `params_mb_cifar10_formula`.
  @Test(.requiresData) func countsEqualTheBenchmarkTables() throws {
    let table = try ReferenceRows.dataFile("nasbench201/nb201_200epoch.csv")
    let architecture = try #require(table.index(of: "arch_str"))
    let flopsColumn = try #require(table.index(of: "flops_m_cifar10_derived"))
    let paramsColumn = try #require(table.index(of: "params_mb_cifar10_formula"))
    let rows = table.rows
    #expect(rows.count == 15_625)
    var worstFlops = 0.0
    for row in rows {
      let cell = try NB201Cell(parsing: row[architecture])
      let flops = FLOPCount().score(.nb201(cell), on: Self.none, seed: 1).value
      worstFlops = max(worstFlops, abs(flops - (Double(row[flopsColumn]) ?? .nan)))
    }
    #expect(worstFlops < 1e-6)
    for row in ForwardFixtures.every(782, of: rows) {
      let cell = try NB201Cell(parsing: row[architecture])
      let params = ParameterCount().score(.nb201(cell), on: Self.none, seed: 1).value
      #expect(abs(params - (Double(row[paramsColumn]) ?? .nan) * 1e6) < 0.5)
    }
  }
}
