import Foundation

exit(NASSearch.main(Array(CommandLine.arguments.dropFirst())))
