/// A command line split into options and positional arguments against a declared table of options.
/// Accepts `--name value`, `--name=value`, flags, `--` (end of options) and `-` (standard input).
public struct Arguments: Equatable {
    public var positional: [String] = []
    public var values: [String: String] = [:]
    public var flags: Set<String> = []

    /// An option a command accepts.
    public struct Option: Sendable {
        public var name: String
        public var takesValue: Bool
        public var choices: [String]?

        public static func flag(_ name: String) -> Option { Option(name: name, takesValue: false, choices: nil) }
        public static func value(_ name: String, choices: [String]? = nil) -> Option {
            Option(name: name, takesValue: true, choices: choices)
        }
    }

    public static func parse(_ arguments: [String], options: [Option]) throws(UsageError) -> Arguments {
        var result = Arguments()
        var index = 0
        var onlyPositional = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositional || !argument.hasPrefix("--") {
                if !onlyPositional, argument.hasPrefix("-"), argument != "-" {
                    throw UsageError("unknown option '\(argument)'")
                }
                result.positional.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositional = true
                continue
            }
            let body = argument.dropFirst(2)
            let name: String
            var inlineValue: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                inlineValue = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
            }
            guard let option = options.first(where: { $0.name == name }) else {
                throw UsageError("unknown option '--\(name)'")
            }
            guard option.takesValue else {
                if inlineValue != nil { throw UsageError("option '--\(name)' takes no value") }
                result.flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else { throw UsageError("option '--\(name)' needs a value") }
                value = arguments[index]
                index += 1
            }
            if let choices = option.choices, !choices.contains(value) {
                throw UsageError("option '--\(name)' must be one of \(choices.joined(separator: ", ")), not '\(value)'")
            }
            result.values[name] = value
        }
        return result
    }
}

/// A mistake in how a command was called; printed with a pointer to `--help`, exit code 2.
public struct UsageError: Error, Equatable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}
