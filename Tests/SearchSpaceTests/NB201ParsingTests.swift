import Foundation
import NASTestSupport
import SearchSpace
import Testing

struct NB201ParsingTests {
  static let valid =
    "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|"

  @Test func parsesTheBenchmarksExample() throws {
    let cell = try NB201Cell(parsing: Self.valid)
    #expect(
      cell.operations == [.conv3x3, .conv3x3, .avgPool3x3, .skipConnect, .conv3x3, .skipConnect])
  }

  /// The reason given for `text`, or nil when it parses.
  private func reason(_ text: String) -> String? {
    do {
      _ = try NB201Cell(parsing: text)
      return nil
    } catch {
      #expect(error.space == "nb201")
      return error.reason
    }
  }

  /// 1-based character position of the first occurrence of `needle` in `text`.
  private func position(of needle: String, in text: String) throws -> Int {
    let range = try #require(text.range(of: needle))
    return text.distance(from: text.startIndex, to: range.lowerBound) + 1
  }

  @Test func unknownOperationNamesTheEdgeThePositionAndTheChoices() throws {
    let text = Self.valid.replacingOccurrences(of: "avg_pool_3x3~1", with: "max_pool_3x3~1")
    let message = try #require(reason(text))
    let at = try position(of: "max_pool", in: text)
    #expect(message.hasPrefix("at character \(at): unknown operation 'max_pool_3x3' for edge 2←1"))
    #expect(message.contains("none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3"))
  }

  @Test func wrongSourceNodeIsRejected() throws {
    let text = Self.valid.replacingOccurrences(
      of: "nor_conv_3x3~1|skip", with: "nor_conv_3x3~2|skip")
    let message = try #require(reason(text))
    let at = try position(of: "2|skip_connect~2", in: text)
    #expect(message.hasPrefix("at character \(at): expected source node 1 for edge 3←1"))
    #expect(message.hasSuffix("found ~2; found '2'"))
    // Edges listed out of order are rejected too, though they name the same cell.
    let swapped = "|none~0|+|none~1|none~0|+|none~0|none~1|none~2|"
    #expect(try #require(reason(swapped)).contains("expected source node 0 for edge 2←0"))
    #expect(
      reason("|none~x|+|none~0|none~1|+|none~0|none~1|none~2|")?.contains("found 'x'") == true)
  }

  @Test func wrongGroupCountIsRejected() throws {
    let twoGroups = "|none~0|+|none~0|none~1|"
    #expect(
      reason(twoGroups)
        == "at character 25: expected '+' after node 2's group (node 2 has exactly 2 edges); "
        + "found the end of the text")
    let fourGroups = Self.valid + "+|none~0|"
    let message = try #require(reason(fourGroups))
    #expect(
      message
        == "at character \(Self.valid.count + 1): expected the end of the text after node 3's "
        + "group (a cell has exactly 3 groups); found '+'")
  }

  @Test func missingAndExtraEdgesAreRejected() throws {
    let missing = "|none~0|+|none~0|+|none~0|none~1|none~2|"
    #expect(
      reason(missing)
        == "at character 18: expected an operation for edge 2←1: node 2's group needs 2 edges "
        + "(op~0...op~1), 1 more; found '+'")
    let extra = "|none~0|none~1|+|none~0|none~1|+|none~0|none~1|none~2|"
    #expect(
      try #require(reason(extra)).hasPrefix("at character 9: expected '+' after node 1's group"))
  }

  /// Texts with one stray character, the text just before it, and how it is named.
  @Test(arguments: [
    (" " + NB201ParsingTests.valid, "", "' '"),
    (NB201ParsingTests.valid + "\n", NB201ParsingTests.valid, "U+000A"),
    ("|none~0|+ |none~0|none~1|+|none~0|none~1|none~2|", "|none~0|+", "' '"),
    ("|none~0,+|none~0|none~1|+|none~0|none~1|none~2|", "|none~0", "','"),
    ("", "", "the end of the text"),
    ("é" + NB201ParsingTests.valid, "", "U+00E9"),
    (
      "|none~0|+|none~0|none~1|+|none~0|none~1|noneé~2|",
      "|none~0|+|none~0|none~1|+|none~0|none~1|", "'n'"
    ),
  ])
  func strayCharactersAreRejectedAtTheirPosition(
    _ text: String, _ before: String, _ found: String
  ) throws {
    let message = try #require(reason(text))
    #expect(message.hasPrefix("at character \(before.count + 1):"))
    #expect(message.hasSuffix("found \(found)"))
  }

  @Test(arguments: ["~00", "~01", "~000", "~0000000000000000000000"])
  func sourcesWithLeadingZerosAreRejected(_ source: String) throws {
    let text = "|none~0|+|none" + source + "|none~1|+|none~0|none~1|none~2|"
    let message = try #require(reason(text))
    #expect(message.hasPrefix("at character 16: expected source node 0 for edge 2←0"))
  }

  @Test func errorDescriptionQuotesTheText() throws {
    do {
      _ = try NB201Cell(parsing: "|none~0|")
      Issue.record("parsed a one-group string")
    } catch {
      #expect(error.description.hasPrefix("nb201 architecture '|none~0|': at character 9:"))
    }
  }

  @Test func fuzzedStringsParseToTheirOwnTextOrFailWithAReason() {
    var rng = SplitMix64(seed: 201)
    let alphabet = Array("|+~0123_noneskipconvavgl13x" + " ,é\u{0}\n")
    let valid = NB201Cell.all.map(\.description)
    var parsed = 0
    var rejected = 0
    var mismatches = Mismatches()
    for round in 0..<6_000 {
      var characters: [Character]
      if round % 3 == 0 {
        let length = Int.random(in: 0..<120, using: &rng)
        characters = (0..<length).map { _ in
          alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
        }
      } else {
        characters = Array(valid[Int.random(in: 0..<valid.count, using: &rng)])
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
          let index = Int.random(in: 0...characters.count, using: &rng)
          switch Int.random(in: 0..<4, using: &rng) {
          case 0 where index < characters.count: characters.remove(at: index)
          case 1:
            characters.insert(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)], at: index)
          case 2 where index < characters.count:
            characters[index] = alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
          default: characters += characters.prefix(Int.random(in: 0..<10, using: &rng))
          }
        }
      }
      let text = String(characters)
      do {
        let cell = try NB201Cell(parsing: text)
        // Only the canonical text of a cell parses.
        mismatches.check(cell.description == text, "\(text) parsed as \(cell)")
        parsed += 1
      } catch {
        mismatches.check(error.reason.hasPrefix("at character "), error.description)
        rejected += 1
      }
    }
    mismatches.expectNone()
    #expect(parsed + rejected == 6_000)
    #expect(rejected > 3_000)
  }
}
