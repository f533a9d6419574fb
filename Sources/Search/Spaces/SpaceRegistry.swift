import Synchronization

/// The search spaces selectable by name from configs and the command line.
///
/// NAS-Bench-201, NAS-Bench-101 and NAS-Bench-NLP are registered from the start; a
/// program using the library adds its own with ``register(_:)``.
public enum SpaceRegistry {
  private static let entries = Mutex<[RegisteredSpace]>([
    RegisteredSpace(NB201Definition()),
    RegisteredSpace(NB101Definition()),
    RegisteredSpace(NLPDefinition()),
  ])

  /// Every registered space, in registration order.
  public static var all: [RegisteredSpace] { entries.withLock { $0 } }

  /// Every registered name.
  public static var names: [String] { all.map(\.name) }

  /// Registers (or replaces) the space of `definition` under its name.
  public static func register<Definition: SpaceDefinition>(_ definition: Definition) {
    let entry = RegisteredSpace(definition)
    entries.withLock { list in
      if let index = list.firstIndex(where: { $0.name == entry.name }) {
        list[index] = entry
      } else {
        list.append(entry)
      }
    }
  }

  /// The space called `name`, or nil.
  public static func named(_ name: String) -> RegisteredSpace? {
    all.first { $0.name == name }
  }

  /// The space called `name`, or an error listing the known names.
  public static func space(named name: String) throws(UnknownName) -> RegisteredSpace {
    guard let space = named(name) else {
      throw UnknownName(kind: "space", name: name, known: names)
    }
    return space
  }
}

/// A name that no registry entry has: it says which names there are.
public struct UnknownName: Error, CustomStringConvertible, Sendable {
  /// What was looked up (`space`, `strategy`).
  public var kind: String
  /// The name given.
  public var name: String
  /// The registered names.
  public var known: [String]

  /// `unknown space 'x' (expected one of: nb201, nb101, nlp)`.
  public var description: String {
    "unknown \(kind) '\(name)' (expected one of: \(known.joined(separator: ", ")))"
  }
}
