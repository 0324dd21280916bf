/// The command-line interface: dispatches `kinerja COMMAND …` to its command and returns the exit code.
/// All behaviour lives here, in the library; the executable only supplies the real IO.
public enum CLI {
    public static let version = "0.1.0"

    public static func run(arguments: [String], io: IO) -> ExitCode {
        guard let command = arguments.first else {
            io.writeError(HelpText.overview)
            return .usage
        }
        let rest = Array(arguments.dropFirst())
        do throws(UsageError) {
            switch command {
            case "--version", "version":
                _ = io.writeOutput(Array("kinerja \(version)\n".utf8))
                return .success
            case "--help", "-h", "help":
                _ = io.writeOutput(Array(HelpText.overview.utf8))
                return .success
            case "check": return try CheckCommand.run(rest, io: io)
            case "eval": return try EvalCommand.run(rest, io: io, explainKey: nil)
            case "explain": return try EvalCommand.runExplain(rest, io: io)
            case "test": return try TestCommand.run(rest, io: io)
            case "describe": return try DescribeCommand.run(rest, io: io)
            case "serve": return try ServeCommand.run(rest, io: io)
            case "fmt": return try FmtCommand.run(rest, io: io)
            default:
                throw UsageError("unknown command '\(command)'")
            }
        } catch {
            io.writeError("kinerja: \(error.message)\nRun 'kinerja --help' for usage.\n")
            return .usage
        }
    }

    /// The files with one of `extensions` under each target (a file or a folder), in order. A target that does not
    /// exist is reported, and makes `missing` true.
    static func files(in targets: [String], extensions: [String], io: IO) -> (paths: [String], missing: Bool) {
        var paths: [String] = []
        var missing = false
        for target in targets {
            guard FileSystem.exists(target) else {
                io.writeError("kinerja: cannot read '\(target)': no such file or directory\n")
                missing = true
                continue
            }
            paths += FileSystem.files(under: target, extensions: extensions)
        }
        return (paths, missing)
    }

    /// Prints help and returns true when `--help` was given.
    static func helpRequested(_ arguments: [String], _ text: String, io: IO) -> Bool {
        guard arguments.contains("--help") || arguments.contains("-h") else { return false }
        _ = io.writeOutput(Array(text.utf8))
        return true
    }
}
