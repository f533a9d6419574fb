/// One evaluation of a model during training: the benchmark's `EvaluationData`
/// protobuf (`nasbench/lib/model_metrics.proto`).
///
/// Accuracies are fractions in [0, 1], times in seconds, as the benchmark stores them.
public struct NB101Evaluation: Hashable, Sendable, Codable {
  /// The epoch at which the evaluation was taken (field 1).
  public var currentEpoch: Double
  /// Training time in seconds up to this point, evaluation excluded (field 2).
  public var trainingTime: Double
  /// Accuracy on a fixed 10,000 training images (field 3).
  public var trainAccuracy: Double
  /// Accuracy on the 10,000 held-out validation images (field 4).
  public var validationAccuracy: Double
  /// Accuracy on the 10,000 test images (field 5).
  public var testAccuracy: Double

  /// Creates an evaluation record.
  public init(
    currentEpoch: Double, trainingTime: Double, trainAccuracy: Double,
    validationAccuracy: Double, testAccuracy: Double
  ) {
    self.currentEpoch = currentEpoch
    self.trainingTime = trainingTime
    self.trainAccuracy = trainAccuracy
    self.validationAccuracy = validationAccuracy
    self.testAccuracy = testAccuracy
  }
}

/// The metrics of one training run: the benchmark's `ModelMetrics` protobuf.
///
/// `evaluations` holds the evaluations at the start (index 0), half-way (1) and end
/// (2) of training, as the benchmark records them; its API reads index 1 as
/// "halfway" and index 2 as "final".
public struct NB101ModelMetrics: Hashable, Sendable, Codable {
  /// The evaluations during training (field 1, repeated).
  public var evaluations: [NB101Evaluation]
  /// Trainable parameters of the network (field 2, `int32`).
  public var trainableParameters: Int
  /// Total time for training and evaluation in seconds (field 3).
  public var totalTime: Double

  /// Creates a metrics record.
  public init(evaluations: [NB101Evaluation], trainableParameters: Int, totalTime: Double) {
    self.evaluations = evaluations
    self.trainableParameters = trainableParameters
    self.totalTime = totalTime
  }

  /// Decodes the serialised `ModelMetrics` message.
  ///
  /// Absent fields are 0, as in proto2; unknown fields are skipped.
  ///
  /// - Throws: ``NB101DataError`` naming the field and byte offset that are malformed.
  public init(protobuf bytes: [UInt8]) throws(NB101DataError) {
    try self.init(protobuf: bytes[...])
  }

  /// Decodes the serialised `ModelMetrics` message in `bytes` (without copying it).
  init(protobuf bytes: ArraySlice<UInt8>) throws(NB101DataError) {
    var reader = ProtobufReader(bytes)
    evaluations = []
    trainableParameters = 0
    totalTime = 0
    do {
      while let field = try reader.nextField() {
        switch (field.number, field.wireType) {
        case (1, .lengthDelimited):
          let message = try reader.readLengthDelimited()
          evaluations.append(try Self.evaluation(from: message, index: evaluations.count))
        case (2, .varint):
          // int32: negative values arrive sign-extended to 64 bits.
          trainableParameters = Int(Int32(truncatingIfNeeded: try reader.readVarint()))
        case (3, .fixed64):
          totalTime = Double(bitPattern: try reader.readFixed64())
        case (1...3, let wireType):
          throw NB101DataError(
            field: "ModelMetrics field \(field.number)",
            reason: "wire type \(wireType.rawValue) where model_metrics.proto expects "
              + ["", "a message (2)", "an int32 varint (0)", "a double (1)"][field.number])
        default:
          try reader.skip(field.wireType)
        }
      }
    } catch let error as ProtobufReader.DecodingError {
      throw NB101DataError(field: "ModelMetrics", reason: error.description)
    } catch let error as NB101DataError {
      throw error
    } catch {
      throw NB101DataError(field: "ModelMetrics", reason: "\(error)")
    }
  }

  /// The serialised `ModelMetrics` message, field by field in number order.
  public func protobufEncoded() -> [UInt8] {
    var writer = ProtobufWriter()
    for evaluation in evaluations {
      var inner = ProtobufWriter()
      inner.appendDouble(field: 1, evaluation.currentEpoch)
      inner.appendDouble(field: 2, evaluation.trainingTime)
      inner.appendDouble(field: 3, evaluation.trainAccuracy)
      inner.appendDouble(field: 4, evaluation.validationAccuracy)
      inner.appendDouble(field: 5, evaluation.testAccuracy)
      writer.appendLengthDelimited(field: 1, inner.bytes)
    }
    writer.appendVarint(field: 2, Int64(trainableParameters))
    writer.appendDouble(field: 3, totalTime)
    return writer.bytes
  }

  private static func evaluation(
    from bytes: ArraySlice<UInt8>, index: Int
  ) throws(NB101DataError) -> NB101Evaluation {
    var reader = ProtobufReader(bytes)
    var values: (Double, Double, Double, Double, Double) = (0, 0, 0, 0, 0)
    do {
      while let field = try reader.nextField() {
        switch (field.number, field.wireType) {
        case (1...5, .fixed64):
          let value = Double(bitPattern: try reader.readFixed64())
          switch field.number {
          case 1: values.0 = value
          case 2: values.1 = value
          case 3: values.2 = value
          case 4: values.3 = value
          default: values.4 = value
          }
        case (1...5, let wireType):
          throw NB101DataError(
            field: "evaluation_data[\(index)] field \(field.number)",
            reason: "wire type \(wireType.rawValue) where model_metrics.proto expects a double (1)")
        default:
          // Field 6, checkpoint_path, and anything unknown.
          try reader.skip(field.wireType)
        }
      }
    } catch let error as ProtobufReader.DecodingError {
      throw NB101DataError(field: "evaluation_data[\(index)]", reason: error.description)
    } catch let error as NB101DataError {
      throw error
    } catch {
      throw NB101DataError(field: "evaluation_data[\(index)]", reason: "\(error)")
    }
    return NB101Evaluation(
      currentEpoch: values.0, trainingTime: values.1, trainAccuracy: values.2,
      validationAccuracy: values.3, testAccuracy: values.4)
  }
}

/// Why one record of the benchmark's data could not be decoded: the field and what
/// was expected there.
public struct NB101DataError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The field, such as `field 2 (epochs)` or `evaluation_data[1]`.
  public var field: String
  /// What is wrong and what was expected.
  public var reason: String

  /// Creates an error about `field`.
  public init(field: String, reason: String) {
    self.field = field
    self.reason = reason
  }

  /// `field: reason`.
  public var description: String { "\(field): \(reason)" }
}
