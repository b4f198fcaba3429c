import Foundation
import NyumbaApp

exit(Commands.main(Commands.processArguments()))
