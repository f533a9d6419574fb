/// Every search space nas-search ships, by name.
public enum SearchSpaceCatalog {
  /// The spaces in the order `nas-search list` prints them.
  public static let all: [AnySearchSpace] = [
    AnySearchSpace(
      NB201Space(), summary: "NAS-Bench-201: 4-node cell, 6 edges, 5 ops, 15,625 cells")
  ]

  /// The space called `name`, or nil.
  public static func named(_ name: String) -> AnySearchSpace? {
    all.first { $0.name == name }
  }

  /// The names, for error messages and help.
  public static var names: [String] { all.map(\.name) }
}
