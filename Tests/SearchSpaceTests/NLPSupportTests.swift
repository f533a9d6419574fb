import Testing

@testable import SearchSpace

/// The helpers behind recipes: the JSON reader and writer, name order, the hash.
struct NLPSupportTests {
  /// Test vectors of the FNV reference (draft-eastlake-fnv): FNV-1a 128 of "" is the
  /// offset basis; of "a", d228cb69….
  @Test func fnv1a128MatchesTheReferenceVectors() {
    #expect(fnv1a128Hex("") == "6c62272e07bb014262b821756295c58d")
    #expect(fnv1a128Hex("a") == "d228cb696f1a8caf78912b704e4a8964")
    #expect(fnv1a128Hex("foobar") == "343e1662793c64bf6f0d3597ba446f18")
  }

  @Test func namesSortWithNumbersAsNumbers() {
    let names = ["node_10", "h_new_0", "node_2", "node_1", "a01", "a1", "node_02"]
    #expect(
      names.sorted(by: naturallyPrecedes)
        == ["a01", "a1", "h_new_0", "node_1", "node_02", "node_2", "node_10"])
    #expect(!naturallyPrecedes("x", "x"))
  }

  @Test func readerAcceptsJSONAndPythonsNonFiniteNumbers() throws {
    let value = try PlainJSON.parse(
      #" {"a": [0, -1.5e3, 2E-2, NaN, Infinity, -Infinity], "b": {"c": [true, false, null]}} "#)
    guard case .array(let numbers) = value["a"] else {
      Issue.record("a is not an array")
      return
    }
    let doubles = numbers.compactMap(\.doubleValue)
    #expect(doubles.count == 6)
    #expect(doubles[0] == 0 && doubles[1] == -1500 && doubles[2] == 0.02)
    #expect(doubles[3].isNaN && doubles[4] == .infinity && doubles[5] == -.infinity)
    #expect(numbers[0].intValue == 0 && numbers[1].intValue == nil)
    #expect(value["b"]?["c"] == .array([.bool(true), .bool(false), .null]))
  }

  @Test func readerRejectsWhatJSONForbids() {
    let cases: [(String, String)] = [
      ("01", "leading zeros"), ("1.", "digit after '.'"), ("-", "expected a digit"),
      ("1e+", "exponent"), ("\"a\u{1}\"", "control character"), ("\"\\x\"", "invalid escape"),
      ("\"\\ud800\"", "unpaired surrogate"), ("[1,]", "expected a value"),
      ("{\"a\":1,}", "string key"), ("{\"a\" 1}", "expected ':'"), ("nul", "'null'"),
      ("{\"a\":1,\"a\":2}", "duplicate key"), ("[1] [2]", "after the JSON value"),
    ]
    for (text, message) in cases {
      do {
        _ = try PlainJSON.parse(text)
        Issue.record("'\(text)' should not parse")
      } catch {
        #expect(error.message.contains(message), "'\(text)': \(error.message)")
      }
    }
    #expect(throws: PlainJSON.SyntaxError.self) { try PlainJSON.parse(bytes: [0x22, 0xFF, 0x22]) }
  }

  @Test func stringsRoundTripThroughWriterAndReader() throws {
    let strings = [
      "", "plain", "quote \" backslash \\ slash /", "tab\tnew\nline\r\u{1}\u{1F}", "é😀",
    ]
    for string in strings {
      #expect(try PlainJSON.parse(PlainJSON.quoted(string)) == .string(string))
    }
    #expect(try PlainJSON.parse(#""\ud83d\ude00 \u00e9""#) == .string("😀 é"))
  }

  @Test func recipesWithUnusualNamesRoundTrip() throws {
    let cell = NLPCell(nodes: [
      "a \"quoted\" name\n": NLPNode(.linear, ["x", "h_prev_0"]),
      "h_new_0": NLPNode(.tanh, ["a \"quoted\" name\n"]),
    ])
    let space = NLPSpace()
    #expect(space.isValid(cell))
    #expect(try space.parse(space.canonicalString(cell)) == cell)
  }
}
