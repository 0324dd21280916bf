import Foundation
import Testing

@testable import KinerjaCore

/// Broken files in `Fixtures/syntax/errors` give exactly the diagnostics in their `.expected` files.
@Suite("Parser diagnostics on broken fixtures")
struct ParserDiagnosticGoldenTests {
    static let brokenFiles = SyntaxFixtures.files(in: "errors", extensions: ["policy", "rules", "test"])

    @Test("reports the golden diagnostics", arguments: brokenFiles)
    func reportsGoldenDiagnostics(url: URL) throws {
        let source = try SyntaxFixtures.source(url)
        let diagnostics = url.pathExtension == "test"
            ? TestFileParser.parse(source).diagnostics : Parser.parse(source).diagnostics
        #expect(!diagnostics.isEmpty)
        Golden.assertMatches(DiagnosticLines.render(diagnostics, in: source),
                                    matches: url.deletingPathExtension().appendingPathExtension("expected"))
    }
}
