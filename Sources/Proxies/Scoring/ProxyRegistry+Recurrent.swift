extension ProxyRegistry {
  /// Scorers of NB-NLP recurrent cells (`naswot-rnn`); the lead adds them to
  /// ``builtIn``.
  static var recurrentScorers: [Entry] {
    [
      Entry(
        name: "naswot-rnn",
        summary: "NASWOT on an NB-NLP cell: log|det| of the activation-code kernel over time",
        make: { options throws(ProxyOptionError) in
          try options.rejectUnknown(["codes"], proxy: "naswot-rnn")
          let codes = try options.choice(
            "codes", default: NASWOTRecurrent.Codes.activations.rawValue,
            allowed: NASWOTRecurrent.Codes.allCases.map(\.rawValue))
          return NASWOTRecurrent(codes: NASWOTRecurrent.Codes(rawValue: codes) ?? .activations)
        })
    ]
  }
}
