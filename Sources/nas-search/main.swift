import Foundation
import NASCommandLine

exit(NASSearch.main(Array(CommandLine.arguments.dropFirst())))
