import Foundation
import NASTestSupport
import SearchSpace
import TabularBenchmarks
import Testing

/// Files in the official format, built by the tests from the reference CSVs' real
/// numbers with ``TFRecordWriter`` and the protobuf encoder.
struct NB101BenchmarkTests {
  private var rngForOrders = SplitMix64(seed: 17)
  private let directory: TemporaryDirectory

  init() throws {
    directory = try TemporaryDirectory()
  }

  // MARK: Records: JSON and protobuf

  private func metrics(parameters: Int, validation: Double, test: Double, time: Double)
    -> NB101ModelMetrics
  {
    NB101ModelMetrics(
      evaluations: [
        NB101Evaluation(
          currentEpoch: 0, trainingTime: 0, trainAccuracy: 0.1, validationAccuracy: 0.1,
          testAccuracy: 0.1),
        NB101Evaluation(
          currentEpoch: 54, trainingTime: time / 2, trainAccuracy: 0.8,
          validationAccuracy: validation - 0.05, testAccuracy: test - 0.05),
        NB101Evaluation(
          currentEpoch: 108, trainingTime: time, trainAccuracy: 1.0,
          validationAccuracy: validation, testAccuracy: test),
      ],
      trainableParameters: parameters, totalTime: time * 1.1)
  }

  @Test func modelMetricsSurviveTheProtobufRoundTrip() throws {
    let original = metrics(parameters: 2_694_282, validation: 0.9376, test: 0.9311, time: 1155.853)
    let encoded = original.protobufEncoded()
    #expect(try NB101ModelMetrics(protobuf: encoded) == original)
    // Field 1 is a nested message: tag (1 << 3) | 2.
    #expect(encoded.first == 0x0A)
    // Negative int32 is sign-extended to a 10-byte varint and read back.
    var negative = original
    negative.trainableParameters = -5
    #expect(try NB101ModelMetrics(protobuf: negative.protobufEncoded()) == negative)
  }

  @Test func modelMetricsSkipUnknownFieldsAndRejectMalformedOnes() throws {
    let original = metrics(parameters: 7, validation: 0.5, test: 0.5, time: 3)
    // Unknown field 9 (varint 150) appended: skipped.
    #expect(
      try NB101ModelMetrics(protobuf: original.protobufEncoded() + [0x48, 0x96, 0x01]) == original)
    let malformed: [[UInt8]] = [
      [0x10],  // field 2 tag without its varint
      [0x19, 0x00, 0x00],  // field 3 double cut short
      [0x0A, 0x05, 0x09],  // field 1 declares 5 bytes, 1 present
      [0x15, 0, 0, 0, 0],  // field 2 with wire type 5: int32 expected as varint
      [0x0B],  // start group
      [0x0F],  // wire type 7
    ]
    for bytes in malformed {
      #expect(throws: NB101DataError.self) { try NB101ModelMetrics(protobuf: bytes) }
    }
  }

  @Test func recordsSurviveTheJSONRoundTrip() throws {
    let cell = try NB101Cell(parsing: "0110001000010000:input|conv3x3-bn-relu|maxpool3x3|output")
    let record = NB101Record(
      moduleHash: try cell.moduleHash(), epochs: 108, cell: cell,
      metrics: metrics(parameters: 1000, validation: 0.9, test: 0.89, time: 100))
    let json = record.jsonEncoded()
    let text = String(decoding: json, as: UTF8.self)
    #expect(text.hasPrefix("[\"\(try cell.moduleHash().hexString)\", 108, \"0110001000010000\", "))
    #expect(text.contains("\"input,conv3x3-bn-relu,maxpool3x3,output\""))
    #expect(try NB101Record(json: json) == record)
    // Python's json.dumps may also escape '/' in base64; whitespace is free.
    let escaped = text.replacingOccurrences(of: "/", with: "\\/").replacingOccurrences(
      of: ", ", with: " ,\n ")
    #expect(try NB101Record(json: Array(escaped.utf8)) == record)
    let floatEpochs = text.replacingOccurrences(of: ", 108, ", with: ", 108.0, ")
    #expect(try NB101Record(json: Array(floatEpochs.utf8)) == record)
  }

  @Test func metricsOfEveryLengthSurviveBase64() throws {
    // Message lengths cover all three base64 paddings (length mod 3 = 0, 1, 2).
    let cell = try NB101Cell(parsing: "010001000:input|maxpool3x3|output")
    var lengths: Set<Int> = []
    for evaluationCount in 0..<4 {
      for parameters in [0, 1, 300, 70_000, 2_694_282] {
        var runMetrics = metrics(parameters: parameters, validation: 0.7, test: 0.6, time: 5)
        runMetrics.evaluations = Array(runMetrics.evaluations.prefix(evaluationCount))
        lengths.insert(runMetrics.protobufEncoded().count % 3)
        let record = NB101Record(
          moduleHash: try cell.moduleHash(), epochs: 4, cell: cell, metrics: runMetrics)
        #expect(try NB101Record(json: record.jsonEncoded()) == record)
      }
    }
    #expect(lengths == [0, 1, 2])
  }

  @Test(arguments: [
    ("{}", "field 1 (module_hash)"),
    ("[\"abc\", 108, \"0100\", \"input,output\", \"\"]", "'abc' is not 32 hexadecimal digits"),
    ("[\"00005c142e6f48ac74fdcf73e3439874\", \"108\"]", "field 2 (epochs)"),
    ("[\"00005c142e6f48ac74fdcf73e3439874\", 10.5, \"0100\"]", "field 2 (epochs)"),
    (
      "[\"00005c142e6f48ac74fdcf73e3439874\", 108, \"010\", \"input,output\", \"\"]", "3 characters"
    ),
    (
      "[\"00005c142e6f48ac74fdcf73e3439874\", 108, \"0100\", \"input|output\", \"\"]",
      "1 operations"
    ),
    ("[\"00005c142e6f48ac74fdcf73e3439874\", 108, \"0100\", \"input,output\", \"%%%\"]", "base64"),
    ("[\"00005c142e6f48ac74fdcf73e3439874\", 108, \"0100\", \"input,output\", \"EA=A\"]", "base64"),
    ("[\"00005c142e6f48ac74fdcf73e3439874\", 108, \"0100\", \"input,output\", \"E===\"]", "base64"),
    (
      "[\"00005c142e6f48ac74fdcf73e3439874\", 108, \"0100\", \"input,output\", \"\"] x",
      "after field 5"
    ),
    (
      "[\"00005c142e6f48ac74fdcf73e3439874\", 108, \"0100\", \"input,output\", \"EA==\"]",
      "raw_metrics"
    ),
    ("[\"00005c142e6f48ac74fdcf73e3439874\", 108, \"0100", "field 3"),
  ])
  func malformedRecordsNameTheField(json: String, fragment: String) {
    do {
      _ = try NB101Record(json: Array(json.utf8))
      Issue.record("decoded \(json)")
    } catch {
      #expect(error.description.contains(fragment), "\(error)")
    }
  }

  // MARK: A table in the official format

  /// One row of the 143-cell file: the cell and its CIFAR-10 test accuracy per budget.
  private struct MultiEpochRow {
    var cell: NB101Cell
    var accuracy: [Int: Double]
  }

  private func multiEpochRows() throws -> [MultiEpochRow] {
    let table = try NB101SubsetTable(
      contentsOf: TestData.url("nasbench101/nb101_143_multi_epoch.csv"))
    let columns = try [12, 36, 108].map { ($0, try table.column("cifar_acc_\($0)")) }
    return table.cells.enumerated().map { row, cell in
      MultiEpochRow(
        cell: cell, accuracy: Dictionary(uniqueKeysWithValues: columns.map { ($0, $1[row]) }))
    }
  }

  /// Records in the official format: one per (row, budget), the stored cell pruned
  /// and keyed by its module hash, the row's accuracy as the final test accuracy.
  private func officialRecords(_ rows: [MultiEpochRow]) throws -> [NB101Record] {
    var records: [NB101Record] = []
    for (index, row) in rows.enumerated() {
      let pruned = try row.cell.pruned()
      for epochs in [12, 36, 108] {
        let accuracy = row.accuracy[epochs] ?? 0
        records.append(
          NB101Record(
            moduleHash: try pruned.moduleHash(), epochs: epochs, cell: pruned,
            metrics: metrics(
              parameters: 100_000 + pruned.edgeCount, validation: accuracy + 0.01,
              test: accuracy, time: Double(epochs * (10 + index)))))
      }
    }
    return records
  }

  /// The records framed as a TFRecord file.
  private func officialFormatFile(_ rows: [MultiEpochRow]) throws -> [UInt8] {
    var writer = TFRecordWriter()
    for record in try officialRecords(rows) {
      writer.append(record.jsonEncoded())
    }
    return writer.bytes
  }

  @Test(.requiresData) func queriesAverageTheRepeatsStoredUnderTheCellsHash() throws {
    let rows = try multiEpochRows()
    let url = try directory.write(officialFormatFile(rows), to: "nasbench_test.tfrecord")
    let table = try NB101Benchmark(contentsOf: url, verifyHashes: true)
    #expect(table.name.hasSuffix("nasbench_test.tfrecord"))
    #expect(table.epochBudgets == [12, 36, 108])

    // Rows whose cells prune to isomorphic graphs are repeats of one table entry.
    var rowsOfHash: [MD5Digest: [MultiEpochRow]] = [:]
    for row in rows { rowsOfHash[try row.cell.moduleHash(), default: []].append(row) }
    #expect(table.count == rowsOfHash.count)
    for (hash, group) in rowsOfHash {
      for epochs in [12, 36, 108] {
        let expected = group.reduce(0) { $0 + ($1.accuracy[epochs] ?? 0) } / Double(group.count)
        // Query with the unpruned cell, as a user would.
        let metrics = try table.query(group[0].cell, epochs: epochs)
        #expect(metrics.moduleHash == hash)
        #expect(metrics.repeats == group.count)
        #expect(abs(metrics.testAccuracy - expected) < 1e-12)
        #expect(abs(metrics.validationAccuracy - expected - 0.01) < 1e-12)
        #expect(table.runs(for: hash, epochs: epochs).count == group.count)
      }
      #expect(
        try table.trainableParameters(for: hash) == 100_000 + group[0].cell.pruned().edgeCount)
      #expect(try table.cell(for: hash) == group[0].cell.pruned())
    }
  }

  /// `cell` with interior vertex v moved to `order[v - 1]`.
  private func relabelled(_ cell: NB101Cell, interiorOrder order: [Int]) throws -> NB101Cell {
    let last = cell.vertexCount - 1
    let target = [0] + order + [last]
    var operations = cell.operations
    for vertex in 0...last { operations[target[vertex]] = cell.operation(at: vertex) }
    var edges: [(from: Int, to: Int)] = []
    for from in 0...last {
      for to in 0...last where cell.hasEdge(from: from, to: to) {
        edges.append((target[from], target[to]))
      }
    }
    return try NB101Cell(operations: operations, edges: edges)
  }

  @Test(.requiresData) mutating func isomorphicRelabellingsQueryTheSameEntry() throws {
    let rows = try multiEpochRows()
    let table = try NB101Benchmark(records: officialRecords(rows), name: "subset")
    var checked = 0
    for row in rows {
      let pruned = try row.cell.pruned()
      let reference = try table.query(row.cell, epochs: 36)
      // Every other topological numbering of the interior vertices is the same network.
      let interior = Array(1..<(pruned.vertexCount - 1))
      let orders =
        [interior.reversed()] + (0..<6).map { _ in interior.shuffled(using: &rngForOrders) }
      for order in orders {
        let other = try relabelled(pruned, interiorOrder: Array(order))
        guard other.isUpperTriangular, other != pruned else { continue }
        #expect(try table.query(other, epochs: 36) == reference)
        checked += 1
      }
    }
    #expect(checked > 20)
  }

  @Test func queriesExplainWhyTheyFail() throws {
    let inTable = try NB101Cell(parsing: "010001000:input|conv1x1-bn-relu|output")
    let record = NB101Record(
      moduleHash: try inTable.moduleHash(), epochs: 108, cell: inTable,
      metrics: metrics(parameters: 5, validation: 0.5, test: 0.4, time: 10))
    let table = try NB101Benchmark(records: [record])
    #expect(try table.query(inTable).testAccuracy == 0.4)

    let disconnected = try NB101Cell(parsing: "0000:input|output")
    let other = try NB101Cell(parsing: "010001000:input|maxpool3x3|output")
    let failures: [(NB101Cell, Int, String)] = [
      (disconnected, 108, "does not reach the output"),
      (inTable, 36, "no runs for 36 epochs in this table; available: 108"),
      (other, 108, "is valid but not in this table"),
    ]
    for (cell, epochs, fragment) in failures {
      do {
        _ = try table.query(cell, epochs: epochs)
        Issue.record("answered \(cell)")
      } catch {
        #expect(error.description.contains(fragment), "\(error)")
      }
    }
  }

  @Test func loadingRejectsBrokenFilesNamingTheRecord() throws {
    let cell = try NB101Cell(parsing: "010001000:input|conv1x1-bn-relu|output")
    let good = NB101Record(
      moduleHash: try cell.moduleHash(), epochs: 108, cell: cell,
      metrics: metrics(parameters: 5, validation: 0.5, test: 0.4, time: 10))
    var wrongHash = good
    wrongHash.moduleHash = MD5Digest(high: 1, low: 2)
    var otherCellSameHash = good
    otherCellSameHash.cell = try NB101Cell(parsing: "010001000:input|maxpool3x3|output")
    var tooFewEvaluations = good
    tooFewEvaluations.metrics.evaluations.removeLast()

    func load(_ records: [[UInt8]], corrupt: ((inout [UInt8]) -> Void)? = nil)
      -> NB101BenchmarkError?
    {
      var writer = TFRecordWriter()
      for record in records { writer.append(record) }
      var bytes = writer.bytes
      corrupt?(&bytes)
      let url = directory.file("broken.tfrecord")
      do {
        try Data(bytes).write(to: url)
        _ = try NB101Benchmark(contentsOf: url, verifyHashes: true)
        return nil
      } catch let error as NB101BenchmarkError {
        return error
      } catch {
        Issue.record("\(error)")
        return nil
      }
    }

    let recordSize = good.jsonEncoded().count + 16
    let cases: [(NB101BenchmarkError?, String)] = [
      (
        load([good.jsonEncoded(), Array("[1, 2]".utf8)]), "record 1 at byte \(recordSize): field 1"
      ),
      (load([good.jsonEncoded(), wrongHash.jsonEncoded()]), "record 1: stored module hash"),
      (load([tooFewEvaluations.jsonEncoded()]), "record 0 at byte 0: field 5"),
      (
        load([good.jsonEncoded(), otherCellSameHash.jsonEncoded()]), "record 1: stored module hash"
      ),
      (
        load([good.jsonEncoded(), good.jsonEncoded()]) { $0[$0.count - 2] ^= 1 },
        "record 1 at byte \(recordSize): data checksum mismatch"
      ),
      (load([good.jsonEncoded(), good.jsonEncoded()]) { $0.removeLast(3) }, "truncated file"),
    ]
    for (error, fragment) in cases {
      let message = error.map(\.description) ?? "loaded"
      #expect(message.contains(fragment), "\(message)")
      #expect(message.hasPrefix("broken.tfrecord") || message.contains("broken.tfrecord"))
    }
  }
}
