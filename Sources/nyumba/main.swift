import Foundation
import NyumbaApp

exit(Commands.main(Array(CommandLine.arguments.dropFirst())))
