import NASTestSupport
import SearchSpace
import Testing

/// Random and damaged recipe texts: the reader returns a cell or an error, never
/// crashes, and whatever it accepts round-trips.
struct NLPRecipeFuzzTests {
  let space = NLPSpace()

  /// Parses `text`; when it is a valid cell, checks the canonical round trip and hash.
  private func probe(_ text: String) -> Bool {
    guard let cell = try? NLPCell(recipe: text) else { return false }
    _ = space.canonicalString(cell)  // also defined for invalid cells
    _ = space.identityHash(cell)
    guard space.isValid(cell) else { return false }
    let printed = space.canonicalString(cell)
    #expect((try? space.parse(printed)) == cell, "\(text)")
    return true
  }

  @Test func randomTextsNeverCrashTheReader() {
    var rng = SplitMix64(seed: 77)
    let alphabet =
      Array(#"{}[]:,"  \nabxhnp_01lineartoscopu\-.eE9"#.unicodeScalars)
      + ["\u{0}", "\u{7F}", "é", "\u{1F600}"]
    for _ in 0..<3000 {
      let length = Int.random(in: 0..<60, using: &rng)
      var text = String.UnicodeScalarView()
      for _ in 0..<length {
        text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)])
      }
      _ = probe(String(text))
    }
  }

  @Test func damagedRecipesNeverCrashTheReader() {
    var rng = SplitMix64(seed: 78)
    let pieces = [
      "{", "}", "[", "]", ":", ",", "\"", "\\", "\\u12", "\\ud800", "NaN", "-", "1e", "null",
      "\"linear\"", "\"x\"", "\"h_prev_2\"", "\"h_new_1\"", "\"blend\"", " ", "\n", "é",
    ]
    let bases = (0..<50).map { _ in Array(space.canonicalString(space.sample(using: &rng)).utf8) }
    var accepted = 0
    for round in 0..<3000 {
      var bytes = bases[round % bases.count]
      for _ in 0..<(1 + round % 3) {
        let position = Int.random(in: 0...bytes.count, using: &rng)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0 where position < bytes.count: bytes.remove(at: position)
        case 1:
          let piece = pieces[Int.random(in: 0..<pieces.count, using: &rng)]
          bytes.insert(contentsOf: Array(piece.utf8), at: position)
        case 2 where position < bytes.count:
          bytes[position] = UInt8.random(in: 0...255, using: &rng)
        default: bytes = Array(bytes.prefix(position))
        }
      }
      if probe(String(decoding: bytes, as: UTF8.self)) { accepted += 1 }
    }
    // Some edits leave a valid recipe (a renamed input that exists, a swapped op...).
    #expect(accepted > 0)
  }

  @Test func randomGraphsEitherValidateOrSayWhy() {
    var rng = SplitMix64(seed: 79)
    let names = [
      "x", "h_prev_0", "h_prev_1", "h_prev_3", "h_new_0", "h_new_1", "h_new_3", "a", "b",
    ]
    var valid = 0
    for _ in 0..<3000 {
      var members: [String] = []
      for name in names.shuffled(using: &rng).prefix(Int.random(in: 0...6, using: &rng)) {
        let operation = NLPOperation.allCases.randomElement(using: &rng) ?? .linear
        let inputs = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
          "\"" + (names.randomElement(using: &rng) ?? "x") + "\""
        }
        members.append(
          "\"\(name)\": {\"op\": \"\(operation.rawValue)\", \"input\": [\(inputs.joined(separator: ","))]}"
        )
      }
      let text = "{" + members.joined(separator: ", ") + "}"
      do {
        _ = try space.parse(text)
        valid += 1
        #expect(probe(text))
      } catch {
        #expect(!error.reason.isEmpty)
      }
    }
    #expect(valid > 0)
  }

  @Test func deepNestingIsAnErrorNotAStackOverflow() {
    let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: NLPCellError.self) { try NLPCell(recipe: text) }
    let objects = String(repeating: "{\"a\":", count: 50_000)
    #expect(throws: NLPCellError.self) { try NLPCell(recipe: objects) }
  }
}
