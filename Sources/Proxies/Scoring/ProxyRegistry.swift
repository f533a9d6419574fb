import Synchronization

/// The scorers selectable by name from configs and the command line.
///
/// The built-in scorers are registered from the start; a program using the library
/// adds its own with ``register(_:summary:make:)``.
public enum ProxyRegistry {
  /// A registered scorer: its name, a one-line summary, and how to make it from options.
  public struct Entry: Sendable {
    /// The name configs use.
    public var name: String
    /// One line for `nas-search list`.
    public var summary: String
    /// Makes the scorer; throws for options it does not accept.
    public var make: @Sendable (ProxyOptions) throws(ProxyOptionError) -> any Proxy
  }

  private static let entries = Mutex<[Entry]>(builtIn)

  /// The scorers shipped with nas-search.
  static var builtIn: [Entry] {
    naswotScorers + recurrentScorers + forwardScorers + gradientScorers
  }

  /// NASWOT for image networks.
  static var naswotScorers: [Entry] {
    [
      Entry(
        name: "naswot", summary: "NASWOT (Mellor et al. 2021): log|det| of the ReLU code kernel",
        make: { options throws(ProxyOptionError) in
          try options.rejectUnknown([], proxy: "naswot")
          return NASWOT()
        })
    ]
  }

  /// Every registered scorer, in registration order.
  public static var all: [Entry] { entries.withLock { $0 } }

  /// Every registered name.
  public static var names: [String] { all.map(\.name) }

  /// Registers (or replaces) the scorer `name`.
  public static func register(
    _ name: String, summary: String,
    make: @escaping @Sendable (ProxyOptions) throws(ProxyOptionError) -> any Proxy
  ) {
    entries.withLock { list in
      let entry = Entry(name: name, summary: summary, make: make)
      if let index = list.firstIndex(where: { $0.name == name }) {
        list[index] = entry
      } else {
        list.append(entry)
      }
    }
  }

  /// The scorer `name` made with `options`.
  ///
  /// For a `space`, `spaceDefaults` are the space's own values of the scorer's options
  /// (epsilon's constants, say); `options` override them. A scorer that does not
  /// support `space` is an error, before any network is built.
  ///
  /// - Throws: ``ProxyOptionError`` for an unknown name or an unsupported space (option
  ///   `name`) or a bad option.
  public static func make(
    _ name: String, options: ProxyOptions = ProxyOptions(), for space: ProxySpace? = nil,
    spaceDefaults: ProxyOptions = ProxyOptions()
  ) throws(ProxyOptionError) -> any Proxy {
    guard let entry = all.first(where: { $0.name == name }) else {
      throw ProxyOptionError(
        option: "name",
        message: "unknown proxy '\(name)' (expected one of: \(names.joined(separator: ", ")))")
    }
    let proxy = try entry.make(spaceDefaults.overridden(by: options))
    if let space, !proxy.supports(space) {
      throw ProxyOptionError(
        option: "name", message: "proxy '\(name)' does not score the networks of \(space)")
    }
    return proxy
  }
}
