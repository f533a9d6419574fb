/// Why the epsilon scorer could not score an architecture.
///
/// The reference returns NaN in all of these cases; nas-search returns the worst
/// score with this reason instead. Unscoreable cells are common and often good
/// architectures (on NB201 at weight 1e-7 in float32, every cell whose input→output paths
/// all pass a convolution underflows: 6,058 of the 15,625 (39%), with a higher median
/// accuracy than the scored ones; see the README's epsilon table), so callers
/// should count them: ``isUnscoreableOutput`` separates them from misuse.
public enum EpsilonFailure: Error, Hashable, Sendable, CustomStringConvertible {
  /// The cell has no path from input to output: the output is the same for every image.
  case noInputOutputPath
  /// Every output is exactly zero at this shared weight: in float32, activations
  /// shrink at each convolution + batch-norm stage until they underflow.
  case outputUnderflows(weight: Double, precision: Epsilon.Precision)
  /// The output is the same nonzero value for every image.
  case constantOutput(weight: Double)
  /// The output holds NaN or ±∞ at this shared weight.
  case outputNotFinite(weight: Double)
  /// After dropping each vector's minimum no position remained in both.
  case nothingLeftAfterDroppingMinima
  /// The input is not one the scorer understands (for example tokens without a
  /// recurrent builder).
  case unsupportedInput(String)
  /// The network could not be built.
  case buildFailed(String)

  /// Whether this is the reference's NaN on a well-formed input (the case to count
  /// and report), rather than misuse or a build error.
  public var isUnscoreableOutput: Bool {
    switch self {
    case .noInputOutputPath, .outputUnderflows, .constantOutput, .outputNotFinite,
      .nothingLeftAfterDroppingMinima:
      true
    case .unsupportedInput, .buildFailed:
      false
    }
  }

  /// A sentence for logs and result files.
  public var description: String {
    switch self {
    case .noInputOutputPath:
      "epsilon: no input→output path, the output does not depend on the input"
    case .outputUnderflows(let weight, let precision):
      "epsilon: output underflows in \(precision.rawValue) (all zero at shared weight \(weight))"
    case .constantOutput(let weight):
      "epsilon: the output is the same for every input at shared weight \(weight)"
    case .outputNotFinite(let weight):
      "epsilon: the output is not finite at shared weight \(weight)"
    case .nothingLeftAfterDroppingMinima:
      "epsilon: no output is above the minimum at both shared weights"
    case .unsupportedInput(let message):
      "epsilon: \(message)"
    case .buildFailed(let message):
      "epsilon: cannot build the network (\(message))"
    }
  }
}
