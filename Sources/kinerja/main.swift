import Foundation
import KinerjaCore

signal(SIGPIPE, SIG_IGN)
let code = CLI.run(arguments: Array(CommandLine.arguments.dropFirst()),
                   io: .standard(environment: ProcessInfo.processInfo.environment))
exit(code.rawValue)
