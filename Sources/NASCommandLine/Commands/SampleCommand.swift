import Search
import SearchSpace

/// `nas-search sample`: random architectures in canonical text, one per line.
struct SampleCommand: Command {
  let name = "sample"
  let abstract = "Print random architectures of a space, one canonical string per line."
  let discussion = "The same --seed always prints the same lines."
  let options: [OptionSpec] = [
    spaceOption,
    .option("count", "n", "How many architectures to print.", default: "1"),
    .option("seed", "s", "Seed of the random generator.", default: "0"),
  ]

  func run(_ arguments: ParsedArguments) throws(CLIError) {
    guard arguments.positional.isEmpty else {
      throw .usage("'sample' takes no positional arguments", command: name)
    }
    let space = try arguments.space()
    let count = try arguments.integer("count", default: 1, in: 0...10_000_000)
    var rng = SplitMix64(seed: try arguments.seed())
    var output = ""
    for _ in 0..<count {
      output += space.genotypes.sample(using: &rng)
      output += "\n"
      if output.utf8.count > 1 << 16 {
        try StandardOutput.write(output)
        output = ""
      }
    }
    try StandardOutput.write(output)
  }
}
