import Foundation
import Testing

@testable import KinerjaCore

/// Error recovery: one problem per broken part, a tree for the rest, limits on nesting, and no input that hangs or
/// crashes the parser.
@Suite("Parser: recovery and limits")
struct ParserRecoveryTests {
    @Test("diagnostics at their places", arguments: [
        ("policy p\nx = (1 +\ny = 2", ["E0110@3:6"]),
        ("policy p\nrecord {\n nip text\nindicator i { weight 1 }", ["E0109@3:10"]),
        ("policy p\nindicator i {\n weight 1\n\nnilai = 2", ["E0109@3:10"]),
        ("policy p\nindicator i {\n aplies x\n actual y\n targt 5\n}", ["E0108@3:2", "E0108@5:2"]),
        ("policy p\nx = a < b < c\ny = (1\nz = 3", ["E0101@2:11", "E0110@3:7"]),
        ("policy p\nscale s { a \"A\" b }", ["E0112@2:17"]),
        ("policy p\nscale s { a, }", ["E0144@2:14"]),
        ("policy p\nscale s {}", ["E0144@2:10"]),
        ("policy p\noverride scale s { a }", ["E0162@2:10"]),
        ("policy p\noverride\n", ["E0135@2:9"]),
        ("policy p\nrecord { a text key key }", ["E0103@2:21"]),
        ("policy p\nbands b(x: percent, y: percent) -> e { otherwise -> a }", ["E0170@2:8"]),
        ("policy p\nmatrix m(x: e) -> e { a\n b | 1 }", ["E0170@2:9"]),
        ("policy p\nbands b(x percent) -> e { otherwise -> a }", ["E0111@2:11"]),
        ("policy p\nbands b(x: percent) e { otherwise -> a }", ["E0105@2:21"]),
        ("rules r\nrecord { a text }\nindicator i {}\noutput {}\nrecommend r when x\nx = 1",
         ["E0163@2:1", "E0163@3:1", "E0163@4:1", "E0163@5:1", "E0163@6:1"]),
        ("policy p\nx = 1\n  source \"late\"", ["E0160@3:3"]),
        ("policy p\n}\nx = 1", ["E0114@2:1"]),
        ("policy = 1", ["E0131@1:8"]),
        ("policy p\nx = 1 y = 2 z", ["E0114@2:13"]),
    ])
    func diagnosticsAtPlaces(input: String, expected: [String]) {
        #expect(Snippet.diagnosticCodes(input) == expected)
    }

    @Test("one run reports every broken declaration, and the tree keeps the good ones")
    func reportsEveryProblemAndKeepsTheRest() throws {
        let text = """
            policy p
            a = 1 +
            scale s { x, y }
            b = (2
            indicator i { weight }
            c = 3
            """
        let result = Snippet.policy(text)
        #expect(result.diagnostics.map(\.code.rawValue) == ["E0119", "E0110", "E0119"])
        let file = try #require(result.file)
        #expect(file.declarations.map(SyntaxDump.declaration) == [
            "(value a (+ 1 <invalid>))", "(scale s (x) (y))", "(value b 2)", "(indicator i (weight <invalid>))",
            "(value c 3)",
        ])
    }

    @Test("without a header there is no tree, but the rest is still checked")
    func missingHeader() {
        let result = Snippet.policy("scale s { a }\nx = (1")
        #expect(result.file == nil)
        #expect(result.diagnostics.map(\.code.rawValue) == ["E0121", "E0110"])
        #expect(Snippet.policy("tests plaju").diagnostics.first?.hint
            == "a file starting with 'tests' is a test file, read by 'kinerja test'")
    }

    @Test("every diagnostic names the file")
    func diagnosticsNameTheFile() {
        let result = Parser.parse(SourceFile(path: "Policies/plaju.policy", text: "policy p\nx = (1 § 2"))
        #expect(!result.diagnostics.isEmpty)
        #expect(result.diagnostics.allSatisfy { $0.path == "Policies/plaju.policy" })
        #expect(result.diagnostics.allSatisfy { $0.severity == .error })
    }

    // MARK: - Nesting

    /// 100,000 levels for parentheses, as asked of the parser; 10,000 (still far past the limit) for the rest.
    static let deepInputs: [(String, String)] = [
        ("parentheses", "x = " + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)),
        ("open parentheses", "x = " + String(repeating: "(", count: 100_000)),
        ("negations", "x = " + String(repeating: "-", count: 10_000) + "1"),
        ("nots", "x = " + String(repeating: "not ", count: 10_000) + "a"),
        ("defaults", "x = a" + String(repeating: " ?? a", count: 10_000)),
        ("sums", "x = 1" + String(repeating: " + 1", count: 10_000)),
        ("ands", "x = a" + String(repeating: " and a", count: 10_000)),
        ("calls", "x = f" + String(repeating: "(1)", count: 10_000)),
        ("members", "x = a" + String(repeating: ".b", count: 10_000)),
        ("sets", "x = a in {" + String(repeating: "a in {", count: 10_000)),
        ("conditionals", "x = " + String(repeating: "if a then 1 else ", count: 10_000) + "2"),
        ("types", "record { a " + String(repeating: "list of ", count: 10_000) + "text }"),
    ]

    @Test("nesting deeper than 256 levels is one diagnostic, quickly", arguments: deepInputs)
    func deepNesting(name: String, body: String) {
        let clock = ContinuousClock()
        var diagnostics: [Diagnostic] = []
        let elapsed = clock.measure {
            diagnostics = Snippet.policy("policy p\n" + body).diagnostics
        }
        #expect(diagnostics.map(\.code.rawValue) == ["E0161"], "\(name)")
        #expect(elapsed < .seconds(2), "\(name) took \(elapsed)")
    }

    @Test("nesting up to the limit is fine")
    func nestingAtTheLimit() {
        let depth = SyntaxParser.maximumNestingDepth - 1
        let text = "policy p\nx = " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        #expect(Snippet.policy(text).diagnostics.isEmpty)
    }

    // MARK: - Robustness

    @Test("every truncation of every valid fixture parses and terminates",
          arguments: SyntaxFixtures.files(in: "valid", extensions: ["policy", "rules", "test"]))
    func truncations(url: URL) throws {
        let bytes = try SyntaxFixtures.source(url).bytes
        for length in 0...bytes.count {
            let source = SourceFile(path: url.lastPathComponent, bytes: Array(bytes[..<length]))
            if url.pathExtension == "test" {
                _ = TestFileParser.parse(source)
            } else {
                _ = Parser.parse(source)
            }
        }
    }

    @Test("stray tokens in every position do not hang the parser", arguments: ["}", "{", ")", "(", ",", "->", "|", "if"])
    func strayTokens(token: String) throws {
        let url = SyntaxFixtures.directory.appendingPathComponent("valid/kemuning.policy")
        let text = String(decoding: try SyntaxFixtures.source(url).bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for index in lines.indices {
            var broken = lines
            broken[index] = Substring(token + " " + broken[index])
            let result = Snippet.policy(broken.joined(separator: "\n"))
            #expect(result.file != nil || index == 0)
            #expect(!result.diagnostics.isEmpty || broken[index].trimmingCharacters(in: .whitespaces) == token)
        }
    }
}
