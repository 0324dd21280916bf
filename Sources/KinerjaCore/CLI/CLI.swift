import Foundation

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

/// Loads a policy file and checks it, keeping every source read so diagnostics can show their lines.
struct PolicyLoader {
    let workspace: Workspace
    private(set) var sources: [String: SourceFile] = [:]

    init(root: String) {
        workspace = Workspace(root: root)
    }

    /// The root given with `--root`, or else the current folder when it holds `Rules/` or `Policies/`, or else
    /// the folder above the file's own (so `kinerja eval ../repo/Policies/x.policy` finds `../repo/Rules`).
    init(root: String?, for file: String) {
        if let root {
            self.init(root: root)
        } else if FileSystem.isDirectory("Rules") || FileSystem.isDirectory("Policies") {
            self.init(root: ".")
        } else {
            let folder = file.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            let parent = folder.dropLast()
            let path = parent.joined(separator: "/")
            self.init(root: path.isEmpty ? (file.hasPrefix("/") ? "/" : (folder.isEmpty ? "." : "..")) : path)
        }
    }

    /// Checks one file; nil after printing the read error.
    mutating func check(_ path: String, io: IO) -> CheckResult? {
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(path) } catch {
            io.writeError("kinerja: \(error.message)\n")
            return nil
        }
        let source = SourceFile(path: FileSystem.displayPath(path), bytes: bytes)
        sources[source.path] = source
        let base = workspace.loader
        let recorder = SourceRecorder()
        let loader = ModuleLoader { kind, name in
            let loaded = base.load(kind, name)
            if let loaded { recorder.record(loaded) }
            return loaded
        }
        let result = Checker.check(source, loader: loader)
        for loaded in recorder.files { sources[loaded.path] = loaded }
        return result
    }

    /// Keeps a source read elsewhere (a test file) so its diagnostics show their lines.
    mutating func remember(_ source: SourceFile) {
        sources[source.path] = source
    }

    func render(_ diagnostics: [Diagnostic], style: DiagnosticRenderer.Style, color: Bool) -> String {
        DiagnosticRenderer.render(diagnostics, style: style, color: color) { sources[$0] }
    }
}

/// Collects the files a loader handed out (the loader itself must be `Sendable`).
final class SourceRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var files: [SourceFile] = []

    func record(_ file: SourceFile) {
        lock.withLock { files.append(file) }
    }
}
