import Foundation

extension ProxyRegistry {
  /// Forward-only and counting scorers (epsilon, accuracy stability, zen, params, flops,
  /// ensemble), registered at start-up.
  static var forwardScorers: [Entry] {
    [
      Entry(
        name: "epsilon",
        summary: "epsilon (Gracheva): output spread under two constant shared weights",
        make: { options throws(ProxyOptionError) in try makeEpsilon(options) }),
      Entry(
        name: "accuracy-stability",
        summary: "untrained-accuracy stability (Gracheva 2021): -std/mean over initialisations",
        make: { options throws(ProxyOptionError) in
          try options.rejectUnknown(
            ["initializations"], proxy: "accuracy-stability")
          return AccuracyStability(
            initializations: try options.integer("initializations", default: 100, in: 2...100_000))
        }),
      Entry(
        name: "zen",
        summary: "Zen-score (Lin et al. 2021): log feature-map perturbation + BN scaling",
        make: { options throws(ProxyOptionError) in
          try options.rejectUnknown(["mixup_gamma", "repeats"], proxy: "zen")
          let gamma = try options.number("mixup_gamma", default: 0.01)
          guard gamma > 0 else {
            throw ProxyOptionError(option: "mixup_gamma", message: "expected a number > 0")
          }
          return Zen(
            mixupGamma: gamma, repeats: try options.integer("repeats", default: 1, in: 1...10_000))
        }),
      Entry(
        name: "params", summary: "trainable parameter count",
        make: { options throws(ProxyOptionError) in
          try options.rejectUnknown([], proxy: "params")
          return ParameterCount()
        }),
      Entry(
        name: "flops", summary: "MFLOPs per image in the benchmark's convention",
        make: { options throws(ProxyOptionError) in
          try options.rejectUnknown([], proxy: "flops")
          return FLOPCount()
        }),
      Entry(
        name: "ensemble",
        summary: "mean rank of several scorers over a set (option members: \"naswot,synflow\")",
        make: { options throws(ProxyOptionError) in try makeEnsemble(options) }),
    ]
  }

  /// Epsilon from `precision` and its two constants `low` and `high`, which the space
  /// supplies (its registration's defaults for `epsilon`) or the user gives.
  private static func makeEpsilon(_ options: ProxyOptions) throws(ProxyOptionError) -> any Proxy {
    try options.rejectUnknown(["precision", "low", "high"], proxy: "epsilon")
    let precisionName = try options.choice(
      "precision", default: "float32", allowed: Epsilon.Precision.allCases.map(\.rawValue))
    for key in ["low", "high"] where options.values[key] == nil {
      throw ProxyOptionError(
        option: key,
        message: "epsilon needs two shared weights, low and high, and this space gives none: "
          + "set both (the authors': NB201 1e-7 and 1, NB101 1e-4 and 10, NB-NLP 1e-5 and 1e-3)")
    }
    let low = try options.number("low", default: .nan)
    let high = try options.number("high", default: .nan)
    for (key, value) in [("low", low), ("high", high)] where !(value > 0) {
      throw ProxyOptionError(option: key, message: "expected a number > 0")
    }
    guard low != high else {
      throw ProxyOptionError(option: "high", message: "expected a value different from low")
    }
    return Epsilon(
      constants: EpsilonConstants(low: low, high: high),
      precision: Epsilon.Precision(rawValue: precisionName) ?? .float32)
  }

  /// An ensemble of the registered scorers named in `members`, each with its defaults.
  private static func makeEnsemble(_ options: ProxyOptions) throws(ProxyOptionError) -> any Proxy {
    try options.rejectUnknown(["members"], proxy: "ensemble")
    guard case .string(let list)? = options.values["members"] else {
      throw ProxyOptionError(
        option: "members",
        message: "expected a comma-separated list of scorer names, such as \"naswot,synflow\"")
    }
    let names = list.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard !names.isEmpty, !names.contains(where: \.isEmpty) else {
      throw ProxyOptionError(
        option: "members", message: "expected a comma-separated list of scorer names")
    }
    guard Set(names).count == names.count else {
      throw ProxyOptionError(option: "members", message: "a scorer is listed twice")
    }
    guard !names.contains("ensemble") else {
      throw ProxyOptionError(option: "members", message: "an ensemble cannot contain itself")
    }
    var members: [any Proxy] = []
    for name in names {
      do {
        members.append(try ProxyRegistry.make(name))
      } catch {
        throw ProxyOptionError(option: "members", message: error.message)
      }
    }
    return Ensemble(members: members)
  }
}
