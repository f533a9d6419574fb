// swift-tools-version: 6.0
// nas-search: neural architecture search with zero-cost proxies, in Swift.

import Foundation
import PackageDescription

// MARK: - CPU target for the numeric kernels
//
// The kernels in `Networks` need a `-target-cpu` with FMA and wide SIMD, otherwise
// `addingProduct` becomes a library call and they run an order of magnitude slower.
// The default is `native` (the fast path on the machine that builds, which is where
// this tool runs). Override with `NAS_TARGET_CPU=<cpu>` (e.g. `znver4`,
// `skylake-avx512`, `apple-m1`) or turn it off with `NAS_TARGET_CPU=portable`.
// SwiftPM refuses unsafe flags in a package that is a versioned dependency, so when
// this package is checked out as somebody else's dependency (under `checkouts/`), it
// builds portably by itself.
let isDependencyCheckout = Context.packageDirectory.contains("/checkouts/")
let requestedCPU = Context.environment["NAS_TARGET_CPU"] ?? "native"
let fastKernels = !isDependencyCheckout && requestedCPU != "portable"

// With AVX-512 (32 vector registers), the direct convolution's register tile uses
// 512-bit vectors (`NAS_WIDE_TILES`): measured 10-15% faster on Zen 4. Without it the
// wide tile would spill, so it is on only when the target CPU has AVX-512: read from
// /proc/cpuinfo for `native`, from the CPU name otherwise. `NAS_WIDE_TILES=0|1` overrides.
let avx512CPUs: Set<String> = [
  "znver4", "znver5", "skylake-avx512", "cascadelake", "cooperlake", "icelake-client",
  "icelake-server", "tigerlake", "rocketlake", "sapphirerapids", "emeraldrapids",
  "graniterapids",
]
func buildMachineHasAVX512() -> Bool {
  guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
    return false
  }
  return cpuinfo.split(separator: "\n").contains { line in
    line.hasPrefix("flags") && line.split(separator: " ").contains("avx512f")
  }
}
let wideTiles: Bool =
  switch Context.environment["NAS_WIDE_TILES"] {
  case "1": fastKernels
  case "0": false
  default:
    fastKernels
      && (requestedCPU == "native" ? buildMachineHasAVX512() : avx512CPUs.contains(requestedCPU))
  }

/// Flags for modules with hot loops: a target CPU and, in debug builds, `-O` so that
/// `swift test` does not run the kernels 1000x slower.
let kernelSettings: [SwiftSetting] =
  (fastKernels
    ? [
      .unsafeFlags(["-target-cpu", requestedCPU]),
      .unsafeFlags(["-O"], .when(configuration: .debug)),
    ] : []) + (wideTiles ? [.define("NAS_WIDE_TILES")] : [])

let package = Package(
  name: "nas-search",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "nas-search", targets: ["nas-search"]),
    .executable(name: "nas-bench", targets: ["nas-bench"]),
    .library(name: "SearchSpace", targets: ["SearchSpace"]),
    .library(name: "TabularBenchmarks", targets: ["TabularBenchmarks"]),
    .library(name: "Networks", targets: ["Networks"]),
    .library(name: "Proxies", targets: ["Proxies"]),
    .library(name: "Search", targets: ["Search"]),
    .library(name: "NASCommandLine", targets: ["NASCommandLine"]),
  ],
  targets: [
    // Genotypes: sample, mutate, validate, text form, identity hash. No numerics, no files.
    .target(name: "SearchSpace"),
    // Trained-accuracy tables: NB201 CSV, NB101 CSV/TFRecord, NB-NLP logs.
    .target(name: "TabularBenchmarks", dependencies: ["SearchSpace"]),
    // Tensors, kernels, reverse-mode autodiff, the benchmarks' networks.
    .target(name: "Networks", dependencies: ["SearchSpace"], swiftSettings: kernelSettings),
    // Zero-cost scorers and their input batches.
    .target(name: "Proxies", dependencies: ["Networks"], swiftSettings: kernelSettings),
    // Strategies, evaluators, budgets, configs, run records.
    .target(name: "Search", dependencies: ["Proxies", "TabularBenchmarks"]),
    // The command line as a library, so that a program can register its own spaces,
    // proxies and strategies and run it (and tests can run it in-process).
    .target(name: "NASCommandLine", dependencies: ["Search"]),
    .executableTarget(name: "nas-search", dependencies: ["NASCommandLine"]),
    // Test helpers shared by every test target: reference-data discovery, independent
    // readers of the reference files, temporary directories, mismatch collection.
    .target(name: "NASTestSupport", path: "Sources/NASTestSupport"),
    // Release-build speed report: kernels and networks against this machine's peak.
    .executableTarget(
      name: "nas-bench", dependencies: ["Proxies", "TabularBenchmarks"],
      swiftSettings: kernelSettings),

    .testTarget(name: "SearchSpaceTests", dependencies: ["SearchSpace", "NASTestSupport"]),
    .testTarget(
      name: "TabularBenchmarksTests", dependencies: ["TabularBenchmarks", "NASTestSupport"]),
    .testTarget(
      name: "NetworksTests", dependencies: ["Networks", "NASTestSupport"],
      swiftSettings: kernelSettings),
    .testTarget(name: "ProxiesTests", dependencies: ["Proxies", "NASTestSupport"]),
    .testTarget(name: "SearchTests", dependencies: ["Search", "NASTestSupport"]),
    .testTarget(
      name: "CLITests", dependencies: ["nas-search", "NASCommandLine", "NASTestSupport"]),
    // A space, a proxy and a strategy defined and registered outside Sources/.
    .testTarget(
      name: "RegistrationTests", dependencies: ["NASCommandLine", "Search", "NASTestSupport"]),
  ]
)

for target in package.targets {
  var settings = target.swiftSettings ?? []
  settings.append(.enableUpcomingFeature("ExistentialAny"))
  settings.append(.enableUpcomingFeature("MemberImportVisibility"))
  target.swiftSettings = settings
}
