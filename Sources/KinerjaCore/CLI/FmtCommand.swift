/// `kinerja fmt`: lay out rules, policies and tests in the canonical way, or with `--check` list the files that
/// are not (exit 1). `-` formats standard input to standard output.
enum FmtCommand {
    static let options: [Arguments.Option] = [.flag("check"), .value("root")]

    static func run(_ arguments: [String], io: IO) throws(UsageError) -> ExitCode {
        if CLI.helpRequested(arguments, HelpText.fmt, io: io) { return .success }
        let parsed = try Arguments.parse(arguments, options: options)
        let root = parsed.values["root"] ?? "."
        if parsed.positional == ["-"] { return formatStandardInput(io: io) }
        let targets = parsed.positional.isEmpty ? ["\(root)/Rules", "\(root)/Policies"] : parsed.positional
        let check = parsed.flags.contains("check")
        var changed: [String] = []
        var failed = false
        var unreadable = false
        var loader = PolicyLoader(root: root)
        let found = CLI.files(in: targets, extensions: ["rules", "policy", "test"], io: io)
        if found.missing { unreadable = true }
        for path in found.paths {
            let bytes: [UInt8]
            do { bytes = try FileSystem.read(path) } catch {
                io.writeError("kinerja: \(error.message)\n")
                unreadable = true
                continue
            }
            let source = SourceFile(path: FileSystem.displayPath(path), bytes: bytes)
            loader.remember(source)
            switch Formatter.format(source) {
            case .syntaxErrors(let diagnostics):
                io.writeError(loader.render(diagnostics, style: .text, color: false))
                failed = true
            case .formatted(let text):
                let formatted = Array(text.utf8)
                guard formatted != bytes else { continue }
                changed.append(source.path)
                if check { continue }
                do { try FileSystem.write(formatted, to: path) } catch {
                    io.writeError("kinerja: \(error.message)\n")
                    unreadable = true
                }
            }
        }
        let listing = changed.map { (check ? "" : "formatted ") + $0 + "\n" }.joined()
        guard io.writeOutput(Array(listing.utf8)) else { return .outputClosed }
        if unreadable { return .usage }
        return failed || (check && !changed.isEmpty) ? .failure : .success
    }

    private static func formatStandardInput(io: IO) -> ExitCode {
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(descriptor: io.inputDescriptor, name: "<stdin>") } catch {
            io.writeError("kinerja: \(error.message)\n")
            return .usage
        }
        let source = SourceFile(path: "<stdin>", bytes: bytes)
        switch Formatter.format(source) {
        case .syntaxErrors(let diagnostics):
            io.writeError(DiagnosticRenderer.render(diagnostics, style: .text) { _ in source })
            return .failure
        case .formatted(let text):
            return io.writeOutput(Array(text.utf8)) ? .success : .outputClosed
        }
    }
}
