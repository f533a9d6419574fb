import Foundation
import NASTestSupport
import Testing

@testable import Proxies

struct DataTests {
  @Test(.requiresData) func cifarTestFileHasTheDocumentedLabelsAndStatistics() throws {
    let dataset = try CIFARDataset(contentsOf: TestData.url("cifar10/cifar10_test_846.bin"))
    #expect(dataset.count == 846)
    // The data README: "The first ten test labels are 3,8,8,0,6,6,1,6,3,1".
    #expect((0..<10).map(dataset.label) == [3, 8, 8, 0, 6, 6, 1, 6, 3, 1])
    // Normalised with the dataset's own statistics, every channel has mean ≈ 0, std ≈ 1
    // (the README's means/stds are of the full dataset: allow the subset's deviation).
    let batch = dataset.batch(indices: Array(0..<dataset.count))
    for channel in 0..<3 {
      var values: [Double] = []
      for image in 0..<batch.count {
        let start = (image * 3 + channel) * 1024
        values += batch.pixels[start..<(start + 1024)].map(Double.init)
      }
      let mean = values.reduce(0, +) / Double(values.count)
      let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
      #expect(abs(mean) < 0.05)
      #expect(abs(variance.squareRoot() - 1) < 0.05)
    }
  }

  @Test(.requiresData) func seededBatchesAreReproducibleAndDistinct() throws {
    let dataset = try CIFARDataset(contentsOf: TestData.url("cifar10/cifar10_train_1864.bin"))
    let a = try dataset.batch(size: 128, seed: 1)
    let b = try dataset.batch(size: 128, seed: 1)
    let c = try dataset.batch(size: 128, seed: 2)
    #expect(a == b)
    #expect(a != c)
    #expect(a.shape == [128, 3, 32, 32])
  }

  @Test func truncatedOrMislabelledCIFARIsRejectedWithTheReason() {
    let record = [UInt8](repeating: 0, count: 3073)
    #expect(throws: DataError.self) { try CIFARDataset(bytes: record + [1, 2], variant: .cifar10) }
    #expect(throws: DataError.self) { try CIFARDataset(bytes: [], variant: .cifar10) }
    var bad = record
    bad[0] = 10
    do {
      _ = try CIFARDataset(bytes: bad, variant: .cifar10, file: "x.bin")
      Issue.record("accepted label 10 in CIFAR-10")
    } catch {
      #expect(error.description.contains("x.bin: record 0: label 10"))
    }
  }

  @Test func syntheticBatchIsStandardNormal() {
    let batch = SyntheticBatch.images(count: 64, seed: 3)
    let values = batch.pixels.map(Double.init)
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    // 196,608 samples: the standard error of the mean is 1/√n ≈ 0.0023.
    #expect(abs(mean) < 0.01)
    #expect(abs(variance - 1) < 0.02)
    #expect(batch == SyntheticBatch.images(count: 64, seed: 3))
  }

  @Test(.requiresData) func penTreebankTokenCountsMatchTheAWDLSTMReader() throws {
    // Words plus one <eos> per line, as counted by an independent Python one-liner:
    // valid 73,760 and test 82,430 tokens (the figures the AWD-LSTM papers report).
    let valid = try TextCorpus(contentsOf: TestData.url("ptb/ptb.valid.txt"))
    let test = try TextCorpus(contentsOf: TestData.url("ptb/ptb.test.txt"))
    #expect(valid.tokens.count == 73_760)
    #expect(test.tokens.count == 82_430)
    #expect(valid.id(of: "<eos>") != nil)
    let (inputs, targets) = try valid.batch(sequenceLength: 35, batchSize: 20, seed: 0)
    #expect(inputs.count == 700 && targets.count == 700)
  }
}
