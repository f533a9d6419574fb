/// Why a NAS-Bench-NLP training-log file could not be loaded.
///
/// Names the file, where in it (line and column for JSON syntax; the run's index and
/// `recepie_id` and the field otherwise) and what was expected. Diverged runs are not
/// errors: their `NaN` losses are data, kept with their status (see ``NLPRun``).
public struct NLPBenchmarkError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file's name, such as `nb_nlp_wikitext2_logs.json`.
  public var file: String
  /// The 1-based line and column of a JSON syntax error.
  public var line: Int?
  /// The 1-based column (in bytes) of a JSON syntax error.
  public var column: Int?
  /// The 0-based index of the run in the file's top-level array.
  public var runIndex: Int?
  /// The run's `recepie_id`, when it could be read.
  public var recipeID: Int?
  /// The field at fault as the file spells it, such as `val_losses[3]` or
  /// `hyperparams.nhid`.
  public var field: String?
  /// What is wrong and what was expected.
  public var message: String

  /// Creates an error; every location is optional.
  public init(
    file: String, line: Int? = nil, column: Int? = nil, runIndex: Int? = nil,
    recipeID: Int? = nil, field: String? = nil, message: String
  ) {
    self.file = file
    self.line = line
    self.column = column
    self.runIndex = runIndex
    self.recipeID = recipeID
    self.field = field
    self.message = message
  }

  /// `file[:line:column]: [run i (recepie_id n): ]['field': ]message`.
  public var description: String {
    var text = file
    if let line, let column { text += ":\(line):\(column)" }
    text += ": "
    if let runIndex {
      text += "run \(runIndex)"
      if let recipeID { text += " (recepie_id \(recipeID))" }
      text += ": "
    }
    if let field { text += "'\(field)': " }
    return text + message
  }
}
