/// `kinerja test`: run policy test files and report each failure, ending with `N passed, N failed`.
enum TestCommand {
    static let options: [Arguments.Option] = [.value("root")]

    static func run(_ arguments: [String], io: IO) throws(UsageError) -> ExitCode {
        if CLI.helpRequested(arguments, HelpText.test, io: io) { return .success }
        let parsed = try Arguments.parse(arguments, options: options)
        let root = parsed.values["root"] ?? "."
        let targets = parsed.positional.isEmpty ? ["\(root)/Policies"] : parsed.positional
        var loader = PolicyLoader(root: root)
        var passed = 0
        var failed = 0
        var unreadable = false
        var output = ""
        let found = CLI.files(in: targets, extensions: ["test"], io: io)
        if found.missing { unreadable = true }
        for path in found.paths {
            guard let suite = load(path, loader: &loader, io: io, diagnosticsOnly: false) else {
                unreadable = true
                continue
            }
            switch suite {
            case .broken(let diagnostics):
                io.writeError(loader.render(diagnostics, style: .text, color: false))
                failed += 1
            case .ready(let file, let runner, let source):
                for (number, testCase) in zip(1..., file.cases) {
                    let failures = runner.run(testCase, number: number, path: source.path)
                    if failures.isEmpty {
                        passed += 1
                        continue
                    }
                    failed += 1
                    for failure in failures {
                        let at = source.location(of: failure.range.start)
                        output += "\(failure.path):\(at.line):\(at.column): FAIL \"\(failure.caseName)\": \(failure.message)\n"
                    }
                }
            }
        }
        output += "\(passed) passed, \(failed) failed\n"
        guard io.writeOutput(Array(output.utf8)) else { return .outputClosed }
        if unreadable { return .usage }
        return failed > 0 ? .failure : .success
    }

    /// A test file ready to run, or the diagnostics that stop it.
    enum Suite {
        case ready(TestFileSyntax, PolicyTestRunner, SourceFile)
        case broken([Diagnostic])
    }

    /// Reads and parses a test file and checks its policy; nil when the file cannot be read.
    static func load(_ path: String, loader: inout PolicyLoader, io: IO, diagnosticsOnly: Bool) -> Suite? {
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(path) } catch {
            io.writeError("kinerja: \(error.message)\n")
            return nil
        }
        let source = SourceFile(path: FileSystem.displayPath(path), bytes: bytes)
        loader.remember(source)
        let parsed = TestFileParser.parse(source)
        guard let file = parsed.file, !parsed.diagnostics.contains(where: { $0.severity == .error }) else {
            return .broken(parsed.diagnostics)
        }
        // Read as the name reaches it, checked as opened (no link swapped in, no FIFO waited on).
        let policySource: SourceFile?
        do throws(FileSystem.ReadError) {
            policySource = try loader.workspace.source(of: .policy, named: file.policy.name)
        } catch {
            io.writeError("kinerja: \(error.message)\n")
            policySource = nil
        }
        guard let policySource else {
            let message = CheckerMessages(path: source.path).unknownModule(.policy, file.policy.name, file.policy.range)
            return .broken(parsed.diagnostics + [message])
        }
        let checked = loader.check(policySource)
        guard let policy = checked.policy else {
            let message = CheckerMessages(path: source.path).moduleHasErrors(file.policy.name, file.policy.range)
            return .broken(parsed.diagnostics + [message])
        }
        if diagnosticsOnly { return .broken(parsed.diagnostics) }
        return .ready(file, PolicyTestRunner(policy: policy), source)
    }
}
