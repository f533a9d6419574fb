import Foundation
import NASTestSupport
import Networks
import SearchSpace
import Testing

@testable import Proxies

struct AccuracyStabilityTests {
  @Test func negatedCoefficientOfVariationByHand() throws {
    // mean 0.2, population variance (0.01 + 0 + 0.01) / 3: CV = √(0.02/3) / 0.2.
    let value = try #require(AccuracyStability.negatedCoefficientOfVariation([0.1, 0.2, 0.3]))
    #expect(abs(value - -(0.02 / 3).squareRoot() / 0.2) < 1e-12)
    #expect(AccuracyStability.negatedCoefficientOfVariation([0.5, 0.5]) == 0)
    #expect(AccuracyStability.negatedCoefficientOfVariation([0, 0, 0]) == nil)
    #expect(AccuracyStability.negatedCoefficientOfVariation([0.1, .nan]) == nil)
  }

  @Test func top1TakesTheFirstMaximum() {
    let logits = Tensor<Float>(
      shape: [4, 3], scalars: [0, 2, 1, 5, 5, 0, -1, -1, -3, 0.5, 0.1, 0.7])
    // Predictions: 1, 0 (tie → first), 0 (tie → first), 2.
    #expect(AccuracyStability.top1Accuracy(logits, labels: [1, 1, 0, 2]) == 0.75)
    #expect(AccuracyStability.top1Accuracy(logits, labels: [2, 1, 1, 0]) == 0)
  }

  static func guesser(choices: Int) -> NetworkBuilder {
    NetworkBuilder(
      architecture: "guess", outputCount: 4,
      float: { rng in FixedGuess(classes: 4, choices: choices, using: &rng) },
      double: { _ throws(ProxyFailure) in throw ProxyFailure("float only") })
  }

  @Test func scoreIsTheNegatedCVOfThePerInitialisationAccuracies() throws {
    // Labels 0,0,0,1,1,2,3,3: a network guessing class k scores the share of label k.
    let labels = [0, 0, 0, 1, 1, 2, 3, 3]
    let shares = [3.0 / 8, 2.0 / 8, 1.0 / 8, 2.0 / 8]
    let batch = ForwardFixtures.vectors(labels.map { _ in [0] }, labels: labels, classes: 4)
    let scorer = AccuracyStability(initializations: 20)
    let accuracies = try scorer.accuracies(Self.guesser(choices: 4), on: batch, seed: 3)
    #expect(accuracies.count == 20)
    #expect(accuracies.allSatisfy { shares.contains($0) })
    #expect(Set(accuracies).count > 1)
    let score = scorer.score(Self.guesser(choices: 4), on: .images(batch), seed: 3)
    #expect(score.value == AccuracyStability.negatedCoefficientOfVariation(accuracies))
  }

  @Test func zeroAccuracyEverywhereIsAFailureNotNaN() {
    // Guesses are among classes 0...2, every label is 3.
    let batch = ForwardFixtures.vectors([[0], [0], [0]], labels: [3, 3, 3], classes: 4)
    let score = AccuracyStability(initializations: 5).score(
      Self.guesser(choices: 3), on: .images(batch), seed: 1)
    #expect(!score.isValid && score.failure?.contains("accuracy is 0") == true)
  }

  @Test func disconnectedCellIsTheWorstWithoutRunning() throws {
    let cell = try ForwardFixtures.cell(ForwardFixtures.disconnectedCell)
    let score = AccuracyStability().score(
      .nb201(cell), on: .images(SyntheticBatch.images(count: 4, seed: 1)), seed: 1)
    #expect(!score.isValid && score.failure?.contains("no input→output path") == true)
  }

  @Test func identicalSeedsAndThreadCountsGiveIdenticalScores() throws {
    let cell = try ForwardFixtures.cell(ForwardFixtures.skipCell)
    let input = ProxyInput.images(SyntheticBatch.images(count: 32, seed: 6))
    let scorer = AccuracyStability(initializations: 6)
    let one = ComputeThreads.withCount(1) {
      scorer.score(ForwardFixtures.smallNB201(cell), on: input, seed: 2)
    }
    let two = ComputeThreads.withCount(2) {
      scorer.score(ForwardFixtures.smallNB201(cell), on: input, seed: 2)
    }
    #expect(one.isValid && one == two)
  }
}
