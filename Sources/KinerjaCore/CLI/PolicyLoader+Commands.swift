/// Loading for the commands: read problems and policy errors are printed to standard error.
extension PolicyLoader {
    /// Checks one file; nil after printing the read error.
    mutating func check(_ path: String, io: IO) -> CheckResult? {
        do throws(FileSystem.ReadError) {
            return try check(path)
        } catch {
            io.writeError("kinerja: \(error.message)\n")
            return nil
        }
    }

    /// The checked policy at `path`; otherwise prints why there is none and throws the exit code to end with:
    /// `.usage` for an unreadable file, `.failure` for a file with errors or a rules library.
    mutating func policy(_ path: String, io: IO) throws(ExitCode) -> CheckedPolicy {
        guard let checked = check(path, io: io) else { throw .usage }
        guard let policy = checked.policy else {
            let color = io.errorIsTerminal && io.environment["TERM"] != "dumb"
            io.writeError(render(checked.diagnostics.filter { $0.severity == .error }, style: .text, color: color))
            if checked.kind == .rules { io.writeError("kinerja: '\(path)' is a rules library, not a policy\n") }
            throw .failure
        }
        return policy
    }
}

/// An exit code can end a command early, as in swift-argument-parser.
extension ExitCode: Error {}
