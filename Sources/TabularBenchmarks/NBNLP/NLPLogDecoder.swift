import SearchSpace

/// Turns the JSON of a NAS-Bench-NLP log file into runs, with errors that say where.
struct NLPLogDecoder {
  let fileName: String

  func runs(from bytes: [UInt8]) throws(NLPBenchmarkError) -> [NLPRun] {
    let value: PlainJSON.Value
    do {
      value = try PlainJSON.parse(bytes: bytes)
    } catch {
      throw NLPBenchmarkError(
        file: fileName, line: error.line, column: error.column, message: error.message)
    }
    guard case .array(let elements) = value else {
      throw NLPBenchmarkError(
        file: fileName, message: "expected an array of runs, found \(value.kindDescription)")
    }
    let space = NLPSpace()
    var runs: [NLPRun] = []
    runs.reserveCapacity(elements.count)
    for (index, element) in elements.enumerated() {
      runs.append(try run(at: index, from: element, space: space))
    }
    return runs
  }

  private func run(
    at index: Int, from value: PlainJSON.Value, space: NLPSpace
  ) throws(NLPBenchmarkError) -> NLPRun {
    var fields = FieldReader(fileName: fileName, runIndex: index, object: value)
    guard case .object = value else {
      throw fields.error(nil, "expected a run object, found \(value.kindDescription)")
    }
    let recipeID = try fields.int("recepie_id")
    fields.recipeID = recipeID
    let experimentID = try fields.int("experiment_id")
    let statusText = try fields.string("status")
    let parameterCount = try fields.int("num_params")
    let cell: NLPCell
    do {
      cell = try NLPCell(recipeValue: try fields.required("recepie"))
      try space.check(cell)
    } catch {
      throw fields.error("recepie", "not a valid cell: \(error)")
    }
    let hyperparameters = try hyperparameters(of: fields)
    let trainLosses = try fields.numbers("train_losses")
    let validationLosses = try fields.numbers("val_losses")
    let testLosses = try fields.numbers("test_losses")
    let wallTimes = try fields.numbers("wall_times")
    guard !trainLosses.isEmpty else {
      throw fields.error("train_losses", "expected at least one epoch, found none")
    }
    for (name, series) in [
      ("val_losses", validationLosses), ("test_losses", testLosses), ("wall_times", wallTimes),
    ] where series.count != trainLosses.count {
      throw fields.error(
        name,
        "expected one entry per epoch like 'train_losses' (\(trainLosses.count)),"
          + " found \(series.count)")
    }
    if let bad = wallTimes.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
      throw fields.error(
        "wall_times[\(bad)]", "expected a finite number of seconds ≥ 0, found \(wallTimes[bad])")
    }
    return NLPRun(
      index: index, recipeID: recipeID, experimentID: experimentID, cell: cell,
      identityHash: space.identityHash(cell),
      status: statusText == "OK" ? .completed : .failed(statusText),
      parameterCount: parameterCount, hyperparameters: hyperparameters,
      trainLosses: trainLosses, validationLosses: validationLosses, testLosses: testLosses,
      epochWallTimes: wallTimes)
  }

  private func hyperparameters(
    of run: FieldReader
  ) throws(NLPBenchmarkError) -> NLPTrainingHyperparameters {
    let object = try run.required("hyperparams")
    var fields = FieldReader(
      fileName: fileName, runIndex: run.runIndex, object: object, prefix: "hyperparams.")
    fields.recipeID = run.recipeID
    guard case .object = object else {
      throw run.error("hyperparams", "expected an object, found \(object.kindDescription)")
    }
    return NLPTrainingHyperparameters(
      embeddingSize: try fields.int("emsize"),
      hiddenSize: try fields.int("nhid"),
      layerCount: try fields.int("nlayers"),
      outputDropout: try fields.number("dropout"),
      hiddenDropout: try fields.number("dropouth"),
      inputDropout: try fields.number("dropouti"),
      embeddingDropout: try fields.number("dropoute"),
      weightDropout: try fields.number("wdrop"),
      batchSize: try fields.int("batch_size"),
      bptt: try fields.int("bptt"),
      learningRate: try fields.optional("lr", fields.number),
      weightDecay: try fields.optional("wdecay", fields.number),
      epochs: try fields.optional("epochs", fields.int),
      tiedWeights: try fields.optional("tied", fields.bool),
      gradientClip: try fields.optional("clip", fields.number),
      activationRegularization: try fields.optional("alpha", fields.number),
      temporalActivationRegularization: try fields.optional("beta", fields.number),
      evaluationBatchSize: try fields.optional("eval_batch_size", fields.int),
      dataset: try fields.optional("data", fields.string),
      model: try fields.optional("model", fields.string))
  }
}

/// Typed access to one JSON object's fields, with errors naming the run and field.
struct FieldReader {
  let fileName: String
  let runIndex: Int
  let object: PlainJSON.Value
  var prefix = ""
  var recipeID: Int?

  func error(_ field: String?, _ message: String) -> NLPBenchmarkError {
    NLPBenchmarkError(
      file: fileName, runIndex: runIndex, recipeID: recipeID, field: field.map { prefix + $0 },
      message: message)
  }

  func required(_ key: String) throws(NLPBenchmarkError) -> PlainJSON.Value {
    guard let value = object[key] else { throw error(key, "missing field") }
    return value
  }

  func optional<T>(
    _ key: String, _ read: (String) throws(NLPBenchmarkError) -> T
  ) throws(NLPBenchmarkError) -> T? {
    object[key] == nil ? nil : try read(key)
  }

  func int(_ key: String) throws(NLPBenchmarkError) -> Int {
    let value = try required(key)
    guard let int = value.intValue else {
      throw error(key, "expected an integer, found \(describe(value))")
    }
    return int
  }

  func number(_ key: String) throws(NLPBenchmarkError) -> Double {
    let value = try required(key)
    guard let number = value.doubleValue else {
      throw error(key, "expected a number, found \(describe(value))")
    }
    return number
  }

  func string(_ key: String) throws(NLPBenchmarkError) -> String {
    let value = try required(key)
    guard case .string(let string) = value else {
      throw error(key, "expected a string, found \(describe(value))")
    }
    return string
  }

  func bool(_ key: String) throws(NLPBenchmarkError) -> Bool {
    let value = try required(key)
    guard case .bool(let bool) = value else {
      throw error(key, "expected true or false, found \(describe(value))")
    }
    return bool
  }

  /// An array of numbers; `NaN` entries (diverged epochs) are kept.
  func numbers(_ key: String) throws(NLPBenchmarkError) -> [Double] {
    let value = try required(key)
    guard case .array(let elements) = value else {
      throw error(key, "expected an array of numbers, found \(describe(value))")
    }
    var numbers: [Double] = []
    numbers.reserveCapacity(elements.count)
    for (index, element) in elements.enumerated() {
      guard let number = element.doubleValue else {
        throw error("\(key)[\(index)]", "expected a number, found \(describe(element))")
      }
      numbers.append(number)
    }
    return numbers
  }

  private func describe(_ value: PlainJSON.Value) -> String {
    if case .number(let text) = value { return "the number \(text)" }
    return value.kindDescription
  }
}
