import Proxies

/// How a token batch for NB-NLP is read: the options `text_steps` (time steps),
/// `text_start` (a position in every `batchify` column, or `random` for one drawn from
/// the seed) and `text_split` (`train`, `valid` or `test`).
///
/// Like `batch_size` and `seed` they choose the batch, not the scorer: ``ProxySetup``
/// takes them out of the options before the scorer is made, and a space can give them
/// per scorer (``SpaceDefinition/proxyDefaults(for:)``): NB-NLP's epsilon defaults are
/// the authors' batch, 70 steps from position 0 of the training text
/// (``TextBatchLayout/epsilonNLP``). Without them a scorer reads 35 steps at a seeded
/// position of the file it is given (``TextBatchLayout/standard``).
///
/// `text_split` picks the file when `--data` names a corpus directory (`ptb:ptb`); when
/// it names a file whose name says its split (`ptb.valid.txt`), the two must agree, so a
/// batch never silently departs from a space's protocol. Without `text_split` a file is
/// read as given and a directory gives its training text.
public struct TextBatchOptions: Sendable, Equatable {
  /// The option names.
  public static let keys: Set<String> = ["text_steps", "text_start", "text_split"]
  /// Time steps accepted: the benchmark trains with 70; a step of a 3-layer model over a
  /// batch of 4,096 costs memory in proportion.
  public static let sequenceLengths = 1...10_000

  /// Steps and start.
  public var layout: TextBatchLayout
  /// The split to read, or nil for the file as given (a directory's training text).
  public var split: TextSplit?

  /// Options of a layout and split.
  public init(layout: TextBatchLayout = .standard, split: TextSplit? = nil) {
    self.layout = layout
    self.split = split
  }

  /// Reads the `text_*` entries of `options` (others are ignored).
  public init(_ options: ProxyOptions) throws(ProxyOptionError) {
    let steps = try options.integer(
      "text_steps", default: TextBatchLayout.standard.sequenceLength, in: Self.sequenceLengths)
    let start: TextBatchLayout.Start
    switch options.values["text_start"] {
    case nil, .string("random"): start = .seeded
    case .int(let position) where position >= 0: start = .position(position)
    default:
      throw ProxyOptionError(
        option: "text_start", message: "expected a position ≥ 0 or 'random'")
    }
    let splitName = try options.choice(
      "text_split", default: "", allowed: TextSplit.allCases.map(\.rawValue))
    layout = TextBatchLayout(sequenceLength: steps, start: start)
    split = TextSplit(rawValue: splitName)
  }

  /// The options that give these settings (what a space's defaults hold).
  public var options: ProxyOptions {
    var values: [String: ProxyOptions.Value] = ["text_steps": .int(layout.sequenceLength)]
    switch layout.start {
    case .seeded: values["text_start"] = .string("random")
    case .position(let position): values["text_start"] = .int(position)
    }
    if let split { values["text_split"] = .string(split.rawValue) }
    return ProxyOptions(values)
  }

  /// The authors' epsilon batch on NAS-Bench-NLP: ``TextBatchLayout/epsilonNLP`` of the
  /// training text.
  public static let epsilonNLP = TextBatchOptions(layout: .epsilonNLP, split: .train)
}

extension ProxyOptions {
  /// The entries named in `keys`, and the others.
  func partitioned(by keys: Set<String>) -> (matching: ProxyOptions, others: ProxyOptions) {
    (
      ProxyOptions(values.filter { keys.contains($0.key) }),
      ProxyOptions(values.filter { !keys.contains($0.key) })
    )
  }
}
