/// Every search space nas-search ships, by name.
public enum SearchSpaceCatalog {
  /// The spaces in the order `nas-search list` prints them.
  public static let all: [AnySearchSpace] = [
    AnySearchSpace(
      NB201Space(), summary: "NAS-Bench-201: 4-node cell, 6 edges, 5 ops, 15,625 cells"),
    AnySearchSpace(
      NB101Space(), summary: "NAS-Bench-101: 7-vertex cell DAG, 3 ops, at most 9 edges"),
    AnySearchSpace(
      NLPSpace(), summary: "NAS-Bench-NLP: recurrent cell graphs over x, h_prev -> h_new"),
  ]

  /// The space called `name`, or nil.
  public static func named(_ name: String) -> AnySearchSpace? {
    all.first { $0.name == name }
  }

  /// The names, for error messages and help.
  public static var names: [String] { all.map(\.name) }
}
