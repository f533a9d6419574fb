/// The proxy section of a config: which scorer, where precomputed scores live, the
/// batch size and seed, and the scorer's own options (precision, constants, ...), which
/// the scorer validates.
public struct ProxyConfig: Sendable, Equatable, Codable {
  /// The scorer's registered name, such as `naswot`.
  public var name: String
  /// A score table (`nas-search score --all --output FILE`) to look scores up in
  /// instead of building networks.
  public var scoreTable: String?
  /// Simulated seconds to charge per proxy evaluation; default: the table's `seconds`
  /// column, or the measured scoring time.
  public var costSeconds: Double?
  /// The batch size (default: the scorer's paper's).
  public var batchSize: Int?
  /// The seed of the batch and of every network's initialisation (default 0).
  public var seed: UInt64?
  /// Every other key: the scorer's options.
  public var options: [String: ConfigValue]

  enum CodingKeys: String, CodingKey, CaseIterable {
    case name
    case scoreTable = "score_table"
    case costSeconds = "cost_seconds"
    case batchSize = "batch_size"
    case seed
  }

  /// Creates a proxy config in code.
  public init(
    name: String, scoreTable: String? = nil, costSeconds: Double? = nil, batchSize: Int? = nil,
    seed: UInt64? = nil, options: [String: ConfigValue] = [:]
  ) {
    self.name = name
    self.batchSize = batchSize
    self.seed = seed
    self.scoreTable = scoreTable
    self.costSeconds = costSeconds
    self.options = options
  }

  /// Decodes the section; keys other than name, score_table, cost_seconds, batch_size
  /// and seed are the scorer's options.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    scoreTable = try c.decodeIfPresent(String.self, forKey: .scoreTable)
    costSeconds = try c.decodeIfPresent(Double.self, forKey: .costSeconds)
    batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize)
    seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
    let all = try decoder.container(keyedBy: AnyCodingKey.self)
    var options: [String: ConfigValue] = [:]
    for key in all.allKeys where CodingKeys(rawValue: key.stringValue) == nil {
      options[key.stringValue] = try all.decode(ConfigValue.self, forKey: key)
    }
    self.options = options
  }

  /// Encodes the section with its options inline.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: AnyCodingKey.self)
    try c.encode(name, forKey: AnyCodingKey(stringValue: "name"))
    try c.encodeIfPresent(scoreTable, forKey: AnyCodingKey(stringValue: "score_table"))
    try c.encodeIfPresent(costSeconds, forKey: AnyCodingKey(stringValue: "cost_seconds"))
    try c.encodeIfPresent(batchSize, forKey: AnyCodingKey(stringValue: "batch_size"))
    try c.encodeIfPresent(seed, forKey: AnyCodingKey(stringValue: "seed"))
    for (key, value) in options { try c.encode(value, forKey: AnyCodingKey(stringValue: key)) }
  }

  func validate() throws(ConfigError) {
    if let costSeconds, !(costSeconds >= 0) || !costSeconds.isFinite {
      throw ConfigError(path: "proxy.cost_seconds", message: "expected a number ≥ 0")
    }
    if let batchSize, !ProxySetup.batchSizes.contains(batchSize) {
      throw ConfigError(path: "proxy.batch_size", message: ProxySetup.batchSizeMessage(batchSize))
    }
  }
}
