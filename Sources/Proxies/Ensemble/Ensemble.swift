/// `ensemble`: the rank average of several scorers (for example `naswot,synflow`),
/// which is usually more robust than any single proxy.
///
/// A rank exists only within a set, so the natural entry point is
/// ``scores(_:on:seed:)``: every member scores every architecture of the set and each
/// architecture gets its mean rank (``RankEnsemble/averageRanks(_:)``; 1 = worst,
/// failures last). An architecture every member fails on is a failure.
///
/// The ``Proxy`` entry point scores one architecture, which has no rank of its own. It
/// is defined only when the ensemble has ``reference`` scores (each member's scores of
/// a reference set, such as a score table of the space): the score is then the mean
/// over members of the fraction of the reference set the architecture beats
/// (``RankEnsemble/percentile(of:among:)``), i.e. its rank as if inserted into the
/// reference set, in [0, 1]. Without a reference it refuses with a failure that says
/// so. The alternative, summing member z-scores against built-in statistics, was
/// rejected: the statistics depend on the space, the dataset, the batch and each
/// member's options, so built-in ones would silently mis-weight the members.
///
/// Each member sees the first `member.defaultBatchSize` samples of the input (the
/// ensemble's default batch is the largest of its members'), so every member runs on
/// its paper's batch, and the same seed.
public struct Ensemble: Proxy {
  /// The scorers combined.
  public let members: [any Proxy]
  /// For each member, its scores of a reference set of architectures (all the same
  /// length), which gives single architectures a rank; nil for none.
  public let reference: [[ProxyScore]]?

  /// Combines `members` (at least one).
  ///
  /// - Parameters:
  ///   - members: The scorers, each used with its own defaults.
  ///   - reference: Each member's scores of one reference set, in member order.
  public init(members: [any Proxy], reference: [[ProxyScore]]? = nil) {
    precondition(!members.isEmpty, "an ensemble needs at least one member")
    if let reference {
      precondition(reference.count == members.count, "one reference score list per member")
    }
    self.members = members
    self.reference = reference
  }

  /// `ensemble`.
  public var name: String { "ensemble" }
  /// Everything any member needs; ``ProxyRequirements/noData`` only when no member
  /// needs data.
  public var requirements: ProxyRequirements {
    var needs = members.reduce(ProxyRequirements()) { $0.union($1.requirements) }
    if !members.allSatisfy({ $0.requirements.contains(.noData) }) { needs.remove(.noData) }
    return needs
  }
  /// Spaces every member scores.
  public func supports(_ space: ProxySpace) -> Bool {
    members.allSatisfy { $0.supports(space) }
  }
  /// The largest of the members' batches.
  public var defaultBatchSize: Int { members.map(\.defaultBatchSize).max() ?? 1 }

  /// The architecture's mean percentile among the ``reference`` scores, or a failure
  /// without a reference.
  public func score(_ context: ProxyContext) -> ProxyScore {
    guard let reference else {
      return .failed(
        "ensemble: a rank average needs a set of architectures; score a set with "
          + "Ensemble.scores(_:on:seed:) or give the ensemble reference scores")
    }
    let scores = memberScores(context)
    if let failure = allFailed(scores) { return .failed(failure) }
    var total = 0.0
    for (score, referenceScores) in zip(scores, reference) {
      total += RankEnsemble.percentile(of: score, among: referenceScores)
    }
    return ProxyScore(total / Double(members.count))
  }

  /// The mean rank of each architecture of `networks` across members (1 = worst).
  public func scores(_ networks: [NetworkBuilder], on input: ProxyInput, seed: UInt64)
    -> [ProxyScore]
  {
    let perArchitecture = networks.map {
      memberScores(
        ProxyContext(
          space: ProxySpace(name: "", input: input.kind), network: $0, input: input, seed: seed))
    }
    let perMember = members.indices.map { m in perArchitecture.map { $0[m] } }
    let ranks = RankEnsemble.averageRanks(perMember)
    return networks.indices.map { i in
      if let failure = allFailed(perArchitecture[i]) { return .failed(failure) }
      return ProxyScore(ranks[i])
    }
  }

  /// Every member's score of one architecture, in member order.
  private func memberScores(_ context: ProxyContext) -> [ProxyScore] {
    members.map { $0.score(context.with(input: context.input.prefix($0.defaultBatchSize))) }
  }

  /// The joined reasons when every member failed, else nil.
  private func allFailed(_ scores: [ProxyScore]) -> String? {
    guard scores.allSatisfy({ !$0.isValid }) else { return nil }
    let reasons = zip(members, scores).map { "\($0.name): \($1.failure ?? "failed")" }
    return "ensemble: every member failed (" + reasons.joined(separator: "; ") + ")"
  }
}

extension ProxyInput {
  /// The first `count` samples (all of them when there are fewer).
  fileprivate func prefix(_ count: Int) -> ProxyInput {
    guard case .images(let batch) = self, count >= 1, count < batch.count else { return self }
    let perImage = batch.channels * batch.height * batch.width
    return .images(
      ImageBatch(
        pixels: Array(batch.pixels.prefix(count * perImage)),
        labels: Array(batch.labels.prefix(count)), count: count, channels: batch.channels,
        height: batch.height, width: batch.width, classCount: batch.classCount))
  }
}
