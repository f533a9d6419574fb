// nas-bench: the release-build speed report of the kernels (and, later, the networks)
// against this machine's measured peak.
//
//   swift run -c release nas-bench [--filter SUBSTRING] [--json FILE] [--samples N]
//   swift run -c release nas-bench networks [samples]
//   swift run -c release nas-bench stability [cells] [initializations] [passes at once]
//   swift run -c release nas-bench search [config] [samples]

import Foundation
import Networks

// `nas-bench networks [samples]`: the network tables alone (NB201, NB101, NB-NLP, SGEMM).
if CommandLine.arguments.dropFirst().first == "networks" {
  let samples = CommandLine.arguments.dropFirst(2).first.flatMap { Int($0) } ?? 3
  runNetworkReport(samples: samples)
  exit(0)
}

// `nas-bench stability [cells] [initializations] [passes at once]`: accuracy-stability
// end to end.
if CommandLine.arguments.dropFirst().first == "stability" {
  let cells = CommandLine.arguments.dropFirst(2).first.flatMap { Int($0) } ?? 5
  let initializations = CommandLine.arguments.dropFirst(3).first.flatMap { Int($0) } ?? 100
  let passesAtOnce = CommandLine.arguments.dropFirst(4).first.flatMap { Int($0) }
  StabilityReport.run(
    cells: max(1, cells), initializations: max(2, initializations),
    passesAtOnce: passesAtOnce.map { max(1, $0) })
  exit(0)
}

// `nas-bench search [config] [samples]`: `nas-search run` of a benchmark-only config end
// to end, beside the plain-Python simulation of the same searches.
if CommandLine.arguments.dropFirst().first == "search" {
  let config = CommandLine.arguments.dropFirst(2).first ?? "configs/nb201-rea-cifar10.json"
  let samples = CommandLine.arguments.dropFirst(3).first.flatMap { Int($0) } ?? 5
  SearchReport.run(config: config, samples: max(1, samples))
  exit(0)
}

let options: BenchOptions
do {
  options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
  FileHandle.standardError.write(Data("Error: \(error)\n\(BenchOptions.usage)\n".utf8))
  exit(64)
}
if options.help {
  print(BenchOptions.usage)
  exit(0)
}
exit(runReport(options))
