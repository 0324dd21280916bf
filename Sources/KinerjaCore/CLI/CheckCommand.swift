/// `kinerja check`: parse and check files, print all diagnostics.
enum CheckCommand {
    static let options: [Arguments.Option] = [
        .value("format", choices: ["text", "json", "github"]), .flag("strict"), .value("root"),
        .value("color", choices: ["auto", "always", "never"]),
    ]

    static func run(_ arguments: [String], io: IO) throws(UsageError) -> ExitCode {
        if CLI.helpRequested(arguments, HelpText.check, io: io) { return .success }
        let parsed = try Arguments.parse(arguments, options: options)
        let root = parsed.values["root"] ?? "."
        let targets = parsed.positional.isEmpty ? ["\(root)/Rules", "\(root)/Policies"] : parsed.positional
        var loader = PolicyLoader(root: root)
        var diagnostics: [Diagnostic] = []
        var unreadable = false
        let found = CLI.files(in: targets, extensions: ["rules", "policy", "test"], io: io)
        if found.missing { unreadable = true }
        for path in found.paths {
            if path.hasSuffix(".test") {
                switch TestCommand.load(path, loader: &loader, io: io, diagnosticsOnly: true) {
                case nil: unreadable = true
                case .broken(let found)?: diagnostics += found
                case .ready?: break
                }
            } else {
                guard let result = loader.check(path, io: io) else {
                    unreadable = true
                    continue
                }
                diagnostics += result.diagnostics
            }
        }
        if parsed.flags.contains("strict") {
            diagnostics = diagnostics.map { diagnostic in
                var promoted = diagnostic
                if promoted.severity == .warning { promoted.severity = .error }
                return promoted
            }
        }
        let style = DiagnosticRenderer.Style(rawValue: parsed.values["format"] ?? "text") ?? .text
        let colorChoice = parsed.values["color"] ?? "auto"
        let color = colorChoice == "always"
            || (colorChoice == "auto" && io.errorIsTerminal && io.environment["TERM"] != "dumb"
                && io.environment["NO_COLOR"] == nil)
        let text = loader.render(diagnostics, style: style, color: style == .text && color)
        if style != .text {
            _ = io.writeOutput(Array(text.utf8))
        } else {
            io.writeError(text)
        }
        if unreadable { return .usage }
        return diagnostics.contains { $0.severity == .error } ? .failure : .success
    }
}
