import Dispatch
import Foundation
import Networks
import Proxies
import SearchSpace
import Synchronization

/// Scores a list of architectures with one proxy on one batch, in parallel, optionally
/// into a resumable score-table file: what `nas-search score` runs, from a handful of
/// architectures to all 15,625 NB201 cells (or one shard of them).
public struct ScoringSession: Sendable {
  /// The space.
  public let space: RegisteredSpace
  /// The scorer, its batch and seed.
  public let setup: ProxySetup
  /// What the output file records about how the scores were made.
  public let metadata: [(key: String, value: String)]
  /// Whether isomorphic architectures (equal ``AnySearchSpace/Description/hash``) share
  /// one score: the first of each class is scored, the others get its score with 0 seconds.
  public var sharesIsomorphicScores = false

  /// Creates a session.
  public init(
    space: RegisteredSpace, setup: ProxySetup, metadata: [(key: String, value: String)]
  ) {
    self.space = space
    self.setup = setup
    self.metadata = metadata
  }

  /// The metadata a score table records: the space, the scorer and its options (the
  /// space's defaults included), the data, batch size, seed and classes, then `extra`.
  public static func metadata(
    space: RegisteredSpace, setup: ProxySetup, extra: [(key: String, value: String)] = []
  ) -> [(key: String, value: String)] {
    let fields: [(key: String, value: String)] = [
      ("space", space.name), ("proxy", setup.proxy.name), ("options", setup.options.summary),
      ("data", setup.data.label), ("batch_size", String(setup.batchSize)),
      ("seed", String(setup.seed)), ("classes", String(setup.data.classes)),
    ]
    return (fields + extra).map {
      ($0.key, $0.value.isEmpty ? "-" : $0.value.replacingOccurrences(of: " ", with: "_"))
    }
  }

  /// Progress: rows done (including resumed ones), rows that were already in the file when
  /// this session started, total, seconds so far (for the rows scored now).
  public typealias Progress =
    @Sendable (_ done: Int, _ resumed: Int, _ total: Int, _ elapsed: Double) -> Void

  /// Scores `architectures` (canonical texts) with `jobs` networks at a time.
  ///
  /// With `output`, rows already in that file (same metadata) are kept and skipped, and
  /// each new row is appended as soon as it is scored, so an interrupted run resumes.
  /// Returns the rows in the order of `architectures`.
  public func run(
    _ architectures: [String], jobs: Int, output: URL?, progress: Progress? = nil
  ) throws(EvaluationError) -> [ScoreTable.Row] {
    var appender: RowAppender?
    var existingRows: [ScoreTable.Row] = []
    if let output {
      if FileManager.default.fileExists(atPath: output.path) {
        let existing = try ScoreTable.read(output, allowTornLastLine: true)
        let mine = metadata.map { "\($0.key)=\($0.value)" }
        let theirs = existing.metadata.map { "\($0.key)=\($0.value)" }
        guard mine == theirs else {
          throw EvaluationError(
            "\(output.path) holds scores made with \(theirs.joined(separator: " ")); "
              + "this run is \(mine.joined(separator: " ")): choose another --output")
        }
        existingRows = existing.rows
        // Rewrite without a torn last line before appending.
        try AtomicFile.write(existing.text, to: output)
      } else {
        try AtomicFile.write(ScoreTable(metadata: metadata, rows: []).text, to: output)
      }
      appender = try RowAppender(url: output)
    }
    // The table keeps one row per architecture.
    let done = Dictionary(existingRows.map { ($0.architecture, $0) }) { first, _ in first }
    let pending = architectures.enumerated().filter { done[$0.element] == nil }
    let groups = workGroups(pending, done: existingRows)
    let results = Mutex<[Int: ScoreTable.Row]>([:])
    let next = Atomic<Int>(0)
    let failure = Mutex<EvaluationError?>(nil)
    let total = architectures.count
    let alreadyDone = total - pending.count
    let clock = ContinuousClock()
    let start = clock.now
    let workers = max(1, min(jobs, groups.count))
    let threadsPerNetwork = max(1, ComputeThreads.defaultCount / workers)
    let session = self
    let sink = appender
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let position = next.add(1, ordering: .relaxed).oldValue
        guard position < groups.count, failure.withLock({ $0 == nil }) else { return }
        let group = groups[position]
        let scored =
          group.known
          ?? ComputeThreads.withCount(threadsPerNetwork) {
            session.score(group.members[0].text)
          }
        let rows = group.members.enumerated().map { offset, member in
          offset == 0 && group.known == nil ? scored : scored.shared(as: member.text)
        }
        do throws(EvaluationError) {
          for row in rows { try sink?.append(row) }
        } catch {
          failure.withLock { $0 = error }
          return
        }
        let count = results.withLock { results in
          for (member, row) in zip(group.members, rows) { results[member.index] = row }
          return results.count
        }
        let elapsed = clock.now - start
        progress?(
          alreadyDone + count, alreadyDone, total,
          Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
      }
    }
    try appender?.close()
    if let error = failure.withLock({ $0 }) { throw error }
    let scored = results.withLock { $0 }
    return architectures.enumerated().compactMap { index, text in done[text] ?? scored[index] }
  }

  /// Architectures scored together: one network per group, its row shared by every
  /// member when isomorphs share scores (or taken from `known`, a row already in the file).
  struct WorkGroup: Sendable {
    var members: [(index: Int, text: String)]
    var known: ScoreTable.Row?
  }

  /// `pending` as one group per architecture, or per isomorphism class (a class with a row
  /// in `done`, in file order, takes the first such row).
  func workGroups(_ pending: [(offset: Int, element: String)], done: [ScoreTable.Row])
    -> [WorkGroup]
  {
    guard sharesIsomorphicScores else {
      return pending.map { WorkGroup(members: [(index: $0.offset, text: $0.element)]) }
    }
    var scoredClasses: [String: ScoreTable.Row] = [:]
    for row in done {
      if let key = try? space.genotypes.describe(row.architecture).hash, scoredClasses[key] == nil {
        scoredClasses[key] = row
      }
    }
    var groups: [WorkGroup] = []
    var position: [String: Int] = [:]
    for (index, text) in pending {
      let key = (try? space.genotypes.describe(text).hash) ?? "unreadable:\(text)"
      if let at = position[key] {
        groups[at].members.append((index: index, text: text))
      } else {
        position[key] = groups.count
        groups.append(WorkGroup(members: [(index: index, text: text)], known: scoredClasses[key]))
      }
    }
    return groups
  }

  /// One architecture's row; a text the space cannot read is a failed row with the reason.
  public func score(_ text: String) -> ScoreTable.Row {
    let clock = ContinuousClock()
    let start = clock.now
    let result: ProxyScore
    let canonical: String
    do throws(ArchitectureError) {
      let (name, builder) = try space.network(text, classes: setup.data.classes)
      canonical = name
      if let builder {
        result = setup.proxy.score(
          ProxyContext(
            space: setup.space, network: builder, input: setup.data.input, seed: setup.seed))
      } else {
        result = .failed("space '\(space.name)' has no network for \(name)")
      }
    } catch {
      canonical = text
      result = .failed(error.description)
    }
    let elapsed = clock.now - start
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    return ScoreTable.Row(
      architecture: canonical, score: result.value, seconds: seconds, failure: result.failure)
  }
}

/// Appends score-table rows to a file from several threads, one whole line at a time.
final class RowAppender: Sendable {
  private let handle: Mutex<FileHandle?>
  private let url: URL

  init(url: URL) throws(EvaluationError) {
    self.url = url
    do {
      let handle = try FileHandle(forWritingTo: url)
      try handle.seekToEnd()
      self.handle = Mutex(handle)
    } catch {
      throw EvaluationError("cannot append to \(url.path): \(plainReason(of: error))")
    }
  }

  func append(_ row: ScoreTable.Row) throws(EvaluationError) {
    let line = Data((ScoreTable.line(row) + "\n").utf8)
    let failed: String? = handle.withLock { handle in
      do {
        try handle?.write(contentsOf: line)
        return nil
      } catch {
        return plainReason(of: error)
      }
    }
    if let failed { throw EvaluationError("cannot append to \(url.path): \(failed)") }
  }

  func close() throws(EvaluationError) {
    handle.withLock { handle in
      try? handle?.close()
      handle = nil
    }
  }
}

extension ScoreTable.Row {
  /// This row's score for an isomorphic architecture `text`, which took no time.
  func shared(as text: String) -> ScoreTable.Row {
    ScoreTable.Row(architecture: text, score: score, seconds: 0, failure: failure)
  }
}
