import Foundation
import Testing

@testable import KinerjaCore

/// Every file in `Fixtures/checker` is checked and its rendered diagnostics compared with `<file>.expected`.
@Suite("Checker diagnostics (golden)")
struct CheckerGoldenTests {
    static let directory = Golden.fixtures.appendingPathComponent("checker")

    static let files: [String] = ["Rules", "Policies"].flatMap { folder in
        let names = (try? FileManager.default.contentsOfDirectory(
            atPath: directory.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".rules") || $0.hasSuffix(".policy") }.sorted().map { "\(folder)/\($0)" }
    }

    @Test("diagnostics match the golden file", arguments: files)
    func golden(_ relativePath: String) throws {
        let url = Self.directory.appendingPathComponent(relativePath)
        let source = SourceFile(path: relativePath, bytes: try [UInt8](Data(contentsOf: url)))
        let result = Checker.check(source, loader: Workspace(root: Self.directory.path).loader)
        let rendered = DiagnosticRenderer.render(result.diagnostics, style: .text) { $0 == relativePath ? source : nil }
        Golden.assertMatches(rendered, matches: url.appendingPathExtension("expected"))
    }

    @Test("the fixtures cover every checker diagnostic code")
    func coverage() throws {
        var seen = Set<String>()
        for file in Self.files {
            let text = try String(contentsOf: Self.directory.appendingPathComponent(file + ".expected"), encoding: .utf8)
            for match in text.matches(of: /\[(E0[2-5]\d\d|W01\d\d)\]/) { seen.insert(String(match.1)) }
        }
        #expect(seen.count >= 30, "codes seen: \(seen.sorted())")
    }
}
