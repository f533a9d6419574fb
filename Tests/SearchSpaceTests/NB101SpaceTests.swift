import NASTestSupport
import SearchSpace
import Testing

struct NB101SpaceTests {
  let space = NB101Space()

  // MARK: Validation (nasbench api.py `_check_spec` after `ModelSpec` pruning)

  @Test(.requiresData) func everyReferenceCellIsValid() throws {
    for cell in try NB101Fixtures.referenceCells() + NB101Fixtures.multiEpochCells() {
      #expect(throws: Never.self) { try space.validate(cell) }
      #expect(try space.parse(cell.text) == cell)
      #expect(space.canonicalString(cell) == cell.text)
    }
  }

  /// A cell of `count` vertices (interior ones conv3x3) with the given edges.
  private func cell(_ count: Int, _ edges: [(Int, Int)]) throws -> NB101Cell {
    let interior = Array(repeating: NB101Operation.conv3x3BnRelu, count: count - 2)
    return try NB101Cell(
      operations: [.input] + interior + [.output], edges: edges.map { (from: $0.0, to: $0.1) })
  }

  @Test func invalidMatricesAreRejectedWithTheRule() throws {
    let everyForwardEdge = (0..<7).flatMap { from in ((from + 1)..<7).map { (from, $0) } }
    let cases: [(NB101Cell, String)] = [
      (try cell(7, [(0, 1), (2, 1), (1, 6), (0, 2)]), "upper-triangular"),
      (try cell(7, [(0, 1), (1, 2), (3, 6)]), "does not reach the output"),
      (try cell(8, (0..<7).map { ($0, $0 + 1) }), "8 vertices after pruning; at most 7"),
      (try cell(7, everyForwardEdge), "21 edges after pruning; at most 9"),
    ]
    for (cell, fragment) in cases {
      do {
        try space.validate(cell)
        Issue.record("accepted \(cell)")
      } catch {
        #expect(error.reason.contains(fragment), "\(error.reason)")
      }
      #expect(!space.isValid(cell))
      #expect(throws: ArchitectureError.self) { try space.parse(cell.text) }
    }
    // Pruning first: 8 vertices and 10 edges that prune to 7 vertices and 9 edges.
    let prunable = try cell(
      8, [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 7), (0, 7), (0, 6), (1, 3), (2, 4)])
    #expect(space.isValid(prunable))
    #expect(try prunable.pruned().vertexCount == 7)
  }

  @Test(arguments: [
    ("conv3x3-bn-relu|conv3x3-bn-relu|output", "first operation is 'conv3x3-bn-relu'"),
    ("input|conv3x3-bn-relu|maxpool3x3", "last operation is 'maxpool3x3'"),
    ("input|output|output", "interior vertex 1 (after pruning) is 'output'"),
    ("input|input|output", "interior vertex 1 (after pruning) is 'input'"),
  ])
  func misplacedOperationsAreRejected(operations: String, fragment: String) throws {
    let cell = try NB101Cell(parsing: "010001000:" + operations)
    do {
      try space.validate(cell)
      Issue.record("accepted \(cell)")
    } catch {
      #expect(error.reason.contains(fragment), "\(error.reason)")
    }
  }

  @Test func operationsAreCheckedOnlyWherePruningKeepsThem() throws {
    // Vertex 2 ('output' in an interior position) hangs off the input and is pruned,
    // as the benchmark checks operations after pruning.
    let cell = try NB101Cell(parsing: "0111000100000000:input|conv1x1-bn-relu|output|output")
    #expect(throws: Never.self) { try space.validate(cell) }
    #expect(try cell.pruned().operations == [.input, .conv1x1BnRelu, .output])
  }

  @Test func limitsAreConfigurable() throws {
    let chain = try NB101Cell(
      parsing: "0100001000010000:input|conv3x3-bn-relu|conv3x3-bn-relu|output")
    #expect(space.isValid(chain))
    #expect(!NB101Space(maxVertices: 3).isValid(chain))
    #expect(!NB101Space(maxEdges: 2).isValid(chain))
    #expect(NB101Space(maxVertices: 4, maxEdges: 3).isValid(chain))
  }

  // MARK: Sampling (the colab's random_spec)

  @Test func samplesAreValidUnprunedAndReproducible() {
    var rng = SplitMix64(seed: 1)
    var again = SplitMix64(seed: 1)
    var counts: [NB101Operation: Int] = [:]
    let draws = 1500
    for _ in 0..<draws {
      let cell = space.sample(using: &rng)
      #expect(space.isValid(cell))
      #expect(cell.vertexCount == 7 && cell.isUpperTriangular)
      #expect(cell.operation(at: 0) == .input && cell.operation(at: 6) == .output)
      #expect(space.sample(using: &again) == cell)
      for vertex in 1..<6 { counts[cell.operation(at: vertex), default: 0] += 1 }
    }
    // Interior operations are drawn independently of the matrix, and validity depends
    // on operations only through the fixed ends, so each is 1/3 of the unpruned
    // interior operations (7,500 draws: standard deviation 0.0054).
    for operation in NB101Operation.interiorOperations {
      let share = Double(counts[operation] ?? 0) / Double(draws * 5)
      #expect(abs(share - 1.0 / 3.0) < 0.03, "\(operation): \(share)")
    }
  }

  // MARK: Mutation (the colab's mutate_spec, rate 1.0)

  @Test func mutationFlipsOneSeventhOfTheEdgesAndOneFifthOfTheOperations() {
    var rng = SplitMix64(seed: 2)
    var means: [Double: (edges: Double, operations: Double)] = [:]
    for rate in [1.0, 0.5] {
      let space = NB101Space(mutationRate: rate)
      var flippedEdges = 0
      var changedOperations = 0
      let trials = 1000
      for _ in 0..<trials {
        let parent = space.sample(using: &rng)
        let child = space.mutate(parent, using: &rng)
        #expect(space.isValid(child))
        #expect(child.vertexCount == 7)
        #expect((try? child.pruned()) != (try? parent.pruned()))
        for from in 0..<7 {
          for to in (from + 1)..<7
          where parent.hasEdge(from: from, to: to) != child.hasEdge(from: from, to: to) {
            flippedEdges += 1
          }
        }
        for vertex in 1..<6 where parent.operation(at: vertex) != child.operation(at: vertex) {
          changedOperations += 1
        }
      }
      means[rate] = (
        Double(flippedEdges) / Double(trials), Double(changedOperations) / Double(trials)
      )
    }
    // A proposal at rate 1.0 flips 21 × 1/7 = 3 entries and changes 5 × 1/5 = 1 operation
    // on average; keeping only valid, different children moves this a little (3.18
    // and 1.03 over 4,000 trials).
    let full = means[1.0] ?? (0, 0)
    let half = means[0.5] ?? (0, 0)
    #expect((2.7...3.6).contains(full.edges), "\(full)")
    #expect((0.85...1.2).contains(full.operations), "\(full)")
    #expect(half.edges < full.edges - 0.5 && half.operations < full.operations - 0.2, "\(half)")
  }

  @Test func changedOperationsGoToEitherOtherOperationEvenly() {
    var rng = SplitMix64(seed: 3)
    var toFirstOther = 0
    var changes = 0
    for _ in 0..<800 {
      let parent = space.sample(using: &rng)
      let child = space.mutate(parent, using: &rng)
      for vertex in 1..<6 where parent.operation(at: vertex) != child.operation(at: vertex) {
        let others = NB101Operation.interiorOperations.filter { $0 != parent.operation(at: vertex) }
        #expect(others.contains(child.operation(at: vertex)))
        if child.operation(at: vertex) == others[0] { toFirstOther += 1 }
        changes += 1
      }
    }
    let share = Double(toFirstOther) / Double(changes)
    #expect(changes > 500)
    #expect(abs(share - 0.5) < 0.08, "\(share) of \(changes)")
  }

  @Test(.requiresData) func prunedParentsArePaddedToSevenVertices() throws {
    var rng = SplitMix64(seed: 4)
    let parents = try NB101Fixtures.referenceCells().map { try $0.pruned() }
    #expect(parents.contains { $0.vertexCount < 7 })
    for parent in parents {
      let child = space.mutate(parent, using: &rng)
      #expect(child.vertexCount == 7)
      #expect(space.isValid(child))
      #expect(try child.pruned() != parent)
    }
  }

  @Test func invalidParentsStillGiveValidChildren() throws {
    var rng = SplitMix64(seed: 5)
    let disconnected = try NB101Cell(
      parsing: "0000000000000000000000000000000000000000000000000:"
        + "input|conv3x3-bn-relu|conv3x3-bn-relu|conv3x3-bn-relu|conv3x3-bn-relu|conv3x3-bn-relu|output"
    )
    let backwards = try NB101Cell(
      parsing: "0010100000010000:input|conv3x3-bn-relu|maxpool3x3|output")
    let wrongEnds = try NB101Cell(parsing: "010001000:output|conv3x3-bn-relu|input")
    for parent in [disconnected, backwards, wrongEnds] {
      #expect(!space.isValid(parent))
      for _ in 0..<20 {
        #expect(space.isValid(space.mutate(parent, using: &rng)))
      }
    }
  }

  @Test func smallerSpacesSampleAndMutateWithinTheirLimits() {
    var rng = SplitMix64(seed: 6)
    let small = NB101Space(maxVertices: 4, maxEdges: 4)
    for _ in 0..<200 {
      let cell = small.mutate(small.sample(using: &rng), using: &rng)
      #expect(small.isValid(cell) && cell.vertexCount == 4)
    }
  }

  // MARK: Identity

  @Test func identityHashIgnoresPrunedVerticesAndMarksDisconnectedCells() throws {
    let withDangling = try NB101Cell(
      parsing: "0111000100000000:input|conv1x1-bn-relu|maxpool3x3|output")
    let pruned = try NB101Cell(parsing: "011001000:input|conv1x1-bn-relu|output")
    #expect(space.identityHash(withDangling) == space.identityHash(pruned))
    #expect(space.identityHash(pruned).count == 32)
    let disconnected = try NB101Cell(parsing: "0000:input|output")
    #expect(space.identityHash(disconnected) == "invalid:0000:input|output")
  }

  // MARK: Fuzzing

  @Test func randomTextNeverCrashesTheParser() {
    var rng = SplitMix64(seed: 99)
    let pieces = [
      "0", "1", "0", "1", ":", "|", "input", "output", "conv3x3-bn-relu", "conv1x1-bn-relu",
      "maxpool3x3", "2", "", " ", "é", "\u{0}", "01", "0000000",
    ]
    var parsed = 0
    for trial in 0..<3000 {
      var text: String
      if trial % 3 == 2 {
        // Any square 0/1 matrix with any operations anywhere: always parses.
        let size = Int.random(in: 2...8, using: &rng)
        let adjacency = (0..<(size * size)).map { _ in Bool.random(using: &rng) ? "1" : "0" }
        let operations = (0..<size).map { _ in
          NB101Operation.allCases[Int.random(in: 0..<5, using: &rng)].officialName
        }
        text = adjacency.joined() + ":" + operations.joined(separator: "|")
      } else if trial % 3 == 0 {
        // A valid cell's text with a few random edits.
        text = space.sample(using: &rng).text
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
          var characters = Array(text)
          let position = Int.random(in: 0...characters.count, using: &rng)
          let piece = pieces[Int.random(in: 0..<pieces.count, using: &rng)]
          switch Int.random(in: 0..<3, using: &rng) {
          case 0: characters.insert(contentsOf: piece, at: position)
          case 1 where position < characters.count: characters.remove(at: position)
          default:
            if position < characters.count { characters[position] = piece.first ?? "0" }
          }
          text = String(characters)
        }
      } else {
        text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in
          pieces[Int.random(in: 0..<pieces.count, using: &rng)]
        }.joined()
      }
      do {
        let cell = try NB101Cell(parsing: text)
        parsed += 1
        #expect(cell.text == text)
        _ = space.isValid(cell)
        _ = space.identityHash(cell)
        _ = space.mutate(cell, using: &rng)
      } catch {
        #expect(!error.reason.isEmpty)
      }
    }
    #expect(parsed > 1000)
  }
}
