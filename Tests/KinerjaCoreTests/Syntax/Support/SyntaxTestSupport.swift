import Foundation
import Testing

@testable import KinerjaCore

/// Fixture files, golden files and small helpers shared by the syntax tests.
enum SyntaxFixtures {
    /// `Tests/KinerjaCoreTests/Fixtures/syntax`, found from this file's path.
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/syntax")

    /// The files of one fixture folder with one of the given extensions, sorted by name.
    static func files(in folder: String, extensions: Set<String>) -> [URL] {
        let folderURL = directory.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folderURL.path)) ?? []
        return names.sorted().map { folderURL.appendingPathComponent($0) }.filter { extensions.contains($0.pathExtension) }
    }

    /// The fixtures without syntax errors: the examples of the language description and the formatter's inputs.
    static let wellFormed = ["valid", "format"].flatMap { files(in: $0, extensions: ["policy", "rules", "test"]) }

    /// Loads a fixture as a source file whose path is relative to the fixtures folder, so diagnostics are stable.
    static func source(_ url: URL) throws -> SourceFile {
        let bytes = try [UInt8](Data(contentsOf: url))
        let relativePath = url.path.replacingOccurrences(of: directory.path + "/", with: "")
        return SourceFile(path: relativePath, bytes: bytes)
    }
}

/// Renders diagnostics as `path:line:col: error[E0xxx]: message` lines, with the hint on the next line: just enough
/// for golden files of syntax errors (the real renderer lives elsewhere).
enum DiagnosticLines {
    static func render(_ diagnostics: [Diagnostic], in source: SourceFile) -> String {
        diagnostics.map { diagnostic in
            let location = source.location(of: diagnostic.range.start)
            var line = "\(diagnostic.path):\(location.line):\(location.column): "
                + "\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]: \(diagnostic.message)"
            if let hint = diagnostic.hint { line += "\n    hint: \(hint)" }
            return line + "\n"
        }.joined()
    }
}

/// Parsing shortcuts for inline snippets.
enum Snippet {
    static func policy(_ text: String, path: String = "test.policy") -> ParseResult {
        Parser.parse(SourceFile(path: path, text: text))
    }

    /// The dump of the declarations of `policy t` followed by `text`.
    static func declarations(_ text: String) -> String {
        let result = policy("policy t\n" + text)
        guard let file = result.file else { return "<no file>" }
        let dumps = file.declarations.map(SyntaxDump.declaration)
        return (dumps + result.diagnostics.map { "!\($0.code.rawValue) \($0.message)" }).joined(separator: "\n")
    }

    /// The dump of the expression of `x = text`, or its diagnostics.
    static func expression(_ text: String) -> String {
        let result = policy("policy t\nx = " + text)
        guard result.diagnostics.isEmpty else {
            return result.diagnostics.map { "!\($0.code.rawValue) \($0.message)" }.joined(separator: "\n")
        }
        guard case .value(let value)? = result.file?.declarations.first?.kind else { return "<no value>" }
        return SyntaxDump.expression(value.expression)
    }

    /// `code@line:column` of each diagnostic of a policy snippet.
    static func diagnosticCodes(_ text: String) -> [String] {
        let source = SourceFile(path: "t.policy", text: text)
        return Parser.parse(source).diagnostics.map { diagnostic in
            let location = source.location(of: diagnostic.range.start)
            return "\(diagnostic.code.rawValue)@\(location.line):\(location.column)"
        }
    }
}
