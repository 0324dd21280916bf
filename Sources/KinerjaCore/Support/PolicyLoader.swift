import Foundation

/// Reads and checks policy and rules files within a workspace, keeping every source read (the file itself and
/// the libraries and base policies it reaches) so that diagnostics can show their lines. Shared by the
/// commands and the service.
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

    /// Reads one file and checks it.
    mutating func check(_ path: String) throws(FileSystem.ReadError) -> CheckResult {
        check(SourceFile(path: FileSystem.displayPath(path), bytes: try FileSystem.read(path)))
    }

    /// Checks source text read elsewhere (or sent in a request), reaching libraries through the workspace.
    mutating func check(_ source: SourceFile) -> CheckResult {
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

    /// Appends diagnostics as a JSON array, in the shape of `check --format json`.
    func appendJSON(_ diagnostics: [Diagnostic], to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "["))
        for (index, diagnostic) in diagnostics.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            DiagnosticRenderer.appendJSON(diagnostic, source: sources[diagnostic.path], to: &buffer)
        }
        buffer.append(UInt8(ascii: "]"))
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
