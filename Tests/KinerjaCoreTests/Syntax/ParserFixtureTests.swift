import Foundation
import Testing

@testable import KinerjaCore

/// The example files of the language description parse without diagnostics into the trees in their `.tree` files.
@Suite("Parser on valid fixtures")
struct ParserFixtureTests {
    static let validFiles = SyntaxFixtures.files(in: "valid", extensions: ["policy", "rules", "test"])

    @Test("parses to the golden tree", arguments: validFiles)
    func parsesToGoldenTree(url: URL) throws {
        let source = try SyntaxFixtures.source(url)
        let dump: String
        let diagnostics: [Diagnostic]
        if url.pathExtension == "test" {
            let result = TestFileParser.parse(source)
            dump = result.file.map(SyntaxDump.testFile) ?? "<no file>"
            diagnostics = result.diagnostics
        } else {
            let result = Parser.parse(source)
            dump = result.file.map(SyntaxDump.file) ?? "<no file>"
            diagnostics = result.diagnostics
        }
        #expect(DiagnosticLines.render(diagnostics, in: source) == "")
        Golden.assertMatches(dump + "\n", matches: url.appendingPathExtension("tree"))
    }
}
